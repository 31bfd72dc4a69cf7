// The units official indices are published for. Provinces carry their GSO administrative code (Decision
// 124/2004/QĐ-TTg), which is stable and never reused; the 63 are the units of every published table up to
// 2024, so the registry keeps them even where provinces have since merged. Ministries and aggregates
// (national averages) use short letter codes.

export type UnitKind = "province" | "ministry" | "aggregate";

export interface OfficialUnitDef {
  code: string;
  kind: UnitKind;
  slug: string;
  nameVi: string;
  nameEn: string;
}

const PROVINCES: [code: string, slug: string, nameVi: string, nameEn: string][] = [
  ["01", "ha-noi", "Hà Nội", "Ha Noi"],
  ["02", "ha-giang", "Hà Giang", "Ha Giang"],
  ["04", "cao-bang", "Cao Bằng", "Cao Bang"],
  ["06", "bac-kan", "Bắc Kạn", "Bac Kan"],
  ["08", "tuyen-quang", "Tuyên Quang", "Tuyen Quang"],
  ["10", "lao-cai", "Lào Cai", "Lao Cai"],
  ["11", "dien-bien", "Điện Biên", "Dien Bien"],
  ["12", "lai-chau", "Lai Châu", "Lai Chau"],
  ["14", "son-la", "Sơn La", "Son La"],
  ["15", "yen-bai", "Yên Bái", "Yen Bai"],
  ["17", "hoa-binh", "Hòa Bình", "Hoa Binh"],
  ["19", "thai-nguyen", "Thái Nguyên", "Thai Nguyen"],
  ["20", "lang-son", "Lạng Sơn", "Lang Son"],
  ["22", "quang-ninh", "Quảng Ninh", "Quang Ninh"],
  ["24", "bac-giang", "Bắc Giang", "Bac Giang"],
  ["25", "phu-tho", "Phú Thọ", "Phu Tho"],
  ["26", "vinh-phuc", "Vĩnh Phúc", "Vinh Phuc"],
  ["27", "bac-ninh", "Bắc Ninh", "Bac Ninh"],
  ["30", "hai-duong", "Hải Dương", "Hai Duong"],
  ["31", "hai-phong", "Hải Phòng", "Hai Phong"],
  ["33", "hung-yen", "Hưng Yên", "Hung Yen"],
  ["34", "thai-binh", "Thái Bình", "Thai Binh"],
  ["35", "ha-nam", "Hà Nam", "Ha Nam"],
  ["36", "nam-dinh", "Nam Định", "Nam Dinh"],
  ["37", "ninh-binh", "Ninh Bình", "Ninh Binh"],
  ["38", "thanh-hoa", "Thanh Hóa", "Thanh Hoa"],
  ["40", "nghe-an", "Nghệ An", "Nghe An"],
  ["42", "ha-tinh", "Hà Tĩnh", "Ha Tinh"],
  ["44", "quang-binh", "Quảng Bình", "Quang Binh"],
  ["45", "quang-tri", "Quảng Trị", "Quang Tri"],
  ["46", "thua-thien-hue", "Thừa Thiên Huế", "Thua Thien Hue"],
  ["48", "da-nang", "Đà Nẵng", "Da Nang"],
  ["49", "quang-nam", "Quảng Nam", "Quang Nam"],
  ["51", "quang-ngai", "Quảng Ngãi", "Quang Ngai"],
  ["52", "binh-dinh", "Bình Định", "Binh Dinh"],
  ["54", "phu-yen", "Phú Yên", "Phu Yen"],
  ["56", "khanh-hoa", "Khánh Hòa", "Khanh Hoa"],
  ["58", "ninh-thuan", "Ninh Thuận", "Ninh Thuan"],
  ["60", "binh-thuan", "Bình Thuận", "Binh Thuan"],
  ["62", "kon-tum", "Kon Tum", "Kon Tum"],
  ["64", "gia-lai", "Gia Lai", "Gia Lai"],
  ["66", "dak-lak", "Đắk Lắk", "Dak Lak"],
  ["67", "dak-nong", "Đắk Nông", "Dak Nong"],
  ["68", "lam-dong", "Lâm Đồng", "Lam Dong"],
  ["70", "binh-phuoc", "Bình Phước", "Binh Phuoc"],
  ["72", "tay-ninh", "Tây Ninh", "Tay Ninh"],
  ["74", "binh-duong", "Bình Dương", "Binh Duong"],
  ["75", "dong-nai", "Đồng Nai", "Dong Nai"],
  ["77", "ba-ria-vung-tau", "Bà Rịa - Vũng Tàu", "Ba Ria - Vung Tau"],
  ["79", "ho-chi-minh", "Thành phố Hồ Chí Minh", "Ho Chi Minh City"],
  ["80", "long-an", "Long An", "Long An"],
  ["82", "tien-giang", "Tiền Giang", "Tien Giang"],
  ["83", "ben-tre", "Bến Tre", "Ben Tre"],
  ["84", "tra-vinh", "Trà Vinh", "Tra Vinh"],
  ["86", "vinh-long", "Vĩnh Long", "Vinh Long"],
  ["87", "dong-thap", "Đồng Tháp", "Dong Thap"],
  ["89", "an-giang", "An Giang", "An Giang"],
  ["91", "kien-giang", "Kiên Giang", "Kien Giang"],
  ["92", "can-tho", "Cần Thơ", "Can Tho"],
  ["93", "hau-giang", "Hậu Giang", "Hau Giang"],
  ["94", "soc-trang", "Sóc Trăng", "Soc Trang"],
  ["95", "bac-lieu", "Bạc Liêu", "Bac Lieu"],
  ["96", "ca-mau", "Cà Mau", "Ca Mau"],
];

export const OFFICIAL_UNITS: OfficialUnitDef[] = [
  ...PROVINCES.map(([code, slug, nameVi, nameEn]) => ({ code, kind: "province" as const, slug, nameVi, nameEn })),
  { code: "VN", kind: "aggregate", slug: "vn-provinces", nameVi: "Trung bình 63 tỉnh, thành phố", nameEn: "Average of the 63 provinces" },
  { code: "VN-MIN", kind: "aggregate", slug: "vn-ministries", nameVi: "Trung bình các bộ, cơ quan ngang bộ", nameEn: "Average of the ministries" },
  { code: "MOJ", kind: "ministry", slug: "moj", nameVi: "Bộ Tư pháp", nameEn: "Ministry of Justice" },
];

/** Lower-case, diacritics removed (đ → d), spaces and punctuation collapsed: "Bà Rịa–Vũng Tàu" → "ba ria vung tau". */
export function foldName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Finds a unit by code, slug, or Vietnamese/English name (with or without diacritics). */
export function unitResolver(units: OfficialUnitDef[]): (ref: string) => OfficialUnitDef | undefined {
  const index = new Map<string, OfficialUnitDef>();
  for (const u of units) {
    for (const key of [u.code.toLowerCase(), u.slug, foldName(u.nameVi), foldName(u.nameEn)]) if (!index.has(key)) index.set(key, u);
  }
  return (ref) => {
    const r = ref.trim();
    return index.get(r.toLowerCase()) ?? index.get(foldName(r)) ?? index.get(foldName(r).replace(/ /g, "-"));
  };
}

/** The aggregate a unit is averaged in: the 63 provinces' average for a province, the ministries' for a ministry. */
export function averageUnitOf(kind: UnitKind): string | null {
  return kind === "province" ? "VN" : kind === "ministry" ? "VN-MIN" : null;
}
