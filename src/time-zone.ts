// Wall-clock time in the display time zone (TZ_DISPLAY) and back. Intl knows every zone's offsets and
// daylight-saving rules, so nothing here assumes Viet Nam's fixed +07:00: periods, the reminders' night
// window and zone-less times in imported files all follow the configured zone.
import { AppError } from "./errors.ts";

/** TZ_DISPLAY's default; readers of zone-less times use it when no zone is handed in. */
export const DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";

const DAY_MS = 86_400_000;

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building a DateTimeFormat costs far more than using one, and a report converts thousands of instants.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new AppError("validation", `unknown time zone "${timeZone}"`);
}

/** What a clock on the wall in `timeZone` shows at `at` (to the second). */
export function wallClock(at: Date, timeZone: string): WallClock {
  const n: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) if (p.type !== "literal") n[p.type] = Number(p.value);
  return { year: n.year!, month: n.month!, day: n.day!, hour: n.hour!, minute: n.minute!, second: n.second! };
}

/** The zone's offset from UTC at `at`, in milliseconds (Ho Chi Minh: +7 h; Berlin: +1 h or +2 h). */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  // The wall clock has whole seconds, so the instant is compared at whole seconds too.
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant at which the zone's clocks show `wall` (milliseconds, the wall-clock fields read as if UTC,
 * as Date.UTC gives them; a day past the month's end rolls over). Around a daylight-saving change it
 * resolves as JavaScript's Temporal does by default: a time skipped by the jump forward lands after the
 * jump (02:30 becomes 03:30), and a time the jump back shows twice is the first of the two.
 */
export function wallClockInstant(wall: number, timeZone: string): Date {
  // No zone changes its offset twice within two days, so these are the only offsets that can apply.
  const before = zoneOffsetMs(new Date(wall - DAY_MS), timeZone);
  const after = zoneOffsetMs(new Date(wall + DAY_MS), timeZone);
  const shows = (instant: number) => instant + zoneOffsetMs(new Date(instant), timeZone) === wall;
  // Offset `before` also gives the answer for a skipped time (clocks not yet moved on) and a repeated one.
  if (before !== after && !shows(wall - before) && shows(wall - after)) return new Date(wall - after);
  return new Date(wall - before);
}

/** "+07:00", "-03:30", "+00:00". */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
