// From the store's raw tallies to the method's samples (pure): answer counts become item tallies, the
// response_summary patterns become patterns over the report's item space, and each row lands in its
// period's and group's sample.
import { ELEMENTS, type Element } from "../survey/types.ts";
import { itemSpace } from "./sample.ts";
import type { AgencyNode } from "./tree.ts";
import type { GroupSample, ItemSpace, ItemTally } from "./types.ts";

/** What a report is computed from: the agencies, the item space and the samples of both periods. */
export interface IndicesData {
  /** The agencies of the selection (every agency when no agency was selected). */
  agencies: AgencyNode[];
  space: ItemSpace;
  /** Samples by group key: agency id (as text), procedure code ("" = none), channel, or "" for by=element. */
  current: Map<string, GroupSample>;
  before: Map<string, GroupSample>;
  /** Completed responses of the current period that the integrity rule excludes, by group key (only when excluding). */
  excluded?: Map<string, number>;
}

/**
 * The tallies as the method reads them; src/store/indices-queries.ts returns this shape. Declared here,
 * by the side that consumes it, so the maths imports nothing from the store. Group keys are text (agency
 * id, procedure code or "" for none, channel, "" for by=element); `current` is the later period.
 */
export interface IndicesTallies {
  agencies: AgencyNode[];
  counts: readonly { current: boolean; group: string; itemId: string; element: string | null; score: number; count: number }[];
  patterns: readonly { current: boolean; group: string; pattern: string; count: number }[];
  excluded: readonly { group: string; count: number }[];
}

function isElement(x: string | null): x is Element {
  return x !== null && (ELEMENTS as readonly string[]).includes(x);
}

function sampleOf(map: Map<string, GroupSample>, key: string): GroupSample {
  let s = map.get(key);
  if (!s) {
    s = { responses: 0, items: new Map(), patterns: new Map() };
    map.set(key, s);
  }
  return s;
}

export function samplesFromTallies(t: IndicesTallies): IndicesData {
  const current = new Map<string, GroupSample>();
  const before = new Map<string, GroupSample>();
  const target = (isCurrent: boolean) => (isCurrent ? current : before);
  const elementItems: { id: string; element: Element }[] = [];
  for (const row of t.counts) {
    const sample = sampleOf(target(row.current), row.group);
    const element = isElement(row.element) ? row.element : null;
    let tally: ItemTally | undefined = sample.items.get(row.itemId);
    if (!tally) {
      tally = { itemId: row.itemId, element, counts: [0, 0, 0, 0, 0] };
      sample.items.set(row.itemId, tally);
    }
    tally.counts[row.score - 1] = (tally.counts[row.score - 1] as number) + row.count;
    if (element !== null) elementItems.push({ id: row.itemId, element });
  }
  const space = itemSpace(elementItems);
  addPatterns(t.patterns, space, target);
  return { agencies: t.agencies, space, current, before, excluded: new Map(t.excluded.map((e) => [e.group, e.count])) };
}

/** The entries of a summary pattern: [state "1" | "2", item id]. */
function patternEntries(raw: string): [string, string][] {
  const out: [string, string][] = [];
  let at = 0;
  while (at < raw.length) {
    const colon = raw.indexOf(":", at + 1);
    const end = colon + 1 + Number(raw.slice(at + 1, colon));
    if (colon < 0 || !(end <= raw.length)) throw new Error(`malformed response_summary.pattern "${raw}"`);
    out.push([raw[at] as string, raw.slice(colon + 1, end)]);
    at = end;
  }
  return out;
}

/**
 * Turns summary patterns ("<state><length>:<item id>" entries, see prisma/schema.prisma) into the pattern
 * strings of the item space: one character per item, "0" not answered, "1" answered 1–3, "2" answered 4–5.
 * Entries outside the space (an element item with an unknown element) leave their character "0", as the
 * per-answer query this replaces did.
 */
function addPatterns(rows: IndicesTallies["patterns"], space: ItemSpace, target: (current: boolean) => Map<string, GroupSample>): void {
  const index = new Map(space.ids.map((id, i) => [id, i]));
  const chars = new Array<string>(space.ids.length);
  // Groups share most patterns: decode each distinct one once.
  const decoded = new Map<string, string>();
  for (const row of rows) {
    const c = row.count;
    const sample = sampleOf(target(row.current), row.group);
    sample.responses += c;
    const raw = row.pattern;
    let key = decoded.get(raw);
    if (key === undefined) {
      chars.fill("0");
      for (const [state, id] of patternEntries(raw)) {
        const i = index.get(id);
        if (i !== undefined) chars[i] = state === "2" ? "2" : "1";
      }
      // A respondent without an element answer is counted as a response but has no pattern.
      key = raw === "" ? "" : chars.join("");
      decoded.set(raw, key);
    }
    if (key !== "") sample.patterns.set(key, (sample.patterns.get(key) ?? 0) + c);
  }
}
