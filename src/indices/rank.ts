// Competition ranking ("1, 2, 2, 4"), as published rankings do. Values are compared at the published
// precision (2 decimals): two agencies shown with the same figure share a rank.
import { roundTo } from "../format.ts";

/** Ranks of `values` (higher is better); null entries are not ranked. */
export function competitionRanks(values: (number | null)[]): (number | null)[] {
  const rounded = values.map((v) => (v === null ? null : roundTo(v, 2)));
  const sorted = rounded.filter((v): v is number => v !== null).sort((a, b) => b - a);
  const firstPosition = new Map<number, number>();
  sorted.forEach((v, i) => {
    if (!firstPosition.has(v)) firstPosition.set(v, i + 1);
  });
  return rounded.map((v) => (v === null ? null : (firstPosition.get(v) as number)));
}
