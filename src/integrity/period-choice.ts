// Which period /integrity reads: the month or quarter in progress, or the one before it. Pure: the clock comes in.
import { localDateOf } from "../format.ts";
import { parsePeriod, previousPeriod, type Period } from "../indices/period.ts";
import type { IntegrityPeriodChoice } from "./bot-buttons.ts";

export function integrityPeriod(choice: IntegrityPeriodChoice, now: Date, timeZone: string): Period {
  const today = localDateOf(now, timeZone);
  const current =
    choice === "tm" || choice === "lm"
      ? parsePeriod(today.slice(0, 7), timeZone)
      : parsePeriod(`${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`, timeZone);
  return choice.startsWith("l") ? previousPeriod(current) : current;
}

/** The locale key of each choice's button. */
export const PERIOD_LABEL_KEYS: Record<IntegrityPeriodChoice, string> = {
  tm: "integrity.this_month",
  lm: "integrity.last_month",
  tq: "integrity.this_quarter",
  lq: "integrity.last_quarter",
};
