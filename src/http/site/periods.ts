// The periods the public site reports (pure): calendar quarters, the one holding `now` last. Quarters
// rather than months because a centre needs about a quarter to gather min-n answers for most agencies,
// and a page full of "not enough answers yet" tells citizens nothing.
import { parsePeriod, previousPeriod, type Period } from "../../indices/period.ts";

export const TREND_PERIODS = 4;

function localYearMonth(at: Date, timeZone: string): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", timeZone }).formatToParts(at);
  const num = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: num("year"), month: num("month") };
}

/** The last `count` quarters, oldest first, ending with the quarter that holds `now` in `timeZone`. */
export function sitePeriods(now: Date, timeZone: string, count = TREND_PERIODS): Period[] {
  const { year, month } = localYearMonth(now, timeZone);
  let p = parsePeriod(`${year}-Q${Math.ceil(month / 3)}`, timeZone);
  const out = [p];
  while (out.length < count) {
    p = previousPeriod(p);
    out.unshift(p);
  }
  return out;
}
