// The order of a digest's agencies: the ones an official should look at first come first, because the
// chart is drawn for the first and a long digest loses agencies from the end. Pure.
import type { DigestSection } from "./types.ts";

/** The largest significant fall among the overall and the elements, in points (negative), or null. */
function worstSignificantFall(s: DigestSection): { change: number; overall: boolean } | null {
  const o = s.overall.change;
  if (o?.significant && o.change < 0) return { change: o.change, overall: true };
  let worst: number | null = null;
  for (const e of s.elements) if (e.change?.significant && e.change.change < 0 && (worst === null || e.change.change < worst)) worst = e.change.change;
  return worst === null ? null : { change: worst, overall: false };
}

/**
 * 1. a significant fall of the overall index, largest fall first;
 * 2. a significant fall of an element, largest fall first;
 * 3. the rest with an overall shown, lowest first;
 * 4. agencies whose overall cannot be shown, in the order asked for.
 */
export function attentionKey(s: DigestSection): [number, number] {
  const fall = worstSignificantFall(s);
  if (fall) return [fall.overall ? 0 : 1, fall.change];
  if (s.overall.value !== null) return [2, s.overall.value];
  return [3, 0];
}

export function byAttention(sections: DigestSection[]): DigestSection[] {
  // Array.prototype.sort is stable, so ties keep the order the caller asked for.
  return sections
    .map((s) => ({ s, k: attentionKey(s) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1])
    .map(({ s }) => s);
}
