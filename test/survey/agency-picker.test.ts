// The walk-in picker as pure views over a registry shaped like examples/agencies.csv: the province's level
// first, districts open their communes, « goes up, and typed names are found without diacritics.
import { describe, expect, it } from "vitest";
import { decodeButton } from "../../src/survey/callback-data.ts";
import { createTranslator } from "../../src/i18n.ts";
import { AGENCY_PAGE_SIZE, firstLevel, foldName, levelView, looksLikeSearch, searchAgencies, searchView, type PickerAgency } from "../../src/survey/agency-picker.ts";

const t = createTranslator();
const A = (id: number, nameVi: string, parentId: number | null, nameEn: string | null = null): PickerAgency => ({ id, nameVi, nameEn, parentId });
const REGISTRY = [
  A(1, "UBND tỉnh Lạng Sơn", null, "Lang Son Provincial People's Committee"),
  A(2, "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn", 1, "Lang Son Public Administration Service Centre"),
  A(3, "Sở Tư pháp", 1, "Department of Justice"),
  A(4, "Sở Xây dựng", 1, "Department of Construction"),
  A(5, "UBND huyện Hữu Lũng", 1, "Huu Lung District People's Committee"),
  A(6, "UBND xã Đồng Tân, huyện Hữu Lũng", 5, "Dong Tan Commune People's Committee, Huu Lung District"),
];
const actions = (v: { buttons: { data: string }[][] }) => v.buttons.flat().map((b) => decodeButton(b.data));
const labels = (v: { buttons: { label: string }[][] }) => v.buttons.flat().map((b) => b.label);

describe("walk-in agency picker", () => {
  it("opens at the province's level when there is one province: the province itself, its departments and districts", () => {
    expect(firstLevel(REGISTRY)).toBe(1);
    const v = levelView(t, "vi", REGISTRY, firstLevel(REGISTRY), 0, "intro");
    expect(v.text).toContain("intro");
    expect(v.text).toContain("gõ một phần tên");
    expect(labels(v)).toEqual(["Đánh giá: UBND tỉnh Lạng Sơn", "Sở Tư pháp", "Sở Xây dựng", "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn", "UBND huyện Hữu Lũng ›"]);
    expect(actions(v)).toEqual([
      { kind: "agency", agencyId: 1 },
      { kind: "agency", agencyId: 3 },
      { kind: "agency", agencyId: 4 },
      { kind: "agency", agencyId: 2 },
      { kind: "agency-level", parentId: 5, page: 0 },
    ]);
  });

  it("a district opens its communes, can be rated itself, and « goes back up", () => {
    const v = levelView(t, "en", REGISTRY, 5, 0, "intro");
    expect(v.text).toContain("Huu Lung District People's Committee — please choose a unit:");
    expect(labels(v)).toEqual(["Rate: Huu Lung District People's Committee", "Dong Tan Commune People's Committee, Huu Lung District", "« Up a level"]);
    expect(actions(v).at(-1)).toEqual({ kind: "agency-level", parentId: 1, page: 0 });
  });

  it("several provinces: the top level lists them, each opening its own level", () => {
    const two = [...REGISTRY, A(7, "UBND tỉnh Cao Bằng", null), A(8, "Sở Y tế Cao Bằng", 7)];
    expect(firstLevel(two)).toBeNull();
    const v = levelView(t, "vi", two, null, 0, "intro");
    expect(labels(v)).toEqual(["UBND tỉnh Cao Bằng ›", "UBND tỉnh Lạng Sơn ›"]);
    expect(labels(levelView(t, "vi", two, 1, 0, "intro")).at(-1)).toBe("« Cấp trên");
  });

  it("a long level is paged, never more than a page of agencies per message", () => {
    const many = [A(1, "UBND tỉnh", null), ...Array.from({ length: 20 }, (_, i) => A(100 + i, `UBND xã ${String(i).padStart(2, "0")}`, 1))];
    const first = levelView(t, "vi", many, 1, 0, "intro");
    expect(actions(first).filter((a) => a?.kind === "agency")).toHaveLength(AGENCY_PAGE_SIZE + 1);
    expect(actions(first).at(-1)).toEqual({ kind: "agency-level", parentId: 1, page: 1 });
    const last = levelView(t, "vi", many, 1, 99, "intro"); // past the end: the last page
    expect(labels(last)).toContain("UBND xã 19");
    expect(actions(last).at(-1)).toEqual({ kind: "agency-level", parentId: 1, page: 1 });
  });

  it("finds agencies by typed words, with or without diacritics, in either language", () => {
    expect(foldName("  UBND xã ĐỒNG Tân, huyện ")).toBe("ubnd xa dong tan huyen");
    expect(searchAgencies(REGISTRY, "dong tan").map((a) => a.id)).toEqual([6]);
    expect(searchAgencies(REGISTRY, "Tư pháp").map((a) => a.id)).toEqual([3]);
    expect(searchAgencies(REGISTRY, "justice").map((a) => a.id)).toEqual([3]);
    expect(searchAgencies(REGISTRY, "huu lung").map((a) => a.id)).toEqual([5, 6]);
    expect(searchAgencies(REGISTRY, "hà nội")).toEqual([]);
    const v = searchView(t, "vi", REGISTRY, "huu lung")!;
    expect(v.text).toContain("“huu lung”");
    expect(actions(v)).toEqual([{ kind: "agency", agencyId: 5 }, { kind: "agency", agencyId: 6 }]);
    expect(searchView(t, "vi", REGISTRY, "zzz")).toBeNull();
  });

  it("typed answers are not searches", () => {
    for (const s of ["4", "5", "  ", "«", "4 *"]) expect(looksLikeSearch(s)).toBe(false);
    for (const s of ["tư pháp", "xd"]) expect(looksLikeSearch(s)).toBe(true);
  });

  it("old flat-list page buttons open the first level", () => {
    expect(decodeButton("gp:2")).toEqual({ kind: "agency-level", parentId: 0, page: 2 });
    expect(decodeButton("gl:5:0")).toEqual({ kind: "agency-level", parentId: 5, page: 0 });
    expect(decodeButton("gl:5")).toBeNull();
  });
});
