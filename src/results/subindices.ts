// An index's parts in a year (the five SIPAS elements, the eight PAR INDEX fields): their figures, and how
// many rose and fell. A source often says only "of the 5 sub-indices, 3 fell in both score and rank" without
// naming them, or names a few: the count is then the source's, and only the parts the registry knows to have
// moved are named. Without a stated count, parts are counted only when every one's direction is known. Pure.
import { yearOnYear, type YearOnYear } from "./changes.ts";
import type { OfficialIndexDef } from "./indices.ts";
import type { OfficialResultRow, PartsBasis, Trend } from "./row.ts";

export interface PartFigure {
  index: OfficialIndexDef;
  value: number | null;
  rank: number | null;
  of: number | null;
  change: YearOnYear | null;
}

export interface PartsSummary {
  /** How many parts the index has. */
  total: number;
  basis: PartsBasis;
  /** The counts are the source's own. */
  stated: boolean;
  /** How many rose, fell, stayed; null where not known. */
  counts: Record<Trend, number | null>;
  /** The parts known to have moved each way: all of them when counted from the parts, some when stated. */
  named: Record<Trend, OfficialIndexDef[]>;
}

export interface PartsFacts {
  /** The parts the registry holds for the year, in the method's order. */
  figures: PartFigure[];
  moves: PartsSummary | null;
}

type Row = OfficialResultRow;

function movedAs(f: PartFigure, trend: Trend, basis: PartsBasis): boolean {
  if (f.change?.value?.trend !== trend) return false;
  return basis === "score" || f.change.rank?.trend === trend;
}

/**
 * `parent` is the headline row; `rows` hold the parts' rows of this unit for the year and the year before;
 * `comparable` false when the year began a new method.
 */
export function partsFacts(parent: Row, parts: readonly OfficialIndexDef[], rows: readonly Row[], comparable: boolean): PartsFacts | null {
  if (parts.length === 0) return null;
  const figures: PartFigure[] = [];
  for (const index of parts) {
    const cur = rows.find((r) => r.indexCode === index.code && r.year === parent.year);
    if (!cur) continue;
    const before = rows.find((r) => r.indexCode === index.code && r.year === parent.year - 1) ?? null;
    figures.push({ index, value: cur.value, rank: cur.rank, of: cur.of, change: yearOnYear(cur, before, comparable) });
  }
  const trends = ["up", "down", "same"] as const;
  const named = (basis: PartsBasis) =>
    Object.fromEntries(trends.map((t) => [t, figures.filter((f) => movedAs(f, t, basis)).map((f) => f.index)])) as PartsSummary["named"];
  let moves: PartsSummary | null = null;
  if (comparable && (parent.subUp !== null || parent.subDown !== null)) {
    const basis = parent.subBasis ?? "score";
    moves = { total: parts.length, basis, stated: true, counts: { up: parent.subUp, down: parent.subDown, same: null }, named: named(basis) };
  } else {
    const known = named("score");
    const knownCount = trends.reduce((n, t) => n + known[t].length, 0);
    if (knownCount === parts.length) {
      moves = { total: parts.length, basis: "score", stated: false, counts: { up: known.up.length, down: known.down.length, same: known.same.length }, named: known };
    } else if (knownCount > 0) {
      moves = { total: parts.length, basis: "score", stated: false, counts: { up: null, down: null, same: null }, named: known };
    }
  }
  return figures.length > 0 || moves ? { figures, moves } : null;
}
