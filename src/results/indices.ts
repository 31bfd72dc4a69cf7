// The official indices the registry knows. PAR INDEX carries a grade (A ≥ 90, B 80–< 90, C < 80);
// PAPI and PCI are listed so their figures can be imported when needed.

export interface OfficialIndexDef {
  code: string;
  nameVi: string;
  nameEn: string;
  graded: boolean;
}

export const OFFICIAL_INDICES: OfficialIndexDef[] = [
  { code: "PAR_INDEX", nameVi: "Chỉ số cải cách hành chính (PAR INDEX)", nameEn: "Public Administration Reform Index (PAR INDEX)", graded: true },
  { code: "SIPAS", nameVi: "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)", nameEn: "Satisfaction Index of Public Administrative Services (SIPAS)", graded: false },
  { code: "SIPAS_ACCESS", nameVi: "SIPAS – Tiếp cận dịch vụ", nameEn: "SIPAS – Access to services", graded: false },
  { code: "SIPAS_PROCEDURES", nameVi: "SIPAS – Thủ tục hành chính", nameEn: "SIPAS – Administrative procedures", graded: false },
  { code: "SIPAS_CIVIL_SERVANTS", nameVi: "SIPAS – Công chức trực tiếp giải quyết công việc", nameEn: "SIPAS – Civil servants", graded: false },
  { code: "SIPAS_RESULTS", nameVi: "SIPAS – Kết quả cung ứng dịch vụ", nameEn: "SIPAS – Service results", graded: false },
  { code: "SIPAS_FEEDBACK", nameVi: "SIPAS – Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", nameEn: "SIPAS – Handling feedback and petitions", graded: false },
  { code: "PAPI", nameVi: "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)", nameEn: "Provincial Governance and Public Administration Performance Index (PAPI)", graded: false },
  { code: "PCI", nameVi: "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", nameEn: "Provincial Competitiveness Index (PCI)", graded: false },
];

export type Grade = "A" | "B" | "C";

/** PAR INDEX grade of a value in percent. */
export function gradeOf(value: number): Grade {
  return value >= 90 ? "A" : value >= 80 ? "B" : "C";
}

/** "PAR_INDEX" → "PAR INDEX", as the index is written in reports. */
export function indexLabel(code: string): string {
  return code.replace(/_/g, " ");
}
