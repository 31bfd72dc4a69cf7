// The post about an agency's index over a period, for fixed figures: locale number formats, the change said
// plainly (significant or not), and no figure below the minimum n in a public post.
import { describe, expect, it } from "vitest";
import { periodPhrase, publishable, reportText, withheldElements } from "../../src/announce/report-text.ts";
import { createTranslator } from "../../src/i18n.ts";
import { parsePeriod, parseRange, previousPeriod } from "../../src/indices/period.ts";
import { publicView } from "../../src/indices/public-view.ts";
import type { ElementFigure, Estimate, GroupFigures, IndicesReport, Trend } from "../../src/indices/types.ts";
import type { Element } from "../../src/survey/types.ts";

const t = createTranslator();
const TZ = "Asia/Ho_Chi_Minh";

function trend(previous: number, change: number, significant: boolean): Trend {
  return { previous, previousN: 200, change, low: null, high: null, z: null, pValue: null, significant, sufficient: true };
}

function est(value: number, n: number, minN: number, tr: Trend | null = null): Estimate {
  return { value, low: value - 3.1, high: value + 2.9, n, sufficient: n >= minN, trend: tr };
}

function el(element: Element, e: Estimate): ElementFigure {
  return { element, items: 1, ...e };
}

function group(o: { n: number; elementN?: Partial<Record<Element, number>>; trend?: Trend | null }): GroupFigures {
  const n = (e: Element) => o.elementN?.[e] ?? o.n;
  return {
    key: "LSN-STP",
    name: { vi: "Sở Tư pháp", en: "Department of Justice" },
    parentKey: null,
    depth: 0,
    responses: o.n,
    previousResponses: 200,
    overall: est(86.456, o.n, 30, o.trend ?? null),
    elements: [
      el("access", est(90.1, n("access"), 30)),
      el("procedures", est(84.25, n("procedures"), 30)),
      el("civil_servants", est(91.5, n("civil_servants"), 30)),
      el("results", est(85, n("results"), 30)),
      el("feedback", est(71.333, n("feedback"), 30)),
    ],
    items: [],
    overallItem: null,
    rank: null,
    rankOf: null,
  };
}

function facts(g: GroupFigures, period = parsePeriod("2026-11", TZ)) {
  const report: IndicesReport = { period, previous: previousPeriod(period), by: "agency", filters: { agency: "LSN-STP", procedure: null, channel: null, questionnaire: null }, minN: 30, resamples: 1000, seed: 1, groups: [g] };
  const shown = publicView(report).groups[0]!;
  return (l: "vi" | "en") => ({ agencyName: g.name![l], period, previous: previousPeriod(period), minN: 30, group: shown });
}

describe("index report → post text", () => {
  it("a month with a significant rise, every element shown, and the headline explained by them", () => {
    const f = facts(group({ n: 1234, trend: trend(82.1, 4.356, true) }));
    expect(reportText(f("vi"), "vi", t)).toMatchInlineSnapshot(`
      "Trong tháng 11/2026, Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của Sở Tư pháp đạt 86,46 % (khoảng tin cậy 95 %: [83,36; 89,36]), tính trên 1.234 phiếu khảo sát. So với tháng 10/2026 (82,10 %), chỉ số tăng 4,36 điểm phần trăm; mức tăng có ý nghĩa thống kê. Theo từng yếu tố: Tiếp cận dịch vụ 90,10 %; Thủ tục hành chính 84,25 %; Công chức giải quyết công việc 91,50 %; Kết quả dịch vụ 85,00 %; Tiếp nhận, xử lý góp ý 71,33 %.

      Chỉ số chung là trung bình cộng của 5 yếu tố trên; chỉ số mỗi yếu tố là tỷ lệ câu trả lời “Hài lòng” hoặc “Rất hài lòng”. Số liệu có dưới 30 câu trả lời không được công bố."
    `);
    expect(reportText(f("en"), "en", t)).toMatchInlineSnapshot(`
      "In November 2026, citizens' and organisations' satisfaction with the service of Department of Justice was 86.46% (95% interval [83.36, 89.36]), from 1,234 survey responses. Compared with October 2026 (82.10%), it rose by 4.36 points, a statistically significant rise. By element: Access to services 90.10%; Administrative procedures 84.25%; Civil servants 91.50%; Service results 85.00%; Feedback handling 71.33%.

      The index is the mean of the five elements above; each element is the share of “satisfied” or “very satisfied” answers. Figures resting on fewer than 30 answers are not published."
    `);
  });

  it("a change that is not significant is said plainly", () => {
    const f = facts(group({ n: 240, trend: trend(87.9, -1.444, false) }), parsePeriod("2026-Q4", TZ));
    const vi = reportText(f("vi"), "vi", t);
    expect(vi).toContain("Trong quý IV/2026,");
    expect(vi).toContain("So với quý III/2026 (87,90 %), chênh lệch −1,44 không có ý nghĩa thống kê.");
    const en = reportText(f("en"), "en", t);
    expect(en).toContain("In Q4 2026,");
    expect(en).toContain("Compared with Q3 2026 (87.90%), the difference of −1.44 is not statistically significant.");
  });

  it("an element below the minimum n holds the overall back: it is published only with all five elements beside it", () => {
    const f = facts(group({ n: 240, elementN: { feedback: 12 }, trend: trend(87.9, -1.444, false) }), parsePeriod("2026-Q4", TZ));
    expect(withheldElements(f("vi").group)).toEqual(["feedback"]);
    expect(publishable(f("vi").group)).toBe(false);
    expect(() => reportText(f("vi"), "vi", t)).toThrow(/withheld/);
  });

  it("an overall figure below the minimum n is not publishable at all", () => {
    const f = facts(group({ n: 29 }));
    expect(publishable(f("vi").group)).toBe(false);
    expect(() => reportText(f("vi"), "vi", t)).toThrow(/withheld/);
  });

  it("period phrases", () => {
    const phrases = (spec: string) => {
      const p = spec.includes("..") ? parseRange(spec.split("..")[0]!, spec.split("..")[1]!, TZ) : parsePeriod(spec, TZ);
      return [periodPhrase(p, "vi", t), periodPhrase(p, "en", t)];
    };
    expect(phrases("2026-01")).toEqual(["tháng 01/2026", "January 2026"]);
    expect(phrases("2026-Q1")).toEqual(["quý I/2026", "Q1 2026"]);
    expect(phrases("2026-W48")).toEqual(["tuần 48/2026", "week 48 of 2026"]);
    expect(phrases("2026-10-01..2026-11-15")).toEqual(["thời gian từ 01/10/2026 đến 15/11/2026", "the period from 1 Oct 2026 to 15 Nov 2026"]);
  });
});
