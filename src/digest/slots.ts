// Which digests a firing at a given moment owes: the ISO week that has just finished (weekly subscribers)
// and the month before the current one (monthly subscribers; only the month's first firing claims it, the
// later ones find the slot taken). Dates are calendar days in the display time zone.
import { localDateOf } from "../format.ts";
import { parsePeriod, previousPeriod, type Period } from "../indices/period.ts";
import type { DigestFrequency } from "../store/subscriptions.ts";

export const SLOT_PREFIX = "digest:";

export interface DigestSlot {
  /** digest:weekly:2026-W48, digest:monthly:2026-11 */
  key: string;
  frequency: DigestFrequency;
  period: Period;
}

const DAY_MS = 86_400_000;

/** The ISO week ("2026-W48") holding a calendar day ("YYYY-MM-DD"). */
export function isoWeekLabel(isoDate: string): string {
  const day = Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
  const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
  // The ISO year of a week is the calendar year of its Thursday.
  const thursday = new Date((day - weekday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Math.floor(Date.UTC(year, 0, 1) / DAY_MS);
  const week = Math.floor((day - weekday + 3 - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The period in progress at `at`: its ISO week, or its month. */
export function currentPeriod(at: Date, timeZone: string, frequency: DigestFrequency): Period {
  const today = localDateOf(at, timeZone);
  return parsePeriod(frequency === "weekly" ? isoWeekLabel(today) : today.slice(0, 7), timeZone);
}

export function slotKey(frequency: DigestFrequency, period: Period): string {
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
