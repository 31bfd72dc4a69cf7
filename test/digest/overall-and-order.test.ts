// The overall index is the mean of the five elements shown beside it, and agencies that need attention
// come first: what an official reading the digest on Monday relies on.
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/build.ts";
import { renderDigestText } from "../../src/digest/render.ts";
import { createTranslator } from "../../src/i18n.ts";
import type { GroupFigures } from "../../src/indices/types.ts";
import { fixtureInput } from "./fixture.ts";

const t = createTranslator();

function input() {
  return structuredClone(fixtureInput());
}

function group(i: ReturnType<typeof input>, key: string): GroupFigures {
  return i.report.groups.find((g) => g.key === key)!;
}

describe("the overall index next to its elements", () => {
  it("is shown with all five elements, each with its n, and equals their mean", () => {
    const d = buildDigest(input(), "en");
    const s = d.sections.find((x) => x.agencyKey === "STP")!;
    expect(s.overallWithheldBy).toEqual([]);
    const mean = s.elements.reduce((sum, e) => sum + (e.value ?? NaN), 0) / 5;
    expect(s.overall.value).toBeCloseTo(mean, 1);
    const text = renderDigestText(d, "en", t);
    expect(text).toContain("Overall satisfaction index (the mean of the five elements below): 84.57%");
    expect(text).toContain("Feedback handling: 77.95% [73.35, 82.09] · n = 312");
  });

  it("is withheld, saying which element keeps it back, when an element is below the minimum n", () => {
    const i = input();
    Object.assign(group(i, "STP").elements.find((e) => e.element === "feedback")!, { n: 12, sufficient: false });
    for (const locale of ["vi", "en"] as const) {
      const d = buildDigest(i, locale);
      const s = d.sections.find((x) => x.agencyKey === "STP")!;
      expect(s.overallWithheldBy).toEqual(["feedback"]);
      expect(s.overall.value).toBeNull();
      const text = renderDigestText(d, locale, t);
      expect(text).not.toContain("84,57");
      expect(text).not.toContain("84.57");
      expect(text).toContain(
        locale === "en"
          ? "Overall satisfaction index: not shown, because it is the mean of all five elements and Feedback handling has fewer than 30 answers"
          : "Chỉ số hài lòng chung: chưa công bố, vì chỉ số là trung bình cộng của cả 5 yếu tố mà Tiếp nhận, xử lý góp ý chưa đủ 30 câu trả lời",
      );
      expect(text).toContain(locale === "en" ? "Feedback handling: not enough answers yet · n = 12" : "Tiếp nhận, xử lý góp ý: chưa đủ câu trả lời · n = 12");
    }
  });
});

describe("digest order", () => {
  function threeAgencies() {
    const i = input();
    const stp = group(i, "STP");
    const calm = structuredClone(stp);
    calm.key = "SYT";
    calm.name = { vi: "Sở Y tế", en: "Department of Health" };
    calm.overall = { ...calm.overall, value: 80, trend: { ...calm.overall.trend!, change: 1, significant: false } };
    for (const e of calm.elements) e.trend = null;
    const falling = structuredClone(stp);
    falling.key = "SGD";
    falling.name = { vi: "Sở Giáo dục", en: "Department of Education" };
    falling.overall = { ...falling.overall, value: 90, trend: { ...falling.overall.trend!, change: -6, significant: true } };
    i.report.groups.push(calm, falling);
    i.agencyKeys = ["UBND-CL", "STP", "SYT", "SGD"];
    return i;
  }

  it("puts a significant fall of the overall first, then an element's fall, then the lowest, then those without an overall", () => {
    const d = buildDigest(threeAgencies(), "en");
    // SGD: overall −6 significant; STP: Service results −3.8 significant; SYT: 80 %, calm; UBND-CL: no overall.
    expect(d.sections.map((s) => s.agencyKey)).toEqual(["SGD", "STP", "SYT", "UBND-CL"]);
    const text = renderDigestText(d, "en", t);
    expect(text.indexOf("Department of Education")).toBeLessThan(text.indexOf("Lạng Sơn Department of Justice"));
  });

  it("orders calm agencies lowest first", () => {
    const i = threeAgencies();
    for (const g of i.report.groups) {
      g.overall.trend = null;
      for (const e of g.elements) e.trend = null;
    }
    const d = buildDigest(i, "en");
    expect(d.sections.map((s) => s.agencyKey)).toEqual(["SYT", "STP", "SGD", "UBND-CL"]);
  });
});
