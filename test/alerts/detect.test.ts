// Which figures call for an alert, through the real report builder (bootstrap intervals, z-tests, min n):
// a significant drop fires, noise and thin data do not, and a threshold fires only under it with enough answers.
import { describe, expect, it } from "vitest";
import { belowThreshold, detectDrops } from "../../src/alerts/detect.ts";
import { parsePeriod, previousPeriod } from "../../src/indices/period.ts";
import { buildReport } from "../../src/indices/report.ts";
import { itemSpace, sampleFromRespondents } from "../../src/indices/sample.ts";
import type { GroupFigures, GroupSample } from "../../src/indices/types.ts";
import type { Element } from "../../src/survey/types.ts";

const ELEMENT_OF: Record<string, Element | null> = {
  access: "access",
  procedures: "procedures",
  civil_servants: "civil_servants",
  results: "results",
  feedback: "feedback",
  overall: null,
};
const elementOf = (id: string) => ELEMENT_OF[id] ?? null;
const space = itemSpace(Object.entries(ELEMENT_OF).flatMap(([id, e]) => (e ? [{ id, element: e }] : [])));
const week = parsePeriod("2026-W48", "Asia/Ho_Chi_Minh");

type R = Record<string, number | null>;

/** n respondents answering every item: the first `satisfied` with 5, the rest with 2; `override` changes some items. */
function people(n: number, satisfied: number, override: R = {}): R[] {
  return Array.from({ length: n }, (_, i) => {
    const s = i < satisfied ? 5 : 2;
    return { access: s, procedures: s, civil_servants: s, results: s, feedback: s, overall: s, ...override };
  });
}

function figures(current: R[], before: R[]): GroupFigures {
  const sample = (rs: R[]): Map<string, GroupSample> => new Map([["A", sampleFromRespondents(rs, elementOf, space)]]);
  const report = buildReport(
    {
      period: week,
      previous: previousPeriod(week),
      by: "agency",
      filters: { agency: null, procedure: null, channel: null, questionnaire: null },
      groups: [{ key: "A", name: { vi: "Cơ quan A", en: "Agency A" }, parentKey: null, depth: 0 }],
      space,
      current: sample(current),
      before: sample(before),
    },
    { minN: 30, resamples: 1000, seed: 20171010 },
  );
  return report.groups[0]!;
}

const ALL = ["drop:index", "drop:element:access", "drop:element:procedures", "drop:element:civil_servants", "drop:element:results", "drop:element:feedback"];

describe("drops: the method's own significance test", () => {
  const cases: { name: string; current: R[]; before: R[]; fires: string[] }[] = [
    { name: "a large drop with enough answers in both periods fires for the index and every element", current: people(40, 20), before: people(60, 57), fires: ALL },
    { name: "noise (85 % → 80 %) does not fire", current: people(40, 32), before: people(60, 51), fires: [] },
    { name: "a rise does not fire", current: people(40, 40), before: people(60, 30), fires: [] },
    { name: "the running period under the minimum n (29) does not fire, however large the drop", current: people(29, 0), before: people(60, 60), fires: [] },
    { name: "the previous period under the minimum n does not fire", current: people(40, 0), before: people(29, 29), fires: [] },
    {
      name: "one element falling alone fires for that element only",
      current: [...people(24, 24), ...people(12, 12, { access: 2 }), ...people(4, 0)],
      before: people(60, 54),
      fires: ["drop:element:access"],
    },
    {
      name: "an element under the minimum n keeps the overall index from firing, as it keeps it from being shown",
      current: [...people(25, 5), ...people(15, 5, { feedback: null })],
      before: people(60, 57),
      fires: ["drop:element:access", "drop:element:procedures", "drop:element:civil_servants", "drop:element:results"],
    },
  ];
  it.each(cases)("$name", ({ current, before, fires }) => {
    expect(detectDrops(figures(current, before)).map((d) => d.condition).sort()).toEqual([...fires].sort());
  });

  it("states what dropped from what to what, with n and the interval of the change", () => {
    const [index] = detectDrops(figures(people(40, 20), people(60, 57)));
    expect(index).toMatchObject({ condition: "drop:index", value: 50, n: 40, previous: 95, previousN: 60 });
    expect(index!.high).toBeLessThan(0);
    expect(index!.low).toBeLessThan(index!.high);
  });
});

describe("thresholds", () => {
  const g = figures(people(40, 24), people(60, 57)); // 60 % satisfied, mean score 3.8
  const cases: { name: string; threshold: { target: string; unit: "percent" | "score"; value: number }; fires: boolean }[] = [
    { name: "an element under its percent threshold fires", threshold: { target: "element:access", unit: "percent", value: 70 }, fires: true },
    { name: "at the threshold does not fire (under means under)", threshold: { target: "element:access", unit: "percent", value: 60 }, fires: false },
    { name: "the overall index under its threshold fires", threshold: { target: "index", unit: "percent", value: 75 }, fires: true },
    { name: "an item's mean score under its threshold fires", threshold: { target: "item:overall", unit: "score", value: 4 }, fires: true },
    { name: "an item's mean score above its threshold does not fire", threshold: { target: "item:overall", unit: "score", value: 3.5 }, fires: false },
    { name: "a score threshold on an element (no mean score) never fires", threshold: { target: "element:access", unit: "score", value: 4.5 }, fires: false },
    { name: "an unknown item never fires", threshold: { target: "item:nope", unit: "percent", value: 99 }, fires: false },
    { name: "a target this version cannot read never fires", threshold: { target: "element:nope", unit: "percent", value: 99 }, fires: false },
  ];
  it.each(cases)("$name", ({ threshold, fires }) => {
    expect(belowThreshold(g, threshold) !== null).toBe(fires);
  });

  it("reads the figure with its n, and never under the minimum n", () => {
    expect(belowThreshold(g, { target: "element:access", unit: "percent", value: 70 })).toEqual({ value: 60, n: 40 });
    expect(belowThreshold(figures(people(29, 0), people(60, 57)), { target: "element:access", unit: "percent", value: 70 })).toBeNull();
  });
});
