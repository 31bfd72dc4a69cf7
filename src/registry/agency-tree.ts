// The agency registry as a tree (pure): roots by code, each child indented under its parent.
import type { Agency } from "../store/agencies.ts";

export interface AgencyNode {
  code: string;
  nameVi: string;
  nameEn: string | null;
  questionnaireId: string;
  children: AgencyNode[];
}

export function buildAgencyTree(agencies: Agency[]): AgencyNode[] {
  const nodes = new Map(agencies.map((a) => [a.id, { code: a.code, nameVi: a.nameVi, nameEn: a.nameEn, questionnaireId: a.questionnaireId, children: [] as AgencyNode[] }]));
  const roots: AgencyNode[] = [];
  for (const a of agencies) {
    const node = nodes.get(a.id)!;
    const parent = a.parentId === null ? undefined : nodes.get(a.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: AgencyNode[]) => {
    list.sort((x, y) => x.code.localeCompare(y.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Box-drawing lines: `code  name_vi / name_en  [questionnaire]`. */
export function renderAgencyTree(roots: AgencyNode[]): string[] {
  const lines: string[] = [];
  const walk = (list: AgencyNode[], prefix: string, top: boolean) => {
    list.forEach((n, i) => {
      const last = i === list.length - 1;
      const branch = top ? "" : last ? "└─ " : "├─ ";
      const names = n.nameEn ? `${n.nameVi} / ${n.nameEn}` : n.nameVi;
      lines.push(`${prefix}${branch}${n.code}  ${names}  [${n.questionnaireId}]`);
      walk(n.children, top ? "" : `${prefix}${last ? "   " : "│  "}`, false);
    });
  };
  walk(roots, "", true);
  return lines;
}
