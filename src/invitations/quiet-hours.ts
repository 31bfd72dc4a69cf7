// Nobody gets a reminder at night: a time inside the quiet window (21:00 up to, not including, 07:00 local)
// moves to the next 07:00 in the display time zone (pure; the zone's rules come from src/time-zone.ts, so a
// zone with daylight saving works too, though Vietnam has none).
import { wallClock, wallClockInstant } from "../time-zone.ts";

export interface QuietWindow {
  /** Local hour the quiet window starts (inclusive). */
  fromHour: number;
  /** Local hour it ends (exclusive: this hour is allowed). */
  toHour: number;
}

export const NIGHT: QuietWindow = { fromHour: 21, toHour: 7 };

/** Whether `at` falls inside the quiet window in `timeZone`. */
export function isQuiet(at: Date, timeZone: string, w: QuietWindow = NIGHT): boolean {
  const h = wallClock(at, timeZone).hour;
  return w.fromHour > w.toHour ? h >= w.fromHour || h < w.toHour : h >= w.fromHour && h < w.toHour;
}

/** `at` itself when allowed, else the end of the quiet window it falls in. */
export function outsideQuietHours(at: Date, timeZone: string, w: QuietWindow = NIGHT): Date {
  if (!isQuiet(at, timeZone, w)) return at;
  const c = wallClock(at, timeZone);
  // Evening part of a window that wraps midnight: it ends tomorrow morning.
  const nextDay = w.fromHour > w.toHour && c.hour >= w.fromHour;
  return wallClockInstant(Date.UTC(c.year, c.month - 1, c.day + (nextDay ? 1 : 0), w.toHour), timeZone);
}
