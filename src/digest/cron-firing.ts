// The latest moment a cron expression fired at or before an instant, for catching up at start. node-cron
// looks only forward; this walks back day by day, trying the expression's own times of day (latest first)
// and asking node-cron's matcher whether each really fires, so day-of-month and weekday rules stay its own.
import cron from "node-cron";
import { localDateOf } from "../format.ts";
import { localMidnight } from "../indices/period.ts";

const DAY_MS = 86_400_000;
/** Far enough back for weekly and monthly expressions; a yearly one is simply not caught up. */
const LOOKBACK_DAYS = 35;

export interface CronMatcher {
  match(date: Date): boolean;
}

function numbers(values: (number | string)[]): number[] {
  return values.filter((v): v is number => typeof v === "number").sort((a, b) => b - a);
}

/**
 * Times of day (seconds after local midnight, latest first). Days whose clocks jump (daylight saving)
 * are approximated; Viet Nam has none.
 */
function timesOfDay(expression: string): number[] {
  const f = cron.parse(expression);
  const out: number[] = [];
  for (const h of numbers(f.hour)) for (const m of numbers(f.minute)) for (const s of numbers(f.second)) out.push(h * 3600 + m * 60 + s);
  return out;
}

export function previousFiring(expression: string, matcher: CronMatcher, timeZone: string, at: Date): Date | null {
  const times = timesOfDay(expression);
  if (times.length === 0) return null;
  const today = Math.floor(Date.parse(`${localDateOf(at, timeZone)}T00:00:00Z`) / DAY_MS);
  for (let day = today; day >= today - LOOKBACK_DAYS; day--) {
    const midnight = localMidnight(day, timeZone).getTime();
    // Every time tried comes from the expression, so if the day's earliest fails, the day itself does.
    if (!matcher.match(new Date(midnight + times.at(-1)! * 1000))) continue;
    for (const s of times) {
      const t = new Date(midnight + s * 1000);
      if (t.getTime() <= at.getTime() && matcher.match(t)) return t;
    }
  }
  return null;
}
