// Publication times as staff type them ("2026-12-01 08:00", "01/12/2026 08:00"), read as wall-clock time in
// the display time zone, and the quick choices offered as buttons. Pure: the clock comes in.
import { localDateOf } from "../format.ts";
import { wallClockInstant } from "../indices/period.ts";

/** The instant a wall-clock time names in `timeZone`, or null when that date does not exist. */
export function wallTime(y: number, month: number, d: number, h: number, mi: number, timeZone: string): Date | null {
  const wall = Date.UTC(y, month - 1, d, h, mi);
  const probe = new Date(wall);
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return wallClockInstant(wall, timeZone);
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2})[:h](\d{2})$/i;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:h](\d{2})$/i;

/** "2026-12-01 08:00" or "01/12/2026 08:00" (also 8h00) in `timeZone`; null when it is not such a time. */
export function parseLocalDateTime(text: string, timeZone: string): Date | null {
  const s = text.trim().replace(/\s+/g, " ");
  const iso = ISO.exec(s);
  if (iso) return wallTime(+iso[1]!, +iso[2]!, +iso[3]!, +iso[4]!, +iso[5]!, timeZone);
  const dmy = DMY.exec(s);
  if (dmy) return wallTime(+dmy[3]!, +dmy[2]!, +dmy[1]!, +dmy[4]!, +dmy[5]!, timeZone);
  return null;
}

export type QuickTime = "tm" | "ta" | "nm";

/** Tomorrow 08:00, tomorrow 14:00 and next Monday 08:00, in `timeZone`. */
export function quickTime(key: QuickTime, now: Date, timeZone: string): Date {
  const [y, m, d] = localDateOf(now, timeZone).split("-").map(Number) as [number, number, number];
  const today = Date.UTC(y, m - 1, d);
  const weekday = (new Date(today).getUTCDay() + 6) % 7; // Monday = 0
  const days = key === "nm" ? 7 - weekday : 1;
  const day = new Date(today + days * 86_400_000);
  const at = wallTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), key === "ta" ? 14 : 8, 0, timeZone);
  return at as Date;
}
