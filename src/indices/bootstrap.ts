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

/** Weighted answers per replicate, item-major: answered[i * resamples + b], satisfied[i * resamples + b]. */
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

export interface DrawOptions {
  /** Zeroed totals of the right shape to fill instead of new ones. */
  into?: ReplicateTotals;
}

/** Pattern weights, packed sums and field values, reused from group to group (nothing is allocated per replicate). */
let weightsScratch = new Int32Array(0);
let packedScratch = new Float64Array(0);
let fieldScratch = new Int32Array(0);

/**
 * Draws the replicate totals of one group of respondents (its own responses, without any subtree).
 *
 * Each pattern's Poisson(count) weights are drawn for every replicate, pattern by pattern in canonical
 * order (one stream). The 2 × items sums a replicate needs (answered i, satisfied i) are sums of pattern
 * weights over subsets of the patterns; instead of adding each pattern's weight vector into every sum it
 * enters, the sums are kept side by side as bit fields of a few doubles: a pattern adds weight × (Σ 2^field
 * offset of the sums it enters) to each double, one multiply-add per replicate and double. Every field is
 * wide enough for the largest weight sum the tables can produce, so no field ever carries into the next and
 * all numbers stay integers below 2^53: the sums are exactly those of adding the weights one by one.
 * Columns that add up the same patterns share a field.
 */
export function drawTotals(
  patterns: Map<string, number>,
  items: number,
  resamples: number,
  rng: Rng,
  tables: PoissonTables,
  options: DrawOptions = {},
): ReplicateTotals {
  const totals = options.into ?? emptyTotals(resamples, items);
  if (totals.resamples !== resamples || totals.items !== items) throw new RangeError("totals of another shape");
  const list = canonical(patterns);
  const k = list.length;
  if (k === 0) return totals;
  // Column c < items: answered item c; c ≥ items: satisfied item c - items. Columns adding up the same
  // patterns (every pattern answers most items) share one field; columns adding up none have none.
  const columns = 2 * items;
  const member = new Uint8Array(columns * k);
  for (let p = 0; p < k; p++) {
    const pattern = (list[p] as [string, number])[0];
    for (let i = 0; i < items; i++) {
      const ch = pattern.charCodeAt(i);
      if (ch !== 48 /* "0" */) member[i * k + p] = 1;
      if (ch === 50 /* "2" */) member[(items + i) * k + p] = 1;
    }
  }
  const fieldOf = new Int32Array(columns).fill(-1);
  const fieldColumn: number[] = [];
  for (let c = 0; c < columns; c++) {
    const row = c * k;
    let any = false;
    for (let p = 0; p < k && !any; p++) any = member[row + p] === 1;
    if (!any) continue;
    for (let f = 0; f < fieldColumn.length && fieldOf[c] === -1; f++) {
      const other = (fieldColumn[f] as number) * k;
      let p = 0;
      while (p < k && member[row + p] === member[other + p]) p++;
      if (p === k) fieldOf[c] = f;
    }
    if (fieldOf[c] === -1) {
      fieldOf[c] = fieldColumn.length;
      fieldColumn.push(c);
    }
  }
  const fields = fieldColumn.length;
  const drawn = list.map(([, count]) => tables.get(count));
  // The largest sum any field can reach: every pattern at the top of its table (the totals are 32-bit).
  let most = 0;
  for (const t of drawn) most += t.offset + t.cdf.length - 1;
  if (most > 2147483647) throw new RangeError("too many respondents in one group for the bootstrap sums");
  let width = 1;
  while (2 ** width <= most) width++;
  const perPack = Math.floor(53 / width);
  const packs = Math.ceil(fields / perPack);
  // multiplier[p * packs + q]: what one unit of pattern p's weight adds to double q.
  const multiplier = new Float64Array(k * packs);
  for (let f = 0; f < fields; f++) {
    const c = fieldColumn[f] as number;
    const q = Math.floor(f / perPack);
    const scale = 2 ** (width * (f % perPack));
    for (let p = 0; p < k; p++) if (member[c * k + p] === 1) multiplier[p * packs + q] = (multiplier[p * packs + q] as number) + scale;
  }
  if (packedScratch.length < packs * resamples) packedScratch = new Float64Array(packs * resamples);
  if (weightsScratch.length < resamples) weightsScratch = new Int32Array(resamples);
  const packed = packedScratch;
  packed.fill(0, 0, packs * resamples);
  const w = weightsScratch;
  for (let p = 0; p < k; p++) {
    rng.fillPoisson(w, resamples, drawn[p] as PoissonTable);
    for (let q = 0; q < packs; q++) {
      const m = multiplier[p * packs + q] as number;
      if (m === 0) continue;
      const at = q * resamples;
      for (let b = 0; b < resamples; b++) packed[at + b] = (packed[at + b] as number) + (w[b] as number) * m;
    }
  }
  // The fields read out of each double from the low bits up, exactly (division by a power of two and
  // integers below 2^53), into rows of field values; each column is then a copy of its field's row.
  if (fieldScratch.length < fields * resamples) fieldScratch = new Int32Array(fields * resamples);
  const rows = fieldScratch;
  const unit = 2 ** width;
  for (let q = 0; q < packs; q++) {
    const first = q * perPack;
    const last = Math.min(fields, first + perPack);
    const at = q * resamples;
    for (let b = 0; b < resamples; b++) {
      let x = packed[at + b] as number;
      for (let f = first; f < last; f++) {
        const rest = Math.floor(x / unit);
        rows[f * resamples + b] = x - rest * unit;
        x = rest;
      }
    }
  }
  for (let c = 0; c < columns; c++) {
    const f = fieldOf[c] as number;
    if (f < 0) continue;
    const into = c < items ? totals.answered : totals.satisfied;
    into.set(rows.subarray(f * resamples, (f + 1) * resamples), (c % items) * resamples);
  }
  return totals;
}

/** Per-replicate counts of answered items of one element (elements with several items), reused. */
let presentScratch = new Int32Array(0);

/**
 * Element indices and overall index of every replicate, computed like the point estimates. `into`, when
 * given and large enough ((ELEMENTS.length + 1) × resamples), holds the result instead of a new array.
 */
export function compositeReplicates(totals: ReplicateTotals, space: ItemSpace, into?: Float64Array): Replicates {
  const { resamples } = totals;
  const answered = totals.answered;
  const satisfied = totals.satisfied;
  const count = ELEMENTS.length;
  const all = into !== undefined && into.length >= (count + 1) * resamples ? into : new Float64Array((count + 1) * resamples);
  const elements = ELEMENTS.map((_, e) => all.subarray(e * resamples, (e + 1) * resamples));
  const overall = all.subarray(count * resamples, (count + 1) * resamples);
  const itemsOf = ELEMENTS.map((element) => {
    const own: number[] = [];
    space.elements.forEach((e, i) => {
      if (e === element) own.push(i);
    });
    return own;
  });
  // The element index of every replicate, then the overall index as the mean of the element indices it
  // has, added in ELEMENTS order like the point estimate's; within an element, its items' shares in id
  // order (a sum, then the mean).
  if (itemsOf.every((own) => own.length <= 1)) {
    // One item per element (the usual questionnaire): the element index is its share, the same number as
    // 0 + share divided by 1. Replicate by replicate, so the overall sum stays in a register.
    const itemOf = Int32Array.from(itemsOf, (own) => (own.length === 1 ? (own[0] as number) : -1));
    for (let b = 0; b < resamples; b++) {
      let sum = 0;
      let present = 0;
      for (let e = 0; e < count; e++) {
        const i = itemOf[e] as number;
        const at = e * resamples + b;
        const a = i < 0 ? 0 : (answered[i * resamples + b] as number);
        if (a === 0) {
          all[at] = Number.NaN;
          continue;
        }
        const x = (100 * (satisfied[i * resamples + b] as number)) / a;
        all[at] = x;
        sum += x;
        present++;
      }
      overall[b] = present > 0 ? sum / present : Number.NaN;
    }
    return { overall, elements };
  }
  all.fill(0, 0, (count + 1) * resamples);
  const overallCount = new Int32Array(resamples);
  if (presentScratch.length < resamples) presentScratch = new Int32Array(resamples);
  itemsOf.forEach((own, e) => {
    const v = elements[e] as Float64Array;
    if (own.length === 0) {
      v.fill(Number.NaN);
      return;
    }
    const present = presentScratch.fill(0, 0, resamples);
    for (const i of own) {
      const base = i * resamples;
      for (let b = 0; b < resamples; b++) {
        const a = answered[base + b] as number;
        if (a === 0) continue;
        v[b] = (v[b] as number) + (100 * (satisfied[base + b] as number)) / a;
        present[b] = (present[b] as number) + 1;
      }
    }
    for (let b = 0; b < resamples; b++) {
      const n = present[b] as number;
      if (n > 0) {
        const x = (v[b] as number) / n;
        v[b] = x;
        overall[b] = (overall[b] as number) + x;
        overallCount[b] = (overallCount[b] as number) + 1;
      } else {
        v[b] = Number.NaN;
      }
    }
  });
  for (let b = 0; b < resamples; b++) {
    const n = overallCount[b] as number;
    overall[b] = n > 0 ? (overall[b] as number) / n : Number.NaN;
  }
  return { overall, elements };
}
