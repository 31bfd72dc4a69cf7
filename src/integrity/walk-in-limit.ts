// The walk-in rule: a person rates one agency at most once per period without an invitation. A dossier's
// invitation already limits itself (one response per dossier); a walk-in has nothing to count but the
// person, so the period is the limit. Periods are calendar periods in TZ_DISPLAY, like the indices'.
import { localDateOf } from "../format.ts";
import { isoWeekOf, parsePeriod, type Period } from "../indices/period.ts";

export const WALK_IN_LIMIT_PERIODS = ["week", "month", "quarter"] as const;
export type WalkInLimitPeriod = (typeof WALK_IN_LIMIT_PERIODS)[number];

/**
 * A month is the default: indices are read by month and quarter, so one voice per person per agency per
 * month keeps a regular visitor from outweighing the rest, while someone who comes back next month (a new
 * visit, a new experience) is heard again.
 */
export const DEFAULT_WALK_IN_LIMIT_PERIOD: WalkInLimitPeriod = "month";

/** The calendar period of this kind holding `at`. */
export function walkInPeriod(at: Date, kind: WalkInLimitPeriod, timeZone: string): Period {
  const day = localDateOf(at, timeZone);
  switch (kind) {
    case "week":
      return parsePeriod(isoWeekOf(day), timeZone);
    case "month":
      return parsePeriod(day.slice(0, 7), timeZone);
    case "quarter":
      return parsePeriod(`${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`, timeZone);
  }
}
