// The official indices the registry knows. PAR INDEX carries a grade (A ≥ 90, B 80–< 90, C < 80);
// PAPI and PCI are listed so their figures can be imported when needed. A headline index lists its parts in
// the order its method does: SIPAS its five elements (Decision 2640/QĐ-BNV), PAR INDEX the eight fields of
// the provincial PAR INDEX up to 2021 (the province's 2021 report names "administrative procedure reform" and
// "impact of PAR on people, organisations and the economy" among them). Names are refreshed from this list on
// every start, so a corrected name ships with the code; codes never change.

export interface OfficialIndexDef {
  code: string;
  nameVi: string;
  nameEn: string;
  graded: boolean;
  /** The headline index this one is a part of, or null. */
  parentCode: string | null;
  /** Place among the parent's parts (1 = first), or null for a headline index. */
  position: number | null;
}

function headline(code: string, nameVi: string, nameEn: string, graded = false): OfficialIndexDef {
  return { code, nameVi, nameEn, graded, parentCode: null, position: null };
}

function parts(parentCode: string, list: [code: string, nameVi: string, nameEn: string][]): OfficialIndexDef[] {
  return list.map(([code, nameVi, nameEn], i) => ({ code, nameVi, nameEn, graded: false, parentCode, position: i + 1 }));
}

export const OFFICIAL_INDICES: OfficialIndexDef[] = [
  headline("PAR_INDEX", "Chỉ số cải cách hành chính (PAR INDEX)", "Public Administration Reform Index (PAR INDEX)", true),
  headline("SIPAS", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)", "Satisfaction Index of Public Administrative Services (SIPAS)"),
  ...parts("SIPAS", [
    ["SIPAS_ACCESS", "SIPAS – Tiếp cận dịch vụ", "SIPAS – Access to services"],
    ["SIPAS_PROCEDURES", "SIPAS – Thủ tục hành chính", "SIPAS – Administrative procedures"],
    ["SIPAS_CIVIL_SERVANTS", "SIPAS – Công chức trực tiếp giải quyết công việc", "SIPAS – Civil servants"],
    ["SIPAS_RESULTS", "SIPAS – Kết quả cung ứng dịch vụ", "SIPAS – Service results"],
    ["SIPAS_FEEDBACK", "SIPAS – Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", "SIPAS – Handling feedback and petitions"],
  ]),
  ...parts("PAR_INDEX", [
    ["PAR_DIRECTION", "PAR INDEX – Công tác chỉ đạo, điều hành cải cách hành chính", "PAR INDEX – Direction of administrative reform"],
    ["PAR_LEGAL", "PAR INDEX – Xây dựng và thực hiện văn bản quy phạm pháp luật", "PAR INDEX – Legal documents"],
    ["PAR_PROCEDURES", "PAR INDEX – Cải cách thủ tục hành chính", "PAR INDEX – Administrative procedure reform"],
    ["PAR_APPARATUS", "PAR INDEX – Cải cách tổ chức bộ máy hành chính", "PAR INDEX – Reform of the administrative apparatus"],
    ["PAR_CIVIL_SERVICE", "PAR INDEX – Đội ngũ cán bộ, công chức, viên chức", "PAR INDEX – Civil servants and public employees"],
    ["PAR_FINANCE", "PAR INDEX – Cải cách tài chính công", "PAR INDEX – Public finance reform"],
    ["PAR_MODERNISATION", "PAR INDEX – Hiện đại hóa hành chính", "PAR INDEX – Modernising the administration"],
    [
      "PAR_IMPACT",
      "PAR INDEX – Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
      "PAR INDEX – Impact of reform on people, organisations and the economy",
    ],
  ]),
  headline("PAPI", "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)", "Provincial Governance and Public Administration Performance Index (PAPI)"),
  headline("PCI", "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", "Provincial Competitiveness Index (PCI)"),
];

/**
 * Years from which an index was measured by a new method, so neither compared with nor drawn next to the
 * years before: SIPAS (and its elements) from 2022, when the survey moved to random residents. A note saying
 * "new method" on a row marks the same for an index not listed here.
 */
const METHOD_CHANGES: Record<string, number[]> = { SIPAS: [2022] };

export function methodChanges(index: Pick<OfficialIndexDef, "code" | "parentCode">): number[] {
  return METHOD_CHANGES[index.parentCode ?? index.code] ?? [];
}

export type Grade = "A" | "B" | "C";

/** PAR INDEX grade of a value in percent. */
export function gradeOf(value: number): Grade {
  return value >= 90 ? "A" : value >= 80 ? "B" : "C";
}

/** A post about several indices together names them joined by "+": "PAR_INDEX+SIPAS". */
export const JOINED = "+";

/** "PAR_INDEX" → "PAR INDEX", as the index is written in reports; "PAR_INDEX+SIPAS" → "PAR INDEX + SIPAS". */
export function indexLabel(code: string): string {
  return code
    .split(JOINED)
    .map((c) => c.replace(/_/g, " "))
    .join(" + ");
}

/** An index's parts, in their order. */
export function partsOf(index: Pick<OfficialIndexDef, "code">, indices: readonly OfficialIndexDef[]): OfficialIndexDef[] {
  return indices.filter((i) => i.parentCode === index.code).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
}

/** "SIPAS – Tiếp cận dịch vụ" → "Tiếp cận dịch vụ": a part is named by what follows its parent's name. */
export function partName(name: string): string {
  return /^[^–-]+\s[–-]\s(.+)$/.exec(name)?.[1] ?? name;
}
