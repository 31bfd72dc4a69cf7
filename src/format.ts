// Locale-aware formatting for every human-facing figure. One style per locale, used everywhere:
//   vi: decimal comma, "." thousands, a space before "%":  87,11 %   1.234   27/11/2026   [85,20; 89,01]
//   en: decimal point, "," thousands, no space before "%": 87.11%    1,234   27 Nov 2026  [85.20, 89.01]
// Numbers are rounded here, at output, never earlier. Implemented by hand rather than with Intl so the
// output is identical on every Node build (small-ICU builds format Vietnamese differently).
import type { Locale } from "./i18n.ts";

/** Rounds half away from zero at `digits` decimals, without binary artefacts (1.005 → 1.01). */
export function roundTo(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const shifted = Number(`${Math.abs(x)}e${digits}`);
  const r = Number(`${Math.round(shifted)}e-${digits}`);
  return r === 0 ? 0 : sign * r;
}

const SEPARATORS: Record<Locale, { decimal: string; group: string }> = {
  vi: { decimal: ",", group: "." },
  en: { decimal: ".", group: "," },
};

function groupDigits(int: string, sep: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** A plain number with fixed decimals: vi "1.234,50", en "1,234.50". */
export function formatNumber(x: number, locale: Locale, digits = 2): string {
  const { decimal, group } = SEPARATORS[locale];
  const fixed = roundTo(x, digits).toFixed(digits);
  const negative = fixed.startsWith("-");
  const [int = "0", frac] = (negative ? fixed.slice(1) : fixed).split(".");
  const body = groupDigits(int, group) + (frac ? decimal + frac : "");
  return negative ? `-${body}` : body;
}

/** A count: vi "1.234", en "1,234". */
export function formatInteger(x: number, locale: Locale): string {
  return formatNumber(Math.round(x), locale, 0);
}

/** A percentage already on the 0–100 scale: vi "87,11 %", en "87.11%". */
export function formatPercent(x: number, locale: Locale, digits = 2): string {
  const n = formatNumber(x, locale, digits);
  return locale === "vi" ? `${n} %` : `${n}%`;
}

/** A change in percentage points, always signed: vi "+3,10 điểm", en "+3.10 pts". */
export function formatPoints(x: number, locale: Locale, digits = 2): string {
  const r = roundTo(x, digits);
  const n = formatNumber(Math.abs(r), locale, digits);
  const sign = r > 0 ? "+" : r < 0 ? "−" : "±";
  return locale === "vi" ? `${sign}${n} điểm` : `${sign}${n} pts`;
}

/** An interval of percentages: vi "[85,20; 89,01]" (a semicolon, as the comma is the decimal mark), en "[85.20, 89.01]". */
export function formatInterval(low: number, high: number, locale: Locale, digits = 2): string {
  const sep = locale === "vi" ? "; " : ", ";
  return `[${formatNumber(low, locale, digits)}${sep}${formatNumber(high, locale, digits)}]`;
}

/** A rank among `of`: "31/63" in both locales. */
export function formatRank(rank: number, of: number): string {
  return `${rank}/${of}`;
}

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A calendar date "YYYY-MM-DD": vi "27/11/2026", en "27 Nov 2026". */
export function formatLocalDate(isoDate: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (locale === "vi") return `${d}/${mo}/${y}`;
  return `${Number(d)} ${EN_MONTHS[Number(mo) - 1]} ${y}`;
}

/** The calendar date of an instant in a time zone, as "YYYY-MM-DD". */
export function localDateOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** An instant shown as a date in the given time zone and locale. */
export function formatDate(instant: Date, locale: Locale, timeZone: string): string {
  return formatLocalDate(localDateOf(instant, timeZone), locale);
}

/** An instant shown with minutes: vi "27/11/2026 09:05", en "27 Nov 2026 09:05" (24-hour clock in both). */
export function formatDateTime(instant: Date, locale: Locale, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${formatDate(instant, locale, timeZone)} ${get("hour")}:${get("minute")}`;
}

/** At most `max` characters (code points, so no emoji or Vietnamese letter is cut in half), ending in "…" when cut. */
export function clipText(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}
