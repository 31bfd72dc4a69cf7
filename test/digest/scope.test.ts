// Which agencies a staff member may see, and which a digest shows: scope codes with their subtrees, an
// empty scope meaning every agency, and a scope whose agencies all vanished meaning none (never all).
import { describe, expect, it } from "vitest";
import { agenciesInScope, effectiveScope, resolveSelection, scopeRoots, withinScope, type RegistryAgency } from "../../src/staff/scope.ts";

const registry: RegistryAgency[] = [
  { id: 1, code: "LSN", nameVi: "Tỉnh Lạng Sơn", nameEn: "Lạng Sơn Province", parentId: null },
  { id: 2, code: "STP", nameVi: "Sở Tư pháp", nameEn: null, parentId: 1 },
  { id: 3, code: "SXD", nameVi: "Sở Xây dựng", nameEn: "Department of Construction", parentId: 1 },
  { id: 4, code: "STP-PC", nameVi: "Phòng Công chứng số 1", nameEn: null, parentId: 2 },
  { id: 5, code: "HNI", nameVi: "Thành phố Hà Nội", nameEn: "Hà Nội", parentId: null },
  // Bad data: a cycle between two agencies nobody roots.
  { id: 6, code: "X", nameVi: "X", nameEn: null, parentId: 7 },
  { id: 7, code: "Y", nameVi: "Y", nameEn: null, parentId: 6 },
];

const codes = (scope: string[]) => agenciesInScope(registry, scope).map((a) => `${"  ".repeat(a.depth)}${a.code}`);

describe("staff scope", () => {
  it("lists each scope code with its subtree, depth first, once", () => {
    expect(codes(["STP"])).toEqual(["STP", "  STP-PC"]);
    expect(codes(["SXD", "LSN", "STP"])).toEqual(["LSN", "  STP", "    STP-PC", "  SXD"]);
    expect(codes(["NOPE"])).toEqual([]);
    expect(codes(["X"])).toEqual(["X", "  Y"]);
  });

  it("treats an empty scope as every agency, and admins as unrestricted", () => {
    expect(codes([])).toEqual(["HNI", "LSN", "  STP", "    STP-PC", "  SXD"]);
    expect(effectiveScope({ role: "admin", scope: ["STP"] })).toEqual([]);
    expect(effectiveScope({ role: "official", scope: ["STP"] })).toEqual(["STP"]);
    expect(agenciesInScope(registry, ["STP"])[0]!.name).toEqual({ vi: "Sở Tư pháp", en: "Sở Tư pháp" });
  });

  it("keeps chosen codes within scope, falls back to the scope, and never widens a vanished scope to everything", () => {
    expect(withinScope(["SXD", "STP-PC", "HNI"], registry, ["LSN"])).toEqual(["SXD", "STP-PC"]);
    expect(scopeRoots(registry, ["STP", "STP-PC", "SXD"])).toEqual(["STP", "SXD"]);
    expect(resolveSelection(["STP-PC"], registry, ["STP"])).toEqual(["STP-PC"]);
    expect(resolveSelection(["HNI"], registry, ["STP"])).toEqual(["STP"]);
    expect(resolveSelection([], registry, [])).toEqual([]);
    expect(resolveSelection(["HNI"], registry, [])).toEqual(["HNI"]);
    expect(resolveSelection([], registry, ["GONE"])).toBeNull();
  });
});
