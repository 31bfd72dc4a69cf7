// One index's values for one unit over the years, as far back as they were measured the same way, and what
// the series says about a year: "the highest since 2017" only when every year in between is held, so a gap
// in the registry never turns into a record. Pure.
import { methodChanges, type OfficialIndexDef } from "./indices.ts";
import type { OfficialResultRow } from "./row.ts";

// A row's note may mark the year a method changed ("new method from 2022: not comparable with 2021").
const NEW_METHOD = /new method|not comparable|phương pháp mới|không so sánh/i;

type Yearly = Pick<OfficialResultRow, "year" | "value" | "note">;

/** The first year measured with the method in force in `year`. */
export function methodStart(index: Pick<OfficialIndexDef, "code" | "parentCode">, rows: readonly Yearly[], year: number): number {
  const marked = rows.filter((r) => r.year <= year && NEW_METHOD.test(r.note ?? "")).map((r) => r.year);
  return Math.max(0, ...methodChanges(index).filter((y) => y <= year), ...marked);
}

/** The rows from the method's start up to `year`, by year. */
export function comparableRows<R extends Yearly>(index: Pick<OfficialIndexDef, "code" | "parentCode">, rows: readonly R[], year: number): R[] {
  const start = methodStart(index, rows, year);
  return rows.filter((r) => r.year >= start && r.year <= year).sort((a, b) => a.year - b.year);
}

export type SeriesRecord =
  /** The value is above every year since `from`, and every one of those years is held. */
  | { kind: "all_since"; from: number; basis: "derived" }
  /** The value is the highest since `year` (which was at least as high), every year in between held and lower. */
  | { kind: "since"; year: number; basis: "derived" | "stated" }
  /** The source says it is the highest since the index began. */
  | { kind: "start"; basis: "stated" };

// A record needs two earlier years below it: "higher than last year" is what the change already says.
const MIN_YEARS_BELOW = 2;

/** What the row's source states, else what the comparable series held shows; null when neither says anything. */
export function recordOf(row: Pick<OfficialResultRow, "year" | "value" | "highestSince">, comparable: readonly Yearly[]): SeriesRecord | null {
  if (row.highestSince === "start") return { kind: "start", basis: "stated" };
  if (row.highestSince !== null) return { kind: "since", year: row.highestSince, basis: "stated" };
  if (row.value === null) return null;
  const byYear = new Map(comparable.map((r) => [r.year, r.value]));
  const first = Math.min(...comparable.map((r) => r.year));
  for (let y = row.year - 1; y >= first; y--) {
    const v = byYear.get(y);
    if (v === undefined || v === null) return null;
    if (v >= row.value) return row.year - y > MIN_YEARS_BELOW ? { kind: "since", year: y, basis: "derived" } : null;
  }
  return row.year - first >= MIN_YEARS_BELOW ? { kind: "all_since", from: first, basis: "derived" } : null;
}

/** The years with a value, for a chart's line. */
export function history(comparable: readonly Yearly[]): { year: number; value: number }[] {
  return comparable.filter((r) => r.value !== null).map((r) => ({ year: r.year, value: r.value as number }));
}
