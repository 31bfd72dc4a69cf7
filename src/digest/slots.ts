// Which digests a firing at a given moment owes: the ISO week that has just finished (weekly subscribers)
// and the month before the current one (monthly subscribers; only the month's first firing claims it, the
// later ones find the slot taken). Dates are calendar days in the display time zone.
import { localDateOf } from "../format.ts";
import { isoWeekOf, parsePeriod, previousPeriod, type Period } from "../indices/period.ts";
import type { DigestFrequency } from "../store/subscriptions.ts";

export const SLOT_PREFIX = "digest:";

export interface DigestSlot {
  /** digest:weekly:2026-W48, digest:monthly:2026-11 */
  key: string;
  frequency: DigestFrequency;
  period: Period;
}

/** The ISO week ("2026-W48") holding a calendar day ("YYYY-MM-DD"). */
export const isoWeekLabel = isoWeekOf;

/** The period in progress at `at`: its ISO week, or its month. */
export function currentPeriod(at: Date, timeZone: string, frequency: DigestFrequency): Period {
  const today = localDateOf(at, timeZone);
  return parsePeriod(frequency === "weekly" ? isoWeekLabel(today) : today.slice(0, 7), timeZone);
}

function slotKey(frequency: DigestFrequency, period: Period): string {
  return `${SLOT_PREFIX}${frequency}:${period.label}`;
}

/** The slots a firing at `at` claims: the week just finished, and the month just finished. */
export function slotsAt(at: Date, timeZone: string): DigestSlot[] {
  return (["weekly", "monthly"] as const).map((frequency) => {
    const period = previousPeriod(currentPeriod(at, timeZone, frequency));
    return { key: slotKey(frequency, period), frequency, period };
  });
}

/** The slot a key names, or null for a key this version does not write. */
export function parseSlotKey(key: string, timeZone: string): DigestSlot | null {
  const m = /^digest:(weekly|monthly):(\d{4}-(?:W\d{2}|\d{2}))$/.exec(key);
  if (!m) return null;
  const frequency = m[1] as DigestFrequency;
  try {
    return { key, frequency, period: parsePeriod(m[2]!, timeZone) };
  } catch {
    return null;
  }
}
