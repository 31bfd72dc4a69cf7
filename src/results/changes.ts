// A result against the year before: what its source states (the change it printed, or only its direction),
// else what the registry's row for the year before gives. Each answer is marked with where it came from, so a
// post can say "up 3.31" as printed and "up 2.57 points" as computed, and an import can tell when the two
// disagree. Pure.
import { roundTo } from "../format.ts";
import { trendOf, type OfficialResultRow, type Trend } from "./row.ts";

export type Basis = "stated" | "derived";

export interface Change {
  /** Points (value) or places (rank, positive = up); null when only the direction is known. */
  amount: number | null;
  trend: Trend;
  basis: Basis;
  /** The year before's figure, when the registry holds it (for a rank: or as the stated change implies). */
  previous: number | null;
}

export interface YearOnYear {
  year: number;
  value: Change | null;
  rank: Change | null;
}

type Figures = Pick<OfficialResultRow, "year" | "value" | "rank" | "valueChange" | "valueTrend" | "rankChange" | "rankTrend">;

function valueChange(row: Figures, before: Figures | null): Change | null {
  const previous = before?.value ?? null;
  if (row.valueTrend) return { amount: row.valueChange, trend: row.valueTrend, basis: "stated", previous };
  if (previous === null || row.value === null) return null;
  // Rounded as shown, so "+0,00" never reads as a rise.
  const amount = roundTo(row.value - previous, 2);
  return { amount, trend: trendOf(amount), basis: "derived", previous };
}

function rankChange(row: Figures, before: Figures | null): Change | null {
  if (row.rankTrend) {
    const implied = row.rankChange !== null && row.rank !== null ? row.rank + row.rankChange : null;
    return { amount: row.rankChange, trend: row.rankTrend, basis: "stated", previous: before?.rank ?? implied };
  }
  if (before?.rank == null || row.rank === null) return null;
  const amount = before.rank - row.rank;
  return { amount, trend: trendOf(amount), basis: "derived", previous: before.rank };
}

/**
 * `before` is the registry's row for the year before, or null; `comparable` false when the year began a new
 * method, so nothing is compared (a source's own comparison across a method change is not repeated either).
 */
export function yearOnYear(row: Figures, before: Figures | null, comparable = true): YearOnYear | null {
  if (!comparable) return null;
  const prior = before && before.year === row.year - 1 ? before : null;
  const value = valueChange(row, prior);
  const rank = rankChange(row, prior);
  return value || rank ? { year: row.year - 1, value, rank } : null;
}

/** How far a stated figure may be from the computed one: half a unit of its last printed decimal. */
function tolerance(stated: number): number {
  const decimals = (String(stated).split(".")[1] ?? "").length;
  return 0.5 * 10 ** -decimals + 1e-9;
}

/** Where a row's stated change disagrees with the row of the year before; empty when they agree or cannot be compared. */
export function statedVersusRegistry(row: Figures, before: Figures): string[] {
  const out: string[] = [];
  if (row.rankTrend && row.rank !== null && before.rank !== null) {
    const moved = before.rank - row.rank;
    if (row.rankChange !== null ? moved !== row.rankChange : trendOf(moved) !== row.rankTrend) {
      out.push(`rank_change ${row.rankChange ?? row.rankTrend} does not agree with ${before.year} (rank ${before.rank}): that is ${moved > 0 ? "+" : ""}${moved} places`);
    }
  }
  if (row.valueTrend && row.value !== null && before.value !== null) {
    const diff = roundTo(row.value - before.value, 2);
    const off = row.valueChange !== null ? Math.abs(diff - row.valueChange) > tolerance(row.valueChange) : trendOf(diff) !== row.valueTrend;
    if (off) out.push(`value_change ${row.valueChange ?? row.valueTrend} does not agree with ${before.year} (${before.value}): that is ${diff > 0 ? "+" : ""}${diff} points`);
  }
  return out;
}
