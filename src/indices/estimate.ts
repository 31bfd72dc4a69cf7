// Point estimates of the method (no intervals): item shares and means, element indices, overall index.
import { ELEMENTS, type Element } from "../survey/types.ts";
import type { GroupSample, ItemSpace, ItemTally } from "./types.ts";

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

export function pointEstimates(sample: GroupSample, space: ItemSpace): Points {
  const items = [...sample.items.values()]
    .map(itemPoint)
    .sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  const sharesByElement = new Map<Element, number[]>();
  for (const it of items) {
    if (it.element === null || it.share === null) continue;
    const list = sharesByElement.get(it.element) ?? [];
    list.push(it.share);
    sharesByElement.set(it.element, list);
  }
  // Respondents per element: those whose pattern answers at least one item of the element.
  const respondentsByElement = new Map<Element, number>();
  let overallN = 0;
  for (const [pattern, count] of sample.patterns) {
    overallN += count;
    const seen = new Set<Element>();
    for (let i = 0; i < pattern.length; i++) if (pattern[i] !== "0") seen.add(space.elements[i] as Element);
    for (const e of seen) respondentsByElement.set(e, (respondentsByElement.get(e) ?? 0) + count);
  }
  const elements = new Map<Element, { value: number | null; n: number; items: number }>();
  const elementValues: number[] = [];
  for (const e of ELEMENTS) {
    const shares = sharesByElement.get(e) ?? [];
    const value = meanOf(shares);
    elements.set(e, { value, n: respondentsByElement.get(e) ?? 0, items: shares.length });
    if (value !== null) elementValues.push(value);
  }
  return { items, elements, overall: { value: meanOf(elementValues), n: overallN } };
}
