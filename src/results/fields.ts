// Reading one cell of an official-results file. Each reader returns the value or null for an empty cell, and
// pushes a message naming the column to `errors` for anything it cannot read, so a row reports every problem.
import { trendOf, type Trend } from "./row.ts";

export function intField(raw: string, name: string, errors: string[], min: number, max: number): number | null {
  if (raw === "") return null;
  if (!/^\d+$/.test(raw)) {
    errors.push(`${name} "${raw}" is not a whole number`);
    return null;
  }
  const n = Number(raw);
  if (n < min || n > max) {
    errors.push(`${name} ${n} is outside ${min}–${max}`);
    return null;
  }
  return n;
}

/** "87.07", "87,07" (Excel in Vietnamese settings writes the decimal mark as a comma) or "87.07 %". */
export function percentField(raw: string, name: string, errors: string[]): number | null {
  const s = raw.replace(/%$/, "").trim().replace(",", ".");
  if (s === "") return null;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) errors.push(`${name} "${raw}" is not a percentage with at most two decimals`);
  else if (Number(s) > 100) errors.push(`${name} ${s} is above 100`);
  else return Number(s);
  return null;
}

/** A count a source prints with thousands separators: "3366", "3.366", "3,366" or "3 366". */
export function countField(raw: string, name: string, errors: string[]): number | null {
  if (raw === "") return null;
  const digits = /^\d{1,3}(?:[., ]\d{3})+$/.test(raw) ? raw.replace(/[., ]/g, "") : raw;
  return intField(digits, name, errors, 1, 100_000_000);
}

const TRENDS: Record<string, Trend> = { up: "up", down: "down", same: "same" };

export interface StatedChange {
  change: number | null;
  trend: Trend | null;
}

const NONE: StatedChange = { change: null, trend: null };

function signed(raw: string): string {
  // Spreadsheets and Vietnamese text use the minus sign and the en dash as often as the hyphen.
  return raw.replace(/^[−–]/, "-");
}

/** A change as stated: "+3.1", "-0,49", "3.31", or only its direction, "up" / "down" / "same". */
export function valueChangeField(raw: string, name: string, errors: string[]): StatedChange {
  if (raw === "") return NONE;
  const word = TRENDS[raw.toLowerCase()];
  if (word) return { change: null, trend: word };
  const s = signed(raw).replace(",", ".");
  if (!/^[+-]?\d{1,3}(\.\d{1,2})?$/.test(s)) {
    errors.push(`${name} "${raw}" is not a change with at most two decimals (e.g. +3.1, -0.49) or up, down, same`);
    return NONE;
  }
  const change = Number(s) === 0 ? 0 : Number(s);
  return { change, trend: trendOf(change) };
}

/** Places moved, positive = up: "+13", "-7", "0", or only the direction. */
export function rankChangeField(raw: string, name: string, errors: string[]): StatedChange {
  if (raw === "") return NONE;
  const word = TRENDS[raw.toLowerCase()];
  if (word) return { change: null, trend: word };
  const s = signed(raw);
  if (!/^[+-]?\d{1,4}$/.test(s)) {
    errors.push(`${name} "${raw}" is not a whole number of places (e.g. +8, -5, 0) or up, down, same`);
    return NONE;
  }
  const change = Number(s) === 0 ? 0 : Number(s);
  return { change, trend: trendOf(change) };
}

/** "start" (the highest since the index began) or the year the value is the highest since. */
export function highestSinceField(raw: string, year: number | null, errors: string[]): number | "start" | null {
  if (raw === "") return null;
  if (raw.toLowerCase() === "start") return "start";
  if (!/^\d{4}$/.test(raw)) {
    errors.push(`highest_since "${raw}" is not a year or start`);
    return null;
  }
  const since = Number(raw);
  if (year !== null && since >= year) {
    errors.push(`highest_since ${since} is not before ${year}`);
    return null;
  }
  return since;
}
