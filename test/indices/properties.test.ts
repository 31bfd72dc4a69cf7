// Property tests with a small seeded generator: random response sets, checked for invariants.
import { describe, expect, it } from "vitest";
import { reportToJson } from "../../src/indices/json.ts";
import { parsePeriod, previousPeriod } from "../../src/indices/period.ts";
import { buildReport } from "../../src/indices/report.ts";
import { createRng, type Rng } from "../../src/indices/rng.ts";
import { itemSpace, sampleFromRespondents } from "../../src/indices/sample.ts";
import type { GroupDef, IndicesReport, ReportInput } from "../../src/indices/types.ts";
import type { Element } from "../../src/survey/types.ts";

const ITEMS: Record<string, Element | null> = { a1: "access", a2: "access", p1: "procedures", c1: "civil_servants", r1: "results", f1: "feedback", overall: null };
const elementOf = (id: string) => ITEMS[id] ?? null;
const space = itemSpace(Object.entries(ITEMS).flatMap(([id, e]) => (e ? [{ id, element: e }] : [])));
const period = parsePeriod("2026-11", "Asia/Ho_Chi_Minh");
type R = Record<string, number | null>;

function respondents(rng: Rng, n: number): R[] {
  // Each case draws its own skip rate and satisfaction level so extremes (all 5s, all skipped) occur.
  const skip = rng.next() * 0.6;
  const level = rng.next();
  return Array.from({ length: n }, () => {
    const r: R = {};
    for (const id of Object.keys(ITEMS)) {
      // A skipped item is stored as null or not at all; both must count as "not answered".
      if (rng.next() < skip) {
        if (rng.next() < 0.5) r[id] = null;
      } else r[id] = rng.next() < level ? 4 + Math.floor(rng.next() * 2) : 1 + Math.floor(rng.next() * 3);
    }
    return r;
  });
}

function shuffle<T>(xs: T[], rng: Rng): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

const groups: GroupDef[] = [
  { key: "P", name: null, parentKey: null, depth: 0 },
  { key: "A", name: null, parentKey: "P", depth: 1 },
  { key: "B", name: null, parentKey: "P", depth: 1 },
];

function report(cur: Record<string, R[]>, prev: Record<string, R[]>): IndicesReport {
  const toMap = (m: Record<string, R[]>) => new Map(Object.entries(m).map(([k, rs]) => [k, sampleFromRespondents(rs, elementOf, space)]));
  const input: ReportInput = {
    period,
    previous: previousPeriod(period),
    by: "agency",
    filters: { agency: null, procedure: null, channel: null, questionnaire: null },
    groups,
    space,
    current: toMap(cur),
    before: toMap(prev),
  };
  return buildReport(input, { minN: 5, resamples: 1000, seed: 3 });
}

const CASES = 25;

describe("properties over random response sets", () => {
  const rng = createRng(20261127);
  const cases = Array.from({ length: CASES }, () => {
    const sizes = [0, 1, 2, 7, 31, 120];
    const pick = () => sizes[Math.floor(rng.next() * sizes.length)] as number;
    return {
      cur: { A: respondents(rng, pick()), B: respondents(rng, pick()), P: respondents(rng, pick()) },
      prev: { A: respondents(rng, pick()), B: respondents(rng, pick()) },
    };
  });

  it("shares lie in 0..100 and every interval contains its estimate", () => {
    for (const c of cases) {
      for (const g of report(c.cur, c.prev).groups) {
        for (const e of [g.overall, ...g.elements, ...g.items]) {
          if (e.value === null) {
            expect(e.low).toBeNull();
            continue;
          }
          expect(e.value).toBeGreaterThanOrEqual(0);
          expect(e.value).toBeLessThanOrEqual(100);
          expect(e.low!).toBeGreaterThanOrEqual(0);
          expect(e.high!).toBeLessThanOrEqual(100);
          expect(e.low!).toBeLessThanOrEqual(e.value);
          expect(e.high!).toBeGreaterThanOrEqual(e.value);
          const t = e.trend;
          if (t && t.change !== null && t.low !== null) {
            expect(t.low).toBeLessThanOrEqual(t.change);
            expect(t.high!).toBeGreaterThanOrEqual(t.change);
          }
        }
      }
    }
  });

  it("identical data gives identical output (seeded bootstrap)", () => {
    for (const c of cases.slice(0, 8)) {
      expect(JSON.stringify(reportToJson(report(c.cur, c.prev)))).toBe(JSON.stringify(reportToJson(report(c.cur, c.prev))));
    }
  });

  it("permuting responses changes nothing", () => {
    const prng = createRng(5);
    for (const c of cases.slice(0, 8)) {
      const shuffled = (m: Record<string, R[]>) => Object.fromEntries(Object.entries(m).reverse().map(([k, rs]) => [k, shuffle(rs, prng)]));
      const a = JSON.stringify(reportToJson(report(c.cur, c.prev)));
      const b = JSON.stringify(reportToJson(report(shuffled(c.cur), shuffled(c.prev))));
      expect(b).toBe(a);
    }
  });

  it("a parent's n is the sum of its subtree's", () => {
    for (const c of cases) {
      const r = report(c.cur, c.prev);
      const [p, a, b] = r.groups as [IndicesReport["groups"][number], IndicesReport["groups"][number], IndicesReport["groups"][number]];
      expect(p.responses).toBe(a.responses + b.responses + c.cur.P.length);
      const own = [...sampleFromRespondents(c.cur.P, elementOf, space).patterns.values()].reduce((x, y) => x + y, 0);
      expect(p.overall.n).toBe(a.overall.n + b.overall.n + own);
    }
  });
});
