// Completion times as a centre's spreadsheet holds them. Without an explicit offset a time is wall-clock time
// in the display time zone (TZ_DISPLAY: Asia/Ho_Chi_Minh, UTC+07:00, unless configured), and a bare date
// means its midnight there.
import { DEFAULT_TIME_ZONE, formatOffset, wallClock, wallClockInstant, zoneOffsetMs } from "../../time-zone.ts";

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string, offset: string | undefined, timeZone: string): string | undefined {
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return undefined;
  if (y < 2000 || h > 23 || mi > 59 || s > 59) return undefined;
  if (offset !== undefined) {
    const zone = offset === "Z" ? "Z" : offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
    return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${frac}${zone}`;
  }
  const at = wallClockInstant(Date.UTC(y, mo - 1, d, h, mi, s), timeZone);
  // Written as the zone's clocks show the instant: a time skipped by a daylight-saving jump reads as after it.
  const w = wallClock(at, timeZone);
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  return `${date}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${frac}${formatOffset(zoneOffsetMs(at, timeZone))}`;
}

export const DATE_FORMATS = "YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS][±HH:MM], DD/MM/YYYY or DD/MM/YYYY HH:MM[:SS]";

/**
 * An ISO 8601 timestamp with an offset, or undefined when the text is not a real date in one of
 * DATE_FORMATS; a time without an offset is read in `timeZone`. A Date (a spreadsheet cell) carries
 * wall-clock time in its UTC fields, as spreadsheets store no zone.
 */
export function toIsoTimestamp(value: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const v = value;
    return build(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate(), v.getUTCHours(), v.getUTCMinutes(), v.getUTCSeconds(), "", undefined, timeZone);
  }
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, off] = iso;
    return build(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), frac ?? "", off, timeZone);
  }
  const dmy = DMY.exec(text);
  if (dmy) {
    const [, d, mo, y, h, mi, s] = dmy;
    return build(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), "", undefined, timeZone);
  }
  return undefined;
}

/** The instant a validated completedAt names: a bare date or a zone-less time is read in `timeZone`. */
export function completedAtInstant(value: string, timeZone: string): Date {
  return new Date(toIsoTimestamp(value, timeZone) ?? value);
}
