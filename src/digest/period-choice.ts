// Which period /digest shows. On Monday an official wants the week that has just ended, not the one that
// began an hour ago, so besides the period in progress there are the last finished week and month, by
// word ("/digest last", "/digest last month", in either language, with or without diacritics), by label
// ("/digest 2026-W47") or by the buttons under every digest. Pure: the clock comes in.
import { parsePeriod, previousPeriod, type Period } from "../indices/period.ts";
import type { DigestFrequency } from "../store/subscriptions.ts";
import { currentPeriod } from "./slots.ts";

export type PeriodChoice = "cw" | "lw" | "cm" | "lm";

export const PERIOD_CHOICES: readonly PeriodChoice[] = ["lw", "cw", "lm", "cm"];

export interface ChosenPeriod {
  period: Period;
  /** False while the period is in progress: its figures will still change. */
  finished: boolean;
}

function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const LAST = new Set(["last", "previous", "truoc", "vua qua", "ky truoc"]);
const WEEK = new Set(["week", "weekly", "tuan"]);
const MONTH = new Set(["month", "monthly", "thang"]);

/**
 * What the words after /digest ask for: a choice, a period label, or null when they make no sense.
 * The subscriber's frequency fills in "week" or "month" when only "last" (or nothing) is said.
 */
export function parsePeriodArgs(args: string, frequency: DigestFrequency): { choice: PeriodChoice } | { label: string } | null {
  const words = fold(args);
  const label = words.toUpperCase();
  if (/^\d{4}-(W\d{2}|\d{2})$/.test(label)) return { label };
  let last = false;
  let unit: "w" | "m" = frequency === "weekly" ? "w" : "m";
  let rest = ` ${words} `;
  for (const phrase of [...LAST].sort((a, b) => b.length - a.length)) {
    if (rest.includes(` ${phrase} `)) {
      last = true;
      rest = rest.replace(` ${phrase} `, " ");
    }
  }
  for (const w of rest.trim().split(" ").filter((x) => x !== "" && x !== "this" && x !== "nay")) {
    if (WEEK.has(w)) unit = "w";
    else if (MONTH.has(w)) unit = "m";
    else return null;
  }
  return { choice: `${last ? "l" : "c"}${unit}` as PeriodChoice };
}

export function choosePeriod(choice: PeriodChoice, now: Date, timeZone: string): ChosenPeriod {
  const current = currentPeriod(now, timeZone, choice.endsWith("w") ? "weekly" : "monthly");
  return choice.startsWith("l") ? { period: previousPeriod(current), finished: true } : { period: current, finished: false };
}

/** A labelled week or month, if it has begun; null for one in the future or a label that is not a week or month. */
export function labelledPeriod(label: string, now: Date, timeZone: string): ChosenPeriod | null {
  let period: Period;
  try {
    period = parsePeriod(label, timeZone);
  } catch {
    return null;
  }
  if (period.kind !== "week" && period.kind !== "month") return null;
  if (period.from.getTime() > now.getTime()) return null;
  return { period, finished: period.to.getTime() <= now.getTime() };
}
