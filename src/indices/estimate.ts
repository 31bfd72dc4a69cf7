// Point estimates of the method (no intervals): item shares and means, element indices, overall index.
import { ELEMENTS, type Element } from "../survey/types.ts";
import type { ItemSpace, ItemTally } from "./types.ts";

export interface ItemPoint {
  itemId: string;
  element: Element | null;
  counts: ItemTally["counts"];
  /** Answers (4 or 5) / answers. */
  satisfied: number;
  answered: number;
  share: number | null;
  mean: number | null;
}

export interface Points {
  items: ItemPoint[];
  /** Element index (mean of its answered items' shares) and the respondents who answered the element. */
  elements: Map<Element, { value: number | null; n: number; items: number }>;
  overall: { value: number | null; n: number };
}

export function itemPoint(t: ItemTally): ItemPoint {
  const [c1, c2, c3, c4, c5] = t.counts;
  const answered = c1 + c2 + c3 + c4 + c5;
  const satisfied = c4 + c5;
  return {
    itemId: t.itemId,
    element: t.element,
    counts: t.counts,
    satisfied,
    answered,
    share: answered > 0 ? (100 * satisfied) / answered : null,
    mean: answered > 0 ? (c1 + 2 * c2 + 3 * c3 + 4 * c4 + 5 * c5) / answered : null,
  };
}

/** Mean of the finite values, or null. */
function meanOf(values: number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Respondents per element (ELEMENTS order) and in all, of a sample: the denominators of the composites. */
export interface RespondentCounts {
  /** elements[e]: respondents whose pattern answers at least one item of ELEMENTS[e]. */
  elements: number[];
  overall: number;
}

export function emptyCounts(): RespondentCounts {
  return { elements: ELEMENTS.map(() => 0), overall: 0 };
}

/** into += from. */
export function addCounts(into: RespondentCounts, from: RespondentCounts): void {
  for (let e = 0; e < ELEMENTS.length; e++) into.elements[e] = (into.elements[e] as number) + (from.elements[e] as number);
  into.overall += from.overall;
}

/** The respondent counts of a set of answer patterns (see GroupSample.patterns). */
export function respondentCounts(patterns: Map<string, number>, space: ItemSpace): RespondentCounts {
  const out = emptyCounts();
  const elementOfItem = space.elements.map((e) => ELEMENTS.indexOf(e));
  const seen = new Uint8Array(ELEMENTS.length);
  for (const [pattern, count] of patterns) {
    out.overall += count;
    seen.fill(0);
    for (let i = 0; i < pattern.length; i++) if (pattern.charCodeAt(i) !== 48 /* "0" */) seen[elementOfItem[i] as number] = 1;
    for (let e = 0; e < ELEMENTS.length; e++) if (seen[e] === 1) out.elements[e] = (out.elements[e] as number) + count;
  }
  return out;
}

/**
 * Point estimates from item tallies and respondent counts. Respondent counts add up over a subtree, so a
 * report rolls them up instead of the patterns (respondentCounts of the union of patterns is the sum).
 */
export function pointEstimatesOf(tallies: Iterable<ItemTally>, counts: RespondentCounts): Points {
  const items = [...tallies].map(itemPoint).sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  const sharesByElement = new Map<Element, number[]>();
  for (const it of items) {
    if (it.element === null || it.share === null) continue;
    const list = sharesByElement.get(it.element) ?? [];
    list.push(it.share);
    sharesByElement.set(it.element, list);
  }
  const elements = new Map<Element, { value: number | null; n: number; items: number }>();
  const elementValues: number[] = [];
  ELEMENTS.forEach((e, k) => {
    const shares = sharesByElement.get(e) ?? [];
    const value = meanOf(shares);
    elements.set(e, { value, n: counts.elements[k] as number, items: shares.length });
    if (value !== null) elementValues.push(value);
  });
  return { items, elements, overall: { value: meanOf(elementValues), n: counts.overall } };
}
