// A fixed report for two agencies, written out by hand so the digest tests do not depend on the index
// maths: one agency with enough answers everywhere, one with a withheld element and a withheld overall.
import { parsePeriod, previousPeriod } from "../../src/indices/period.ts";
import type { ElementFigure, Estimate, GroupFigures, IndicesReport, ItemFigure, Trend } from "../../src/indices/types.ts";
import type { DigestInput } from "../../src/digest/build.ts";
import { ELEMENTS, type Element } from "../../src/survey/types.ts";

const TZ = "Asia/Ho_Chi_Minh";

function trend(previous: number | null, change: number | null, significant: boolean, sufficient = true): Trend {
  return { previous, previousN: 90, change, low: null, high: null, z: null, pValue: null, significant, sufficient };
}

function est(value: number | null, n: number, sufficient: boolean, t: Trend | null = null, width = 4): Estimate {
  return { value, low: value === null ? null : value - width, high: value === null ? null : Math.min(100, value + width * 0.9), n, sufficient, trend: t };
}

function element(el: Element, e: Estimate): ElementFigure {
  return { element: el, items: 1, ...e };
}

function item(itemId: string, el: Element | null, e: Estimate): ItemFigure {
  return { itemId, element: el, mean: 4, counts: [1, 2, 3, 4, 5], ...e };
}

const strong: GroupFigures = {
  key: "STP",
  name: { vi: "Sở Tư pháp tỉnh Lạng Sơn", en: "Lạng Sơn Department of Justice" },
  parentKey: null,
  depth: 0,
  responses: 1234,
  previousResponses: 1180,
  overall: est(84.567, 1234, true, trend(82.1, 2.467, false), 2.1),
  elements: [
    element("access", est(88.256, 1230, true, trend(86, 2.256, false), 1.9)),
    element("procedures", est(81.004, 1228, true, trend(76.5, 4.504, true), 2.2)),
    element("civil_servants", est(90.5, 1231, true, trend(91.75, -1.25, false), 1.7)),
    element("results", est(85.1, 1229, true, trend(88.9, -3.8, true), 2)),
    element("feedback", est(77.95, 312, true, trend(null, null, false, false), 4.6)),
  ],
  items: [
    item("access", "access", est(88.256, 1230, true)),
    item("procedures", "procedures", est(81.004, 1228, true)),
    item("civil_servants", "civil_servants", est(90.5, 1231, true)),
    item("results", "results", est(85.1, 1229, true)),
    item("feedback", "feedback", est(77.95, 312, true)),
    item("overall", null, est(70, 1234, true)),
  ],
  overallItem: null,
  rank: 1,
  rankOf: 2,
};

const thin: GroupFigures = {
  key: "UBND-CL",
  name: { vi: "UBND huyện Cao Lộc", en: "Cao Lộc District People's Committee" },
  parentKey: null,
  depth: 0,
  responses: 24,
  previousResponses: 31,
  overall: est(79.3, 24, false, trend(80, -0.7, false, false)),
  elements: [
    element("access", est(83.333, 30, true, trend(80, 3.333, false), 9)),
    element("procedures", est(70.833, 24, false)),
    element("civil_servants", est(91.667, 24, false)),
    element("results", est(87.5, 24, false)),
    element("feedback", est(null, 0, false)),
  ],
  items: [item("access", "access", est(83.333, 30, true)), item("procedures", "procedures", est(70.833, 24, false))],
  overallItem: null,
  rank: null,
  rankOf: null,
};

export function fixtureReport(): IndicesReport {
  const period = parsePeriod("2026-W48", TZ);
  return {
    period,
    previous: previousPeriod(period),
    by: "agency",
    filters: { agency: null, procedure: null, channel: null, questionnaire: null },
    minN: 30,
    resamples: 1000,
    seed: 1,
    groups: [strong, thin],
  };
}

export function fixtureInput(over: Partial<DigestInput> = {}): DigestInput {
  return {
    report: fixtureReport(),
    agencyKeys: ["STP", "UBND-CL"],
    rates: { STP: { invited: 3085, completed: 1234 }, "UBND-CL": { invited: 0, completed: 0 } },
    comments: [
      { text: "Cán bộ hướng dẫn rất tận tình, 5 sao!", at: new Date("2026-11-24T02:15:00Z") },
      { text: "Tôi là Nguyễn Văn An, gọi lại giúp tôi qua số 0912 345 678 hoặc an.nguyen@example.com nhé.", at: new Date("2026-11-27T09:40:00Z") },
      { text: "Phải chờ quá lâu ở quầy số 3, năm 2026 vẫn chưa có máy lấy số.", at: new Date("2026-11-26T01:05:00Z") },
      { text: "Một góp ý cũ hơn, không được hiển thị.", at: new Date("2026-11-23T01:00:00Z") },
    ],
    improvements: { attitude: 120, digital: 310, information: 95, premises: 40, competence: 0 },
    ...over,
  };
}

export { ELEMENTS };
