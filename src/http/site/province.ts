// Which province the site speaks for (pure). The agency registry does not link to the official-results
// registry; a province's top-level agency is named after it ("Trung tâm Phục vụ hành chính công tỉnh
// Lạng Sơn", "UBND tỉnh Lạng Sơn"), so the name says which province's published results belong here.
import type { OfficialUnitDef } from "../../results/units.ts";

const PROVINCE_SUFFIX = /(?:^|\s)(?:tỉnh|thành phố|tp\.?)\s+(.+)$/iu;

const fold = (s: string) => s.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();

/** The province unit named at the end of the first top-level agency name that names one, else null. */
export function provinceOf(topAgencyNames: string[], units: OfficialUnitDef[]): OfficialUnitDef | null {
  const provinces = new Map(units.filter((u) => u.kind === "province").map((u) => [fold(u.nameVi), u]));
  for (const name of topAgencyNames) {
    const m = PROVINCE_SUFFIX.exec(name.normalize("NFC").trim());
    const unit = m?.[1] ? provinces.get(fold(m[1])) : undefined;
    if (unit) return unit;
  }
  return null;
}
