// Reporting periods: a quarter (2026-Q4), a month (2026-11), an ISO week (2026-W48) or an inclusive
// range of dates. Dates are calendar days in the display time zone (TZ_DISPLAY, Asia/Ho_Chi_Minh by default);
// the database stores UTC, so every period also carries its UTC instants [from, to).
import { AppError } from "../errors.ts";
import { assertTimeZone, wallClockInstant } from "../time-zone.ts";

// src/announce/schedule-time.ts reads wall-clock times through this module.
export { wallClockInstant };

export type PeriodKind = "quarter" | "month" | "week" | "range";

export interface Period {
  kind: PeriodKind;
  /** "2026-Q4", "2026-11", "2026-W48" or "2026-10-01..2026-12-31". */
  label: string;
  /** First day, "YYYY-MM-DD". */
  firstDay: string;
  /** Last day, inclusive. */
  lastDay: string;
  /** UTC instant of the first day's local midnight. */
  from: Date;
  /** UTC instant of the local midnight after the last day (exclusive). */
  to: Date;
  timeZone: string;
}

/** A calendar day as days since 1970-01-01 (UTC arithmetic on dates only; no time-zone involved). */
function dayNumber(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

function dayToIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function isoToDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new AppError("validation", `"${iso}" is not a date (YYYY-MM-DD)`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const day = dayNumber(y, mo, d);
  // Date.UTC rolls 2026-02-30 over to March; a date that does not round-trip does not exist.
  if (mo < 1 || mo > 12 || dayToIso(day) !== iso) throw new AppError("validation", `"${iso}" is not a valid date`);
  return day;
}

/** The UTC instant at which local midnight starts the given day in the time zone. */
export function localMidnight(day: number, timeZone: string): Date {
  return wallClockInstant(day * 86_400_000, timeZone);
}

function make(kind: PeriodKind, label: string, first: number, last: number, timeZone: string): Period {
  return {
    kind,
    label,
    firstDay: dayToIso(first),
    lastDay: dayToIso(last),
    from: localMidnight(first, timeZone),
    to: localMidnight(last + 1, timeZone),
    timeZone,
  };
}

/** Monday of ISO week 1: the week that holds 4 January. */
function isoWeekOneMonday(year: number): number {
  const jan4 = dayNumber(year, 1, 4);
  const weekday = (new Date(jan4 * 86_400_000).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - weekday;
}

/** The ISO week ("2026-W48") holding a calendar day ("YYYY-MM-DD"); its year may differ from the day's. */
export function isoWeekOf(isoDate: string): string {
  const day = isoToDay(isoDate);
  const calendarYear = Number(isoDate.slice(0, 4));
  const year = [calendarYear + 1, calendarYear, calendarYear - 1].find((y) => day >= isoWeekOneMonday(y))!;
  return `${year}-W${String(Math.floor((day - isoWeekOneMonday(year)) / 7) + 1).padStart(2, "0")}`;
}

function isoWeeksInYear(year: number): number {
  return (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7;
}

function quarter(year: number, q: number, tz: string): Period {
  const first = dayNumber(year, (q - 1) * 3 + 1, 1);
  const last = dayNumber(year, q * 3 + 1, 1) - 1;
  return make("quarter", `${year}-Q${q}`, first, last, tz);
}

function month(year: number, m: number, tz: string): Period {
  return make("month", `${year}-${String(m).padStart(2, "0")}`, dayNumber(year, m, 1), dayNumber(year, m + 1, 1) - 1, tz);
}

function week(year: number, w: number, tz: string): Period {
  const first = isoWeekOneMonday(year) + (w - 1) * 7;
  return make("week", `${year}-W${String(w).padStart(2, "0")}`, first, first + 6, tz);
}

function checkYear(year: number): void {
  if (year < 2000 || year > 2100) throw new AppError("validation", `year ${year} is out of range (2000–2100)`);
}

/** Parses "2026-Q4", "2026-11" or "2026-W48" (case-insensitive Q/W). */
export function parsePeriod(spec: string, timeZone: string): Period {
  assertTimeZone(timeZone);
  const s = spec.trim();
  let m = /^(\d{4})-[Qq]([1-4])$/.exec(s);
  if (m) {
    checkYear(Number(m[1]));
    return quarter(Number(m[1]), Number(m[2]), timeZone);
  }
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    checkYear(Number(m[1]));
    if (mo < 1 || mo > 12) throw new AppError("validation", `"${spec}": month must be 01–12`);
    return month(Number(m[1]), mo, timeZone);
  }
  m = /^(\d{4})-[Ww](\d{1,2})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const w = Number(m[2]);
    checkYear(y);
    const max = isoWeeksInYear(y);
    if (w < 1 || w > max) throw new AppError("validation", `"${spec}": ISO year ${y} has weeks 1–${max}`);
    return week(y, w, timeZone);
  }
  throw new AppError("validation", `"${spec}" is not a period; use 2026-Q4, 2026-11 or 2026-W48`);
}

/** An inclusive range of calendar days, "YYYY-MM-DD" both ends. */
export function parseRange(fromDay: string, toDay: string, timeZone: string): Period {
  assertTimeZone(timeZone);
  const first = isoToDay(fromDay.trim());
  const last = isoToDay(toDay.trim());
  checkYear(Number(fromDay.slice(0, 4)));
  checkYear(Number(toDay.slice(0, 4)));
  if (last < first) throw new AppError("validation", `--from ${fromDay} is after --to ${toDay}`);
  if (last - first > 3660) throw new AppError("validation", "a range may span at most ten years");
  return make("range", `${dayToIso(first)}..${dayToIso(last)}`, first, last, timeZone);
}

/**
 * The period a trend compares against: the previous quarter, month or ISO week for calendar periods
 * (the same calendar length), and for a range the same number of days immediately before it.
 * It always ends where `p` begins.
 */
export function previousPeriod(p: Period): Period {
  const first = isoToDay(p.firstDay);
  const last = isoToDay(p.lastDay);
  switch (p.kind) {
    case "quarter": {
      const [y, q] = [Number(p.label.slice(0, 4)), Number(p.label.slice(6))];
      return q === 1 ? quarter(y - 1, 4, p.timeZone) : quarter(y, q - 1, p.timeZone);
    }
    case "month": {
      const [y, m] = [Number(p.label.slice(0, 4)), Number(p.label.slice(5))];
      return m === 1 ? month(y - 1, 12, p.timeZone) : month(y, m - 1, p.timeZone);
    }
    case "week": {
      const prevFirst = first - 7;
      // The ISO year of a week is the calendar year of its Thursday.
      const thursday = dayToIso(prevFirst + 3);
      const y = Number(thursday.slice(0, 4));
      return week(y, (prevFirst - isoWeekOneMonday(y)) / 7 + 1, p.timeZone);
    }
    case "range": {
      const length = last - first + 1;
      return make("range", `${dayToIso(first - length)}..${dayToIso(first - 1)}`, first - length, first - 1, p.timeZone);
    }
  }
}

/** Number of calendar days in a period. */
export function periodDays(p: Period): number {
  return isoToDay(p.lastDay) - isoToDay(p.firstDay) + 1;
}
