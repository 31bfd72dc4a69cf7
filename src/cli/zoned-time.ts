// Instants in the operator's output, as a wall-clock time in TZ_DISPLAY with its offset: an audit line
// says "2026-12-07 09:05:12 +07:00", the time the centre's staff lived, yet stays exact and sortable.
import { formatOffset, wallClock, zoneOffsetMs } from "../time-zone.ts";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `YYYY-MM-DD HH:MM:SS ±HH:MM` in `timeZone`. */
export function zonedTimestamp(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  return `${date} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)} ${formatOffset(zoneOffsetMs(instant, timeZone))}`;
}
