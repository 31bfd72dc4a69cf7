// Completion times as a centre's spreadsheet holds them. Without an explicit offset a time is wall-clock time
// in Asia/Ho_Chi_Minh (UTC+07:00, no daylight saving since 1975), and a bare date means its midnight there.

const VN_OFFSET = "+07:00";

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string, offset: string): string | undefined {
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return undefined;
  if (y < 2000 || h > 23 || mi > 59 || s > 59) return undefined;
  const zone = offset === "Z" ? "Z" : offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${frac}${zone}`;
}

export const DATE_FORMATS = "YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS][±HH:MM], DD/MM/YYYY or DD/MM/YYYY HH:MM[:SS]";

/**
 * An ISO 8601 timestamp with an offset, or undefined when the text is not a real date in one of
 * DATE_FORMATS. A Date (a spreadsheet cell) carries wall-clock time in its UTC fields, as spreadsheets
 * store no zone.
 */
export function toIsoTimestamp(value: string | Date): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const v = value;
    return build(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate(), v.getUTCHours(), v.getUTCMinutes(), v.getUTCSeconds(), "", VN_OFFSET);
  }
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, off] = iso;
    return build(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), frac ?? "", off ?? VN_OFFSET);
  }
  const dmy = DMY.exec(text);
  if (dmy) {
    const [, d, mo, y, h, mi, s] = dmy;
    return build(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), "", VN_OFFSET);
  }
  return undefined;
}

/** The instant a validated completedAt names: a bare date or a zone-less time is read in Asia/Ho_Chi_Minh. */
export function completedAtInstant(value: string): Date {
  return new Date(toIsoTimestamp(value) ?? value);
}
