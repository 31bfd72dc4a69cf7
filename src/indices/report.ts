// Assembles a report from the samples of each group in both periods: estimates, intervals, trends, ranks.
// Groups form a tree through parentKey (agencies); a parent's figures come from its whole subtree: its own
// responses plus its children's, added as counts (never an average of the children's indices).
import { ELEMENTS, type Element } from "../survey/types.ts";
import { addTotals, compositeReplicates, drawTotals, emptyTotals, type Replicates, type ReplicateTotals } from "./bootstrap.ts";
import { addCounts, emptyCounts, pointEstimatesOf, respondentCounts, type ItemPoint, type Points, type RespondentCounts } from "./estimate.ts";
import { PoissonTables } from "./poisson.ts";
import { percentileInterval } from "./quantile.ts";
import { competitionRanks } from "./rank.ts";
import { createRng, hashSeed } from "./rng.ts";
import { addItems } from "./sample.ts";
import { compositeTrend, shareTrend } from "./trend.ts";
import {
  OVERALL_ITEM_ID,
  type ElementFigure,
  type Estimate,
  type GroupDef,
  type GroupFigures,
  type IndicesReport,
  type ItemFigure,
  type ItemTally,
  type MethodOptions,
  type ReportInput,
} from "./types.ts";
import { wilson } from "./wilson.ts";
import { runInSlices, type SlicePace } from "./slices.ts";

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 20171010; // the date of QĐ 2640/QĐ-BNV; any fixed value would do

interface Analysis {
  points: Points;
  replicates: Replicates;
}

/** withInterval false for the previous period, whose own interval is never shown (only the change's). */
function composite(value: number | null, n: number, replicates: Float64Array, minN: number, withInterval = true): Estimate {
  const interval = value === null || !withInterval ? null : percentileInterval(replicates, value);
  return { value, low: interval?.low ?? null, high: interval?.high ?? null, n, sufficient: n >= minN && value !== null, trend: null };
}

function itemFigure(cur: ItemPoint, prev: ItemPoint | undefined, minN: number): ItemFigure {
  const interval = cur.answered > 0 ? wilson(cur.satisfied, cur.answered) : null;
  const sufficient = cur.answered >= minN;
  const prevSide = prev
    ? { value: prev.share, n: prev.answered, x: prev.satisfied, sufficient: prev.answered >= minN }
    : { value: null, n: 0, x: 0, sufficient: false };
  return {
    itemId: cur.itemId,
    element: cur.element,
    value: cur.share,
    low: interval?.low ?? null,
    high: interval?.high ?? null,
    n: cur.answered,
    sufficient,
    mean: cur.mean,
    counts: cur.counts,
    trend: shareTrend({ value: cur.share, n: cur.answered, x: cur.satisfied, sufficient }, prevSide),
  };
}

function groupFigures(def: GroupDef, cur: Analysis, prev: Analysis, responses: { cur: number; prev: number }, minN: number): GroupFigures {
  const overall = composite(cur.points.overall.value, cur.points.overall.n, cur.replicates.overall, minN);
  const prevOverall = composite(prev.points.overall.value, prev.points.overall.n, prev.replicates.overall, minN, false);
  overall.trend = compositeTrend(overall, prevOverall, cur.replicates.overall, prev.replicates.overall);

  const elements: ElementFigure[] = ELEMENTS.map((element: Element, e) => {
    const c = cur.points.elements.get(element) as { value: number | null; n: number; items: number };
    const p = prev.points.elements.get(element) as { value: number | null; n: number; items: number };
    const curReps = cur.replicates.elements[e] as Float64Array;
    const prevReps = prev.replicates.elements[e] as Float64Array;
    const est = composite(c.value, c.n, curReps, minN);
    const prevEst = composite(p.value, p.n, prevReps, minN, false);
    est.trend = compositeTrend(est, prevEst, curReps, prevReps);
    return { element, items: c.items, ...est };
  });

  const prevItems = new Map(prev.points.items.map((i) => [i.itemId, i]));
  const items = cur.points.items.map((i) => itemFigure(i, prevItems.get(i.itemId), minN));
  return {
    key: def.key,
    name: def.name,
    parentKey: def.parentKey,
    depth: def.depth,
    responses: responses.cur,
    previousResponses: responses.prev,
    overall,
    elements,
    items,
    overallItem: items.find((i) => i.itemId === OVERALL_ITEM_ID) ?? null,
    rank: null,
    rankOf: null,
  };
}

/** Ranks each set of siblings by overall index, among those with enough data. */
export function rankSiblings(groups: GroupFigures[]): void {
  const byParent = new Map<string | null, GroupFigures[]>();
  for (const g of groups) {
    const list = byParent.get(g.parentKey) ?? [];
    list.push(g);
    byParent.set(g.parentKey, list);
  }
  for (const siblings of byParent.values()) {
    // A group without siblings in the report (a selection's top agency, an only child) has no rank.
    if (siblings.length < 2) continue;
    const values = siblings.map((g) => (g.overall.sufficient ? g.overall.value : null));
    const ranks = competitionRanks(values);
    const of = values.filter((v) => v !== null).length;
    siblings.forEach((g, i) => {
      g.rank = ranks[i] ?? null;
      g.rankOf = g.rank === null ? null : of;
    });
  }
}

/**
 * What one group's subtree adds up to in one period, filled bottom-up: completed responses, item tallies,
 * respondents per element and the bootstrap's replicate totals (never the answer patterns themselves:
 * each group's own patterns are drawn and counted once, and the results add up).
 */
interface Accumulator {
  responses: number;
  items: Map<string, ItemTally>;
  counts: RespondentCounts;
  totals: ReplicateTotals | null;
}

const emptyAccumulator = (): Accumulator => ({ responses: 0, items: new Map(), counts: emptyCounts(), totals: null });

/** The whole report at once, without pausing (pure callers, tests and benchmarks). */
export function buildReport(input: ReportInput, opts: MethodOptions): IndicesReport {
  const steps = reportSteps(input, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same report, computed in slices between which the event loop runs (see runInSlices): a large report
 * costs hundreds of milliseconds of CPU, which would otherwise hold up every webhook, bot update and
 * /healthz answer of the process. Bit-identical to buildReport: pausing changes no draw.
 */
export function buildReportInSlices(input: ReportInput, opts: MethodOptions, pace?: SlicePace): Promise<IndicesReport> {
  return runInSlices(reportSteps(input, opts), pace);
}

/** The computation, pausable after each group's draw in each period (the unit of work that can be long). */
function* reportSteps(input: ReportInput, opts: MethodOptions): Generator<void, IndicesReport, void> {
  if (!Number.isInteger(opts.resamples) || opts.resamples < 1) throw new RangeError("resamples must be a positive integer");
  const keys = new Set(input.groups.map((g) => g.key));
  if (keys.size !== input.groups.length) throw new RangeError("group keys must be unique");
  const parentOf = (g: GroupDef) => (g.parentKey !== null && keys.has(g.parentKey) ? g.parentKey : null);
  // "by element" shares the agency rows' streams: the same responses give the same interval.
  const dimension = input.by === "element" ? "agency" : input.by;
  const tables = new PoissonTables();
  const periods = [
    { label: input.period.label, own: input.current, acc: new Map<string, Accumulator>() },
    { label: input.previous.label, own: input.before, acc: new Map<string, Accumulator>() },
  ];
  const figures = new Map<string, GroupFigures>();
  // Replicate totals no longer needed are reused (zeroed) for the next group, and each period's composite
  // replicates are rewritten group after group: a report allocates a few arrays, not a few per group.
  const items = input.space.ids.length;
  const spare: ReplicateTotals[] = [];
  const fresh = (): ReplicateTotals => {
    const t = spare.pop();
    if (t === undefined) return emptyTotals(opts.resamples, items);
    t.answered.fill(0);
    t.satisfied.fill(0);
    return t;
  };
  const scratch = periods.map(() => new Float64Array((ELEMENTS.length + 1) * opts.resamples));
  // Deepest first, so every child has been added into its parent before the parent is computed.
  const order = input.groups.map((g, i) => ({ g, i })).sort((a, b) => b.g.depth - a.g.depth || a.i - b.i);
  for (const { g } of order) {
    const analyses: { analysis: Analysis; responses: number }[] = [];
    for (const [p, period] of periods.entries()) {
      const acc = period.acc.get(g.key) ?? emptyAccumulator();
      period.acc.delete(g.key);
      const own = period.own.get(g.key);
      if (own) {
        acc.responses += own.responses;
        addItems(acc.items, own.items);
        addCounts(acc.counts, respondentCounts(own.patterns, input.space));
      }
      // The group's own respondents, drawn once; its subtree's totals come from its children.
      let totals: ReplicateTotals;
      if (own === undefined || own.patterns.size === 0) totals = acc.totals ?? fresh();
      else {
        // One random stream per group and period: independent of which other groups are in the report.
        const rng = createRng(hashSeed(opts.seed, `${dimension}:${g.key}:${period.label}`));
        totals = drawTotals(own.patterns, items, opts.resamples, rng, tables, { into: fresh() });
        if (acc.totals) {
          addTotals(totals, acc.totals);
          spare.push(acc.totals);
        }
      }
      const analysis: Analysis = {
        points: pointEstimatesOf(acc.items.values(), acc.counts),
        replicates: compositeReplicates(totals, input.space, scratch[p]),
      };
      const parent = parentOf(g);
      if (parent !== null) {
        // Handed up without a copy: this group is finished with its totals.
        const up = period.acc.get(parent) ?? emptyAccumulator();
        up.responses += acc.responses;
        addItems(up.items, acc.items);
        addCounts(up.counts, acc.counts);
        if (up.totals) {
          addTotals(up.totals, totals);
          spare.push(totals);
        } else up.totals = totals;
        period.acc.set(parent, up);
      } else spare.push(totals);
      analyses.push({ analysis, responses: acc.responses });
      yield;
    }
    const [cur, prev] = analyses as [(typeof analyses)[number], (typeof analyses)[number]];
    // The composite replicates are read here and nowhere later (scratch is rewritten by the next group).
    figures.set(g.key, groupFigures(g, cur.analysis, prev.analysis, { cur: cur.responses, prev: prev.responses }, opts.minN));
  }
  const groups = input.groups.map((g) => figures.get(g.key) as GroupFigures);
  // A single selection (by element) has nothing to be ranked against.
  if (input.by !== "element") rankSiblings(groups);
  return {
    period: input.period,
    previous: input.previous,
    by: input.by,
    filters: input.filters,
    minN: opts.minN,
    resamples: opts.resamples,
    seed: opts.seed,
    groups,
  };
}
