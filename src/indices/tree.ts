// The agency tree (province → department → commune) as report groups; the report adds each agency's
// responses into its ancestors (report.ts), so a parent's figures cover its whole subtree.
import type { GroupDef } from "./types.ts";

export interface AgencyNode {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  parentId: number | null;
}

function byCode(a: AgencyNode, b: AgencyNode): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * Groups for the agencies of a selection in depth-first order (children sorted by code). `nodes` is the
 * whole selection; its tops are the nodes whose parent is not in it.
 */
export function agencyGroups(nodes: AgencyNode[]): GroupDef[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<number | null, AgencyNode[]>();
  const tops: AgencyNode[] = [];
  for (const n of nodes) {
    if (n.parentId === null || !ids.has(n.parentId)) tops.push(n);
    else {
      const list = children.get(n.parentId) ?? [];
      list.push(n);
      children.set(n.parentId, list);
    }
  }
  const codeOf = new Map(nodes.map((n) => [n.id, n.code]));
  const out: GroupDef[] = [];
  const visit = (n: AgencyNode, depth: number) => {
    out.push({
      key: n.code,
      name: { vi: n.nameVi, en: n.nameEn ?? n.nameVi },
      // Top-level agencies are siblings of each other; a selected sub-agency keeps its real parent (alone there).
      parentKey: n.parentId === null ? null : (codeOf.get(n.parentId) ?? `#${n.parentId}`),
      depth,
    });
    for (const c of (children.get(n.id) ?? []).sort(byCode)) visit(c, depth + 1);
  };
  for (const t of tops.sort(byCode)) visit(t, 0);
  return out;
}
