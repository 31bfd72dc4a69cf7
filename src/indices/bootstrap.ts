// Bootstrap over respondents for the composite figures (element indices and the overall index).
//
// Poisson bootstrap: in each replicate every respondent gets an independent Poisson(1) weight (how many
// times they are "drawn"), and the statistic is recomputed exactly as for the point estimate from the
// weighted answers. Respondents with the same answer pattern share one Poisson(count) draw, so a replicate
// costs O(patterns), not O(respondents). Because weights are independent per respondent, a parent's
// replicate is exactly the sum of its children's replicate totals: the roll-up needs no new draws and an
// agency's interval is the same whether it is computed alone or inside a larger report.
import { ELEMENTS } from "../survey/types.ts";
import type { PoissonTable, PoissonTables } from "./poisson.ts";
import type { Rng } from "./rng.ts";
import type { ItemSpace } from "./types.ts";

/** Weighted answers per replicate: answered[b * items + i], satisfied[b * items + i]. */
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
export function drawTotals(patterns: Map<string, number>, space: ItemSpace, resamples: number, rng: Rng, tables: PoissonTables): ReplicateTotals {
  const items = space.ids.length;
  const totals = emptyTotals(resamples, items);
  const list = canonical(patterns);
  const k = list.length;
  if (k === 0) return totals;
  // Flattened per pattern: the answered item indices, then separately those answered 4–5, so the hot loop
  // below has no data-dependent branch.
  const ansStart = new Int32Array(k + 1);
  const satStart = new Int32Array(k + 1);
  const ansItems: number[] = [];
  const satItems: number[] = [];
  const poisson = list.map(([, count]) => tables.get(count));
  list.forEach(([pattern], p) => {
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern.charCodeAt(i);
      if (ch === 48 /* "0" */) continue;
      ansItems.push(i);
      if (ch === 50 /* "2" */) satItems.push(i);
    }
    ansStart[p + 1] = ansItems.length;
    satStart[p + 1] = satItems.length;
  });
  const ansOf = Int32Array.from(ansItems);
  const satOf = Int32Array.from(satItems);
  const answered = totals.answered;
  const satisfied = totals.satisfied;
  const uniforms = new Float64Array(resamples);
  // Pattern by pattern (its weight in every replicate), so each pattern's table stays in registers and the
  // uniforms come from the generator's bulk path; the inverse-CDF search is inlined for the same reason.
  for (let p = 0; p < k; p++) {
    rng.fill(uniforms);
    const table = poisson[p] as PoissonTable;
    const cdf = table.cdf;
    const guide = table.guide;
    const g = guide.length;
    const offset = table.offset;
    const a0 = ansStart[p] as number;
    const a1 = ansStart[p + 1] as number;
    const s0 = satStart[p] as number;
    const s1 = satStart[p + 1] as number;
    for (let b = 0; b < resamples; b++) {
      const u = uniforms[b] as number;
      let x = guide[(u * g) | 0] as number;
      while ((cdf[x] as number) <= u) x++;
      const w = x + offset;
      if (w === 0) continue;
      const base = b * items;
      for (let j = a0; j < a1; j++) {
        const i = base + (ansOf[j] as number);
        answered[i] = (answered[i] as number) + w;
      }
      for (let j = s0; j < s1; j++) {
        const i = base + (satOf[j] as number);
        satisfied[i] = (satisfied[i] as number) + w;
      }
    }
  }
  return totals;
}

/** Element indices and overall index of every replicate, computed like the point estimates. */
export function compositeReplicates(totals: ReplicateTotals, space: ItemSpace): Replicates {
  const { resamples, items } = totals;
  const elementOfItem = Int32Array.from(space.elements, (e) => ELEMENTS.indexOf(e));
  const overall = new Float64Array(resamples);
  const elements = ELEMENTS.map(() => new Float64Array(resamples));
  const elementSum = new Float64Array(ELEMENTS.length);
  const elementItems = new Int32Array(ELEMENTS.length);
  for (let b = 0; b < resamples; b++) {
    elementSum.fill(0);
    elementItems.fill(0);
    const base = b * items;
    // Same summation order as the point estimate (items by id).
    for (let i = 0; i < items; i++) {
      const a = totals.answered[base + i] as number;
      if (a === 0) continue;
      const e = elementOfItem[i] as number;
      elementSum[e] = (elementSum[e] as number) + (100 * (totals.satisfied[base + i] as number)) / a;
      elementItems[e] = (elementItems[e] as number) + 1;
    }
    let total = 0;
    let present = 0;
    for (let e = 0; e < ELEMENTS.length; e++) {
      const c = elementItems[e] as number;
      const v = c > 0 ? (elementSum[e] as number) / c : Number.NaN;
      (elements[e] as Float64Array)[b] = v;
      if (c > 0) {
        total += v;
        present++;
      }
    }
    overall[b] = present > 0 ? total / present : Number.NaN;
  }
  return { overall, elements };
}
