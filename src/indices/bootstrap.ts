// Bootstrap over respondents for the composite figures (element indices and the overall index).
//
// Poisson bootstrap: in each replicate every respondent gets an independent Poisson(1) weight (how many
// times they are "drawn"), and the statistic is recomputed exactly as for the point estimate from the
// weighted answers. Respondents with the same answer pattern share one Poisson(count) draw, so a replicate
// costs O(patterns), not O(respondents). Because weights are independent per respondent, a parent's
// replicate is exactly the sum of its children's replicate totals: the roll-up needs no new draws and an
// agency's interval is the same whether it is computed alone or inside a larger report.
import { ELEMENTS } from "../survey/types.ts";
import type { PoissonTables } from "./poisson.ts";
import type { Rng } from "./rng.ts";
import type { ItemSpace } from "./types.ts";

/**
 * Weighted answers per replicate, item-major: answered[i * resamples + b], satisfied[i * resamples + b].
 * Item-major so that adding one pattern's weights is a contiguous run over the replicates per item.
 */
export interface ReplicateTotals {
  resamples: number;
  items: number;
  answered: Int32Array;
  satisfied: Int32Array;
}

export interface Replicates {
  /** overall[b]: overall index of replicate b (NaN when no element was answered). */
  overall: Float64Array;
  /** elements[e][b], e in ELEMENTS order (NaN when the element was not answered in that replicate). */
  elements: Float64Array[];
}

export function emptyTotals(resamples: number, items: number): ReplicateTotals {
  return { resamples, items, answered: new Int32Array(resamples * items), satisfied: new Int32Array(resamples * items) };
}

/** into += from. */
export function addTotals(into: ReplicateTotals, from: ReplicateTotals): void {
  const a = into.answered;
  const s = into.satisfied;
  const fa = from.answered;
  const fs = from.satisfied;
  for (let j = 0; j < a.length; j++) {
    a[j] = (a[j] as number) + (fa[j] as number);
    s[j] = (s[j] as number) + (fs[j] as number);
  }
}

/** Patterns in a canonical order, so that the order responses arrived in never changes the result. */
function canonical(patterns: Map<string, number>): [string, number][] {
  return [...patterns.entries()].filter(([, c]) => c > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Draws the replicate totals of one group of respondents (its own responses, without any subtree). */
export function drawTotals(patterns: Map<string, number>, items: number, resamples: number, rng: Rng, tables: PoissonTables): ReplicateTotals {
  const totals = emptyTotals(resamples, items);
  const list = canonical(patterns);
  const k = list.length;
  if (k === 0) return totals;
  // Each of the 2 × items sums (answered i, satisfied i) is kept directly, or — when more than half the
  // patterns contribute to it, as for items nearly everyone answers — as the total weight minus the weight
  // of the patterns that do not. Integer sums, so either way gives exactly the same totals, with about half
  // the additions on typical data. column c < items: answered item c; c ≥ items: satisfied item c - items.
  const columns = 2 * items;
  const hits = new Int32Array(columns);
  const bits: Uint8Array[] = list.map(([pattern]) => {
    const on = new Uint8Array(columns);
    for (let i = 0; i < items; i++) {
      const ch = pattern.charCodeAt(i);
      if (ch !== 48 /* "0" */) on[i] = 1;
      if (ch === 50 /* "2" */) on[items + i] = 1;
    }
    for (let c = 0; c < columns; c++) hits[c] = (hits[c] as number) + (on[c] as number);
    return on;
  });
  const complement = Array.from(hits, (h) => h > k - h + 1);
  const useTotal = complement.some((x) => x);
  const total = new Int32Array(useTotal ? resamples : 0);
  const sums = Array.from({ length: columns }, (_, c) => (c < items ? totals.answered : totals.satisfied).subarray((c % items) * resamples, (c % items + 1) * resamples));
  const weights = new Int32Array(resamples);
  // Pattern by pattern, in canonical order: its Poisson(count) weight in every replicate (one stream, the
  // same numbers as drawing replicate by replicate), then one contiguous pass per sum it enters.
  for (let p = 0; p < k; p++) {
    rng.fillPoisson(weights, tables.get((list[p] as [string, number])[1]));
    if (useTotal) addInto(total, weights);
    const on = bits[p] as Uint8Array;
    for (let c = 0; c < columns; c++) if ((on[c] === 1) !== complement[c]) addInto(sums[c] as Int32Array, weights);
  }
  for (let c = 0; c < columns; c++) {
    if (!complement[c]) continue;
    const sum = sums[c] as Int32Array;
    for (let b = 0; b < resamples; b++) sum[b] = (total[b] as number) - (sum[b] as number);
  }
  return totals;
}

function addInto(into: Int32Array, from: Int32Array): void {
  for (let b = 0; b < into.length; b++) into[b] = (into[b] as number) + (from[b] as number);
}

/** Element indices and overall index of every replicate, computed like the point estimates. */
export function compositeReplicates(totals: ReplicateTotals, space: ItemSpace): Replicates {
  const { resamples, items } = totals;
  const elementOfItem = Int32Array.from(space.elements, (e) => ELEMENTS.indexOf(e));
  // elements[e][b] holds the sum of the element's item shares, then their mean; item by item in id order,
  // so every replicate adds its shares in the same order as the point estimate does.
  const elements = ELEMENTS.map(() => new Float64Array(resamples));
  const present = ELEMENTS.map(() => new Int32Array(resamples));
  for (let i = 0; i < items; i++) {
    const e = elementOfItem[i] as number;
    const sum = elements[e] as Float64Array;
    const count = present[e] as Int32Array;
    const base = i * resamples;
    for (let b = 0; b < resamples; b++) {
      const a = totals.answered[base + b] as number;
      if (a === 0) continue;
      sum[b] = (sum[b] as number) + (100 * (totals.satisfied[base + b] as number)) / a;
      count[b] = (count[b] as number) + 1;
    }
  }
  const overall = new Float64Array(resamples);
  const overallCount = new Int32Array(resamples);
  for (let e = 0; e < ELEMENTS.length; e++) {
    const v = elements[e] as Float64Array;
    const c = present[e] as Int32Array;
    for (let b = 0; b < resamples; b++) {
      const n = c[b] as number;
      if (n > 0) {
        v[b] = (v[b] as number) / n;
        overall[b] = (overall[b] as number) + (v[b] as number);
        overallCount[b] = (overallCount[b] as number) + 1;
      } else {
        v[b] = Number.NaN;
      }
    }
  }
  for (let b = 0; b < resamples; b++) {
    const n = overallCount[b] as number;
    overall[b] = n > 0 ? (overall[b] as number) / n : Number.NaN;
  }
  return { overall, elements };
}
