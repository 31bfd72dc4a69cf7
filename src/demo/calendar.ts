// The two simulated weeks, in local time of the province. Fixed dates (not "the last two weeks before
// today"), so every run of the demo tells the same story and writes the same digest.
export const TIME_ZONE = "Asia/Ho_Chi_Minh";
/** Viet Nam keeps UTC+07:00 all year (no daylight saving), so local wall time is a fixed shift. */
const OFFSET_HOURS = 7;

/** Monday of the first simulated week (ISO week 2026-W46); the second is 2026-W47. */
const FIRST_DAY_UTC = Date.UTC(2026, 10, 9);
export const DAYS = 14;
export const FIRST_WEEK = "2026-W46";
export const DIGEST_WEEK = "2026-W47";

/** The instant of local wall time `hours` (fractional) on simulated day `day` (0 = Monday 9 November 2026). */
export function localTime(day: number, hours: number): Date {
  return new Date(FIRST_DAY_UTC + day * 86_400_000 + (hours - OFFSET_HOURS) * 3_600_000);
}

export const WINDOW_END = localTime(DAYS, 0);

/** Local hour of day (fractional) of an instant. */
export function localHour(at: Date): number {
  return (((at.getTime() - FIRST_DAY_UTC) / 3_600_000 + OFFSET_HOURS) % 24 + 24) % 24;
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(day: number): number {
  return day % 7;
}

/** When the outbox worker is run (the service's worker would poll all day; three runs a day are enough here). */
export const REMINDER_RUN_HOURS = [8, 12, 17];

export function reminderRuns(): Date[] {
  const out: Date[] = [];
  for (let day = 0; day < DAYS; day++) for (const h of REMINDER_RUN_HOURS) out.push(localTime(day, h));
  return out;
}

/** The first reminder run at or after `at`, if it is inside the simulated window. */
export function nextReminderRun(at: Date): Date | undefined {
  return reminderRuns().find((r) => r.getTime() >= at.getTime());
}

/** Citizens do not answer surveys between 23:00 and 06:30: a later moment is moved to the next morning. */
export function awake(at: Date, jitterMinutes: number): Date {
  const h = localHour(at);
  if (h >= 6.5 && h < 23) return at;
  const toMorning = h >= 23 ? 24 - h + 6.5 : 6.5 - h;
  return new Date(at.getTime() + toMorning * 3_600_000 + jitterMinutes * 60_000);
}
