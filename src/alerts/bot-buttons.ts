// The buttons of /alerts: typed actions in "x:al:…" data. Each carries what its step needs (agency id,
// target, level), and every press is checked again when it arrives: the role, the agency against the
// member's scope as it is now, the item against the agency's questionnaire, a threshold against its owner.
import { buttonCodec, field } from "../staff/button-codec.ts";

/** Threshold levels offered: p = percent answering 4–5, s = mean score ×10 (items only). */
export const PERCENT_LEVELS = ["p50", "p60", "p70", "p75", "p80", "p85", "p90", "p95"] as const;
export const SCORE_LEVELS = ["s30", "s35", "s40", "s45"] as const;
export type Level = (typeof PERCENT_LEVELS)[number] | (typeof SCORE_LEVELS)[number];

export const TARGET_KINDS = ["index", "element", "item"] as const;
/** The id of the "index" target in a button (it has no id of its own). */
export const INDEX_ID = "all";

export const alertButtons = buttonCodec("al", {
  /** The member's thresholds. */
  list: { tag: "l" },
  /** Choose an agency: the scope's top agencies (parent 0) or the units under `parent`. */
  pick: { tag: "a", fields: { parent: field.int } },
  /** The agency was chosen: the overall index, the five elements, or its questions. */
  agency: { tag: "g", fields: { agency: field.int } },
  items: { tag: "i", fields: { agency: field.int } },
  /** The figure was chosen: offer the levels. */
  target: { tag: "t", fields: { agency: field.int, of: field.oneOf(...TARGET_KINDS), id: field.id } },
  /** Save the threshold. */
  save: { tag: "v", fields: { agency: field.int, of: field.oneOf(...TARGET_KINDS), id: field.id, level: field.oneOf(...PERCENT_LEVELS, ...SCORE_LEVELS) } },
  remove: { tag: "r", fields: { threshold: field.id } },
});

export function levelValue(level: Level): { unit: "percent" | "score"; value: number } {
  const n = Number(level.slice(1));
  return level.startsWith("s") ? { unit: "score", value: n / 10 } : { unit: "percent", value: n };
}
