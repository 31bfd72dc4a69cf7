import { describe, expect, it } from "vitest";
import { OFFICIAL_UNITS, unitResolver } from "../../src/results/units.ts";

describe("units", () => {
  it("has the 63 provinces with unique codes and slugs", () => {
    const provinces = OFFICIAL_UNITS.filter((u) => u.kind === "province");
    expect(provinces).toHaveLength(63);
    expect(new Set(OFFICIAL_UNITS.map((u) => u.code)).size).toBe(OFFICIAL_UNITS.length);
    expect(new Set(OFFICIAL_UNITS.map((u) => u.slug)).size).toBe(OFFICIAL_UNITS.length);
  });
  it("resolves a unit by code, slug or name, with or without diacritics", () => {
    const find = unitResolver(OFFICIAL_UNITS);
    for (const ref of ["20", "lang-son", "Lạng Sơn", "lang son", "LANG SON", "Lang Son"]) expect(find(ref)?.code, ref).toBe("20");
    expect(find("Bà Rịa – Vũng Tàu")?.code).toBe("77");
    expect(find("Đà Nẵng")?.code).toBe("48");
    expect(find("Atlantis")).toBeUndefined();
  });
});
