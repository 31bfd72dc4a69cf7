// Hand-computed expectations on small response sets, through the pure report builder.
import { describe, expect, it } from "vitest";
import { reportToJson } from "../../src/indices/json.ts";
import { parsePeriod, previousPeriod } from "../../src/indices/period.ts";
import { publicView } from "../../src/indices/public-view.ts";
import { buildReport } from "../../src/indices/report.ts";
import { itemSpace, sampleFromRespondents } from "../../src/indices/sample.ts";
import type { GroupDef, GroupSample, ReportInput } from "../../src/indices/types.ts";
import type { Element } from "../../src/survey/types.ts";

const ELEMENTS_OF: Record<string, Element | null> = {
  a1: "access",
  p1: "procedures",
  c1: "civil_servants",
  c2: "civil_servants",
  r1: "results",
  f1: "feedback",
  overall: null,
};
const elementOf = (id: string) => ELEMENTS_OF[id] ?? null;
const space = itemSpace(Object.entries(ELEMENTS_OF).flatMap(([id, e]) => (e ? [{ id, element: e }] : [])));
const period = parsePeriod("2026-Q4", "Asia/Ho_Chi_Minh");
const opts = { minN: 30, resamples: 1000, seed: 7 };

type R = Record<string, number | null>;

function input(groups: GroupDef[], current: Record<string, R[]>, before: Record<string, R[]> = {}): ReportInput {
  const toMap = (m: Record<string, R[]>) =>
    new Map<string, GroupSample>(Object.entries(m).map(([k, rs]) => [k, sampleFromRespondents(rs, elementOf, space)]));
  return {
    period,
    previous: previousPeriod(period),
    by: "agency",
    filters: { agency: null, procedure: null, channel: null, questionnaire: null },
    groups,
    space,
    current: toMap(current),
    before: toMap(before),
  };
}

const one = (key: string, parentKey: string | null = null, depth = 0): GroupDef => ({ key, name: null, parentKey, depth });

// Four respondents with skips (null) and a feedback element answered once.
const FOUR: R[] = [
  { a1: 5, p1: 4, c1: 3, c2: 5, r1: 4, f1: null, overall: 4 },
  { a1: 2, p1: 5, c1: 4, c2: 4, r1: 5, overall: 5 },
  { a1: 4, p1: 3, c1: 5, c2: null, r1: 1, overall: 2 },
  { a1: null, p1: 4, c1: 4, c2: 2, r1: 4, f1: 5, overall: null },
];

describe("the method on a small set", () => {
  const report = buildReport(input([one("A")], { A: FOUR }), { ...opts, minN: 1 });
  const g = report.groups[0]!;
  const item = (id: string) => g.items.find((i) => i.itemId === id)!;
  const element = (e: Element) => g.elements.find((x) => x.element === e)!;

  it("item shares count only answers (skips excluded) and 4–5 as satisfied", () => {
    expect(item("a1").value).toBeCloseTo((100 * 2) / 3, 10);
    expect(item("a1").n).toBe(3);
    expect(item("a1").mean).toBeCloseTo(11 / 3, 10);
    expect(item("p1").value).toBe(75);
    expect(item("c2").value).toBeCloseTo((100 * 2) / 3, 10);
    expect(item("f1").value).toBe(100);
    expect(item("f1").counts).toEqual([0, 0, 0, 0, 1]);
  });

  it("element = mean of its items' shares; overall = mean of the five elements", () => {
    expect(element("civil_servants").value).toBeCloseTo((75 + 200 / 3) / 2, 10);
    expect(element("civil_servants").items).toBe(2);
    expect(element("feedback").n).toBe(1);
    expect(element("procedures").n).toBe(4);
    expect(g.overall.value).toBeCloseTo((200 / 3 + 75 + (75 + 200 / 3) / 2 + 75 + 100) / 5, 10); // 77.5
    expect(g.overall.value).toBeCloseTo(77.5, 10);
    expect(g.overall.n).toBe(4);
    expect(g.responses).toBe(4);
  });

  it("the overall-satisfaction item is reported on its own, not inside the index", () => {
    expect(g.overallItem?.value).toBeCloseTo((100 * 2) / 3, 10);
    expect(g.overallItem?.element).toBeNull();
  });

  it("every interval contains its estimate", () => {
    for (const e of [g.overall, ...g.elements, ...g.items]) {
      if (e.value === null) continue;
      expect(e.low!).toBeLessThanOrEqual(e.value);
      expect(e.high!).toBeGreaterThanOrEqual(e.value);
    }
  });

  it("an element nobody answered is left out of the overall index", () => {
    const noFeedback = FOUR.map(({ f1: _f1, ...rest }) => rest);
    const r = buildReport(input([one("A")], { A: noFeedback }), { ...opts, minN: 1 });
    const fb = r.groups[0]!.elements.find((e) => e.element === "feedback")!;
    expect(fb.value).toBeNull();
    expect(fb.n).toBe(0);
    expect(r.groups[0]!.overall.value).toBeCloseTo((200 / 3 + 75 + (75 + 200 / 3) / 2 + 75) / 4, 10);
  });
});

describe("minimum n", () => {
  const all = (n: number): R[] => Array.from({ length: n }, (_, i) => ({ a1: i % 3 === 0 ? 3 : 5, p1: 4, c1: 4, c2: 4, r1: 4, f1: 4 }));
  it.each([
    [29, false],
    [30, true],
    [31, true],
  ])("%i respondents → sufficient %s", (n, ok) => {
    const r = buildReport(input([one("A")], { A: all(n) }), opts);
    const g = r.groups[0]!;
    expect(g.overall.sufficient).toBe(ok);
    expect(g.items.every((i) => i.sufficient === ok)).toBe(true);
    expect(g.elements.every((e) => e.sufficient === ok)).toBe(true);
    const pub = publicView(r).groups[0]!;
    expect(pub.overall.value === null).toBe(!ok);
    expect(pub.items[0]!.value === null).toBe(!ok);
  });

  it("uses the configured minimum", () => {
    const r = buildReport(input([one("A")], { A: all(10) }), { ...opts, minN: 10 });
    expect(r.groups[0]!.overall.sufficient).toBe(true);
  });
});

describe("subtree roll-up and ranking", () => {
  const groups = [one("P"), one("A", "P", 1), one("B", "P", 1), one("C", "P", 1), one("D", "P", 1)];
  const sat = (n: number, score: number): R[] => Array.from({ length: n }, () => ({ a1: score, p1: score, c1: score, c2: score, r1: score, f1: score }));
  // A: 30 × all 5 → 100; B and C: 30 with half satisfied → 50 (tie); D: 30 with a third satisfied; P own: 10 × 1.
  const half = (n: number) => [...sat(n / 2, 5), ...sat(n / 2, 2)];
  const data = { A: sat(30, 5), B: half(30), C: half(30), D: [...sat(10, 4), ...sat(20, 1)], P: sat(10, 1) };
  const r = buildReport(input(groups, data), opts);
  const by = (k: string) => r.groups.find((g) => g.key === k)!;

  it("a parent's figures come from all responses of its subtree, not the mean of its children", () => {
    const p = by("P");
    expect(p.responses).toBe(130);
    // satisfied: A 30 + B 15 + C 15 + D 10 + P 0 = 70 of 130 on every item.
    expect(p.overall.value).toBeCloseTo((100 * 70) / 130, 10);
    expect(p.items.find((i) => i.itemId === "a1")!.n).toBe(130);
  });

  it("siblings are ranked by overall index with ties sharing a rank (1, 2, 2, 4)", () => {
    expect(["A", "B", "C", "D"].map((k) => by(k).rank)).toEqual([1, 2, 2, 4]);
    expect(by("A").rankOf).toBe(4);
    expect(by("P").rank).toBeNull();
  });

  it("an agency's interval is the same alone as inside a larger report", () => {
    const alone = buildReport(input([one("A")], { A: data.A }), opts).groups[0]!;
    expect(alone.overall).toEqual(by("A").overall);
  });

  it("agencies without enough data are not ranked", () => {
    const r2 = buildReport(input([one("P"), one("A", "P", 1), one("B", "P", 1), one("C", "P", 1)], { A: sat(30, 5), B: sat(29, 5), C: half(30) }), opts);
    expect(r2.groups.map((g) => [g.key, g.rank, g.rankOf])).toEqual([
      ["P", null, null],
      ["A", 1, 2],
      ["B", null, null],
      ["C", 2, 2],
    ]);
  });
});

describe("trend against the previous period", () => {
  const mk = (n: number, satisfied: number): R[] =>
    Array.from({ length: n }, (_, i) => {
      const s = i < satisfied ? 5 : 2;
      return { a1: s, p1: s, c1: s, c2: s, r1: s, f1: s };
    });

  it("a large rise is significant for items (z-test) and composites (bootstrap difference)", () => {
    const r = buildReport(input([one("A")], { A: mk(100, 90) }, { A: mk(100, 70) }), opts);
    const g = r.groups[0]!;
    const a1 = g.items.find((i) => i.itemId === "a1")!;
    expect(a1.trend?.change).toBeCloseTo(20, 10);
    expect(a1.trend?.z).toBeCloseTo(3.53553, 4);
    expect(a1.trend?.significant).toBe(true);
    expect(g.overall.trend?.previous).toBeCloseTo(70, 10);
    expect(g.overall.trend?.change).toBeCloseTo(20, 10);
    expect(g.overall.trend?.significant).toBe(true);
    expect(g.overall.trend!.low!).toBeGreaterThan(0);
    expect(reportToJson(r).groups[0]!.overall.trend?.direction).toBe("up");
  });

  it("a small change is noise", () => {
    const r = buildReport(input([one("A")], { A: mk(100, 80) }, { A: mk(100, 70) }), opts);
    const g = r.groups[0]!;
    expect(g.items[0]!.trend?.significant).toBe(false);
    expect(g.overall.trend?.significant).toBe(false);
    expect(g.overall.trend!.low!).toBeLessThan(0);
    expect(reportToJson(r).groups[0]!.overall.trend?.direction).toBe("same");
  });

  it("no previous data, no trend", () => {
    const r = buildReport(input([one("A")], { A: mk(40, 30) }), opts);
    expect(r.groups[0]!.overall.trend?.change).toBeNull();
    expect(reportToJson(r).groups[0]!.overall.trend?.direction).toBeNull();
  });

  it("a significant change between periods that lack data is not called significant", () => {
    const r = buildReport(input([one("A")], { A: mk(20, 20) }, { A: mk(20, 0) }), opts);
    expect(r.groups[0]!.overall.trend?.significant).toBe(false);
    expect(r.groups[0]!.overall.trend?.sufficient).toBe(false);
  });
});

describe("the seeded bootstrap", () => {
  // Respondent i answers item k with 1 + (i·(k + 3) + k + shift) mod 5, skipping f1 every fourth time.
  const spread = (n: number, shift: number): R[] =>
    Array.from({ length: n }, (_, i) => {
      const r: R = {};
      ["a1", "p1", "c1", "c2", "r1", "f1", "overall"].forEach((id, k) => {
        r[id] = id === "f1" && i % 4 === 0 ? null : 1 + ((i * (k + 3) + k + shift) % 5);
      });
      return r;
    });
  const r = buildReport(
    input([one("P"), one("A", "P", 1), one("B", "P", 1)], { A: spread(40, 0), B: spread(35, 2), P: spread(10, 1) }, { A: spread(30, 3), B: spread(45, 1) }),
    opts,
  );
  const by = (k: string) => r.groups.find((g) => g.key === k)!;
  const pinned = (k: string) => {
    const g = by(k);
    const civil = g.elements.find((e) => e.element === "civil_servants")!;
    return { overall: [g.overall.low, g.overall.high], civil: [civil.low, civil.high], trend: [g.overall.trend!.low, g.overall.trend!.high] };
  };

  // Pinned to the last digit: the draws (stream order, Poisson search, packed sums, WebAssembly or not) and the
  // percentile selection may be made faster, never different: these are the numbers the first implementation gave.
  it("gives the same intervals as it always has", () => {
    expect(pinned("P")).toEqual({ overall: [35.4313833926567, 46.89452535822021], civil: [39.1025641025641, 54.285714285714285], trend: [-8.889134313203652, 7.570223513119642] });
    expect(pinned("A")).toEqual({ overall: [29.134038054968293, 42.21985370950888], civil: [12.5, 27.63157894736842], trend: [-9.710440281396163, 10.336731038858698] });
    expect(pinned("B")).toEqual({ overall: [36.499616858237545, 56.01584713399879], civil: [61.76470588235294, 78.003125], trend: [-12.792943738229745, 12.457363782731964] });
  });
});
