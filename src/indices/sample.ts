// Building and combining group samples. A parent's sample is the union of its subtree's responses, so
// counts and pattern multiplicities simply add up (never an average of the children's indices).
import type { Element } from "../survey/types.ts";
import type { GroupSample, ItemSpace, ItemTally } from "./types.ts";

export function emptySample(): GroupSample {
  return { responses: 0, items: new Map(), patterns: new Map() };
}

/** Adds the item tallies `from` into `into` (mutates `into`, never the tallies of `from`). */
export function addItems(into: Map<string, ItemTally>, from: Map<string, ItemTally>): void {
  for (const [id, t] of from) {
    const cur = into.get(id);
    if (!cur) {
      into.set(id, { itemId: t.itemId, element: t.element, counts: [...t.counts] as ItemTally["counts"] });
    } else {
      for (let s = 0; s < 5; s++) cur.counts[s] = (cur.counts[s] as number) + (t.counts[s] as number);
    }
  }
}

/** The item space of a set of element items: sorted by id in code-unit order, the same on every database. */
export function itemSpace(items: Iterable<{ id: string; element: Element }>): ItemSpace {
  const byId = new Map<string, Element>();
  for (const i of items) byId.set(i.id, i.element);
  const ids = [...byId.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ids, elements: ids.map((id) => byId.get(id) as Element) };
}

/**
 * Builds a sample from per-respondent answers (tests, and small in-memory sets). Each respondent is a map
 * item id → score 1–5, or null for a skipped item; elements come from `elementOf` (null = no element).
 */
export function sampleFromRespondents(
  respondents: Record<string, number | null>[],
  elementOf: (itemId: string) => Element | null,
  space: ItemSpace,
): GroupSample {
  const sample = emptySample();
  sample.responses = respondents.length;
  const index = new Map(space.ids.map((id, i) => [id, i]));
  for (const r of respondents) {
    const codes = new Array<string>(space.ids.length).fill("0");
    let any = false;
    for (const [itemId, score] of Object.entries(r)) {
      if (score === null) continue;
      if (!Number.isInteger(score) || score < 1 || score > 5) throw new RangeError(`score ${score} for ${itemId} is not 1–5`);
      const element = elementOf(itemId);
      let t = sample.items.get(itemId);
      if (!t) {
        t = { itemId, element, counts: [0, 0, 0, 0, 0] };
        sample.items.set(itemId, t);
      }
      t.counts[score - 1] = (t.counts[score - 1] as number) + 1;
      const i = index.get(itemId);
      if (element !== null && i !== undefined) {
        codes[i] = score >= 4 ? "2" : "1";
        any = true;
      }
    }
    if (any) {
      const key = codes.join("");
      sample.patterns.set(key, (sample.patterns.get(key) ?? 0) + 1);
    }
  }
  return sample;
}
