// Whether published ranks agree with published values, within one table (an index, a year, one kind of unit).
// Provinces are ranked by descending value; how a source breaks a tie is not documented (sipas.md §2), and
// sources do it both ways: equal values sharing a rank, or ranked apart on decimals not printed. So a value
// with `higher` units above it and `lower` below may carry any rank in [higher + 1, of − lower]. In a full
// table that is exactly the ranks its tie occupies; in a partial one it is what the units held allow.
// Pure.

export interface RankedRow {
  /** Names the row in a message: "Lạng Sơn (line 12)". */
  label: string;
  value: number | null;
  rank: number | null;
  of: number | null;
}

export interface RankDisagreement<R extends RankedRow> {
  row: R;
  /**
   * "bounds": more units have a higher (or lower) value than the rank leaves room for. "order": a unit with
   * a lower value is ranked above it, or one with a higher value below it (in a partial table the count can
   * leave room while a pair still contradicts).
   */
  kind: "bounds" | "order";
  /** The ranks the values allow. */
  lowest: number;
  highest: number;
  /** Every unit of the table has a value: the ranks are computed, not only bounded. */
  full: boolean;
  /** The units ranked against the order of the values with it (none when only the count is wrong). */
  against: R[];
}

export function checkRanks<R extends RankedRow>(table: readonly R[]): RankDisagreement<R>[] {
  const valued = table.filter((r) => r.value !== null);
  const of = Math.max(0, ...table.map((r) => r.of ?? 0));
  const full = of > 0 && valued.length === of;
  const out: RankDisagreement<R>[] = [];
  for (const row of valued) {
    if (row.rank === null) continue;
    const v = row.value as number;
    const rank = row.rank;
    const higher = valued.filter((r) => r !== row && (r.value as number) > v);
    const lower = valued.filter((r) => r !== row && (r.value as number) < v);
    const lowest = higher.length + 1;
    const highest = (row.of ?? of) - lower.length;
    const crossed = [...higher.filter((r) => r.rank !== null && r.rank > rank), ...lower.filter((r) => r.rank !== null && r.rank < rank)];
    if (rank < lowest || rank > highest) out.push({ row, kind: "bounds", lowest, highest, full, against: crossed });
    else if (crossed.length) out.push({ row, kind: "order", lowest, highest, full, against: crossed });
  }
  return out;
}
