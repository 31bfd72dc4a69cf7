// The registry's reasoning about its rows, on fixed rows: ranks against values (full tables with ties either
// way, partial tables), the change on the year before (stated or computed, never across a method change),
// "highest since" only where the series shows it, and the parts that rose and fell.
import { describe, expect, it } from "vitest";
import { statedVersusRegistry, yearOnYear } from "../../src/results/changes.ts";
import { consistencyWarnings } from "../../src/results/consistency.ts";
import { OFFICIAL_INDICES, partsOf } from "../../src/results/indices.ts";
import { checkRanks } from "../../src/results/rank-check.ts";
import { NO_DETAILS, type OfficialResultRow } from "../../src/results/row.ts";
import { selectIndices } from "../../src/results/selection.ts";
import { comparableRows, methodStart, recordOf } from "../../src/results/series.ts";
import { partsFacts } from "../../src/results/subindices.ts";
import { OFFICIAL_UNITS } from "../../src/results/units.ts";

const URL = "https://example.gov.vn/ket-qua";
const index = (code: string) => OFFICIAL_INDICES.find((i) => i.code === code)!;

function row(indexCode: string, unitCode: string, year: number, value: number | null, rank: number | null = null, extra: Partial<OfficialResultRow> = {}): OfficialResultRow {
  return { ...NO_DETAILS, indexCode, unitCode, year, value, rank, of: rank === null ? null : 63, grade: null, sourceUrl: URL, verification: "verified", note: null, ...extra };
}

const PROVINCES = OFFICIAL_UNITS.filter((u) => u.kind === "province");

/** A whole published table: 63 provinces, values 90.00 down by 0.10, ranks as the values give them. */
function fullTable(): OfficialResultRow[] {
  return PROVINCES.map((u, i) => row("SIPAS", u.code, 2021, Number((90 - i * 0.1).toFixed(2)), i + 1));
}

describe("ranks against values", () => {
  const ranked = (rows: OfficialResultRow[]) => rows.map((r) => ({ label: r.unitCode, value: r.value, rank: r.rank, of: r.of, row: r }));

  it("a full table whose ranks follow its values agrees; a swapped pair is found, with the ranks its values allow", () => {
    expect(checkRanks(ranked(fullTable()))).toEqual([]);
    const table = fullTable();
    table[22] = { ...table[22]!, rank: 24 };
    table[23] = { ...table[23]!, rank: 23 };
    const found = checkRanks(ranked(table));
    expect(found.map((d) => [d.row.label, d.row.rank, d.lowest, d.highest, d.full])).toEqual([
      [table[22]!.unitCode, 24, 23, 23, true],
      [table[23]!.unitCode, 23, 24, 24, true],
    ]);
  });

  it("a tie may share a rank or be ranked apart on decimals not printed, as sources do; no rank outside the tie", () => {
    const shared = fullTable();
    shared[23] = { ...shared[23]!, value: shared[22]!.value, rank: 23 };
    expect(checkRanks(ranked(shared))).toEqual([]);
    const apart = fullTable();
    apart[23] = { ...apart[23]!, value: apart[22]!.value };
    expect(checkRanks(ranked(apart))).toEqual([]);
    const outside = fullTable();
    outside[23] = { ...outside[23]!, value: outside[22]!.value, rank: 25 };
    expect(checkRanks(ranked(outside)).map((d) => [d.row.rank, d.lowest, d.highest])).toEqual([[25, 23, 24]]);
  });

  it("a partial table bounds a rank by the units held above and below it", () => {
    const partial = [row("PAR_INDEX", "31", 2021, 91.8, 1), row("PAR_INDEX", "77", 2021, 87.61), row("PAR_INDEX", "20", 2021, 87.11, 23), row("PAR_INDEX", "17", 2021, 87.06, 25)];
    expect(checkRanks(ranked(partial))).toEqual([]);
    // Too many units above it for its rank.
    const crowded = [...partial, row("PAR_INDEX", "08", 2021, 86, 3)];
    const own = checkRanks(ranked(crowded)).filter((d) => d.row.label === "08");
    expect(own.map((d) => [d.kind, d.lowest, d.highest, d.full, d.against.map((a) => a.label)])).toEqual([["bounds", 5, 63, false, ["20", "17"]]]);
    // Room enough by the count, but ranked above a unit with a higher value (and that one below it).
    const crossed = [...partial, row("PAR_INDEX", "08", 2021, 87, 20)];
    expect(checkRanks(ranked(crossed)).map((d) => [d.row.label, d.kind, d.against.map((a) => a.label)])).toEqual([
      ["20", "order", ["08"]],
      ["17", "order", ["08"]],
      ["08", "order", ["20", "17"]],
    ]);
  });

  it("an import names the line of a rank that disagrees, and of a stated change the year before contradicts", () => {
    const file = [
      { line: 2, row: row("SIPAS", "20", 2021, 87.07, 31, { rankChange: 8, rankTrend: "up", valueChange: 3.1, valueTrend: "up" }) },
      { line: 3, row: row("SIPAS", "19", 2021, 89.42, 40) },
    ];
    const held = [row("SIPAS", "20", 2020, 83.97, 40), row("SIPAS", "42", 2021, 91.17, 5)];
    const w = consistencyWarnings(file, held, OFFICIAL_UNITS);
    expect(w).toHaveLength(3);
    expect(w).toEqual(
      expect.arrayContaining([
        { line: 2, message: "rank_change 8 does not agree with 2020 (rank 40): that is +9 places" },
        { line: 2, message: "rank 31 does not agree with the values: 87.07 is ranked against the order of Thái Nguyên (line 3) 89.42, rank 40" },
        { line: 3, message: "rank 40 does not agree with the values: 89.42 is ranked against the order of Lạng Sơn (line 2) 87.07, rank 31" },
      ]),
    );
    // A table of the registry's own that the file does not touch is not the import's business.
    expect(consistencyWarnings([{ line: 2, row: row("PAR_INDEX", "20", 2021, 87.11, 23) }], [row("SIPAS", "19", 2021, 89.42, 40), row("SIPAS", "20", 2021, 87.07, 31)], OFFICIAL_UNITS)).toEqual([]);
    // 3.1 as printed agrees with 87.07 − 83.97 = 3.10; 3.31 as a relative change would not.
    expect(statedVersusRegistry(row("PAR_INDEX", "20", 2021, 87.11, 23, { valueChange: 3.31, valueTrend: "up" }), row("PAR_INDEX", "20", 2020, 84.32))).toEqual([
      "value_change 3.31 does not agree with 2020 (84.32): that is +2.79 points",
    ]);
  });
});

describe("the change on the year before", () => {
  it("as stated (marked so, the previous rank implied), else computed from the year before's row", () => {
    const stated = yearOnYear(row("SIPAS", "20", 2021, 87.07, 31, { valueChange: 3.1, valueTrend: "up", rankChange: 8, rankTrend: "up" }), null);
    expect(stated).toEqual({
      year: 2020,
      value: { amount: 3.1, trend: "up", basis: "stated", previous: null },
      rank: { amount: 8, trend: "up", basis: "stated", previous: 39 },
    });
    const derived = yearOnYear(row("SIPAS", "56", 2021, 84.4, 56), row("SIPAS", "56", 2020, 81.82, 51));
    expect(derived).toEqual({
      year: 2020,
      value: { amount: 2.58, trend: "up", basis: "derived", previous: 81.82 },
      rank: { amount: -5, trend: "down", basis: "derived", previous: 51 },
    });
    expect(yearOnYear(row("PAR_INDEX", "20", 2021, 87.11), row("PAR_INDEX", "20", 2019, 80))).toBeNull();
    expect(yearOnYear(row("SIPAS", "22", 2022, 87.59, 1), row("SIPAS", "22", 2021, null, 1), false)).toBeNull();
  });

  it("SIPAS starts a new series in 2022; a note saying so does the same for other indices", () => {
    const rows = [row("SIPAS", "22", 2021, 90), row("SIPAS", "22", 2022, 87.59), row("SIPAS", "22", 2023, 90.61)];
    expect(methodStart(index("SIPAS"), rows, 2021)).toBe(0);
    expect(methodStart(index("SIPAS"), rows, 2023)).toBe(2022);
    expect(methodStart(index("SIPAS_ACCESS"), [], 2023)).toBe(2022);
    expect(comparableRows(index("SIPAS"), rows, 2023).map((r) => r.year)).toEqual([2022, 2023]);
    expect(methodStart(index("PAPI"), [row("PAPI", "20", 2020, 40, null, { note: "new method from 2020" })], 2021)).toBe(2020);
  });
});

describe("highest since", () => {
  const series = (values: [number, number | null][]) => values.map(([year, v]) => row("SIPAS", "72", year, v));

  it("the highest of every year held, from two earlier years on; or since the last year at least as high", () => {
    const s = series([[2017, 79.76], [2018, 81.24], [2019, 83.45]]);
    expect(recordOf(s[2]!, s)).toEqual({ kind: "all_since", from: 2017, basis: "derived" });
    expect(recordOf(s[1]!, s.slice(0, 2))).toBeNull();
    const dip = series([[2015, 85], [2016, 80], [2017, 81], [2018, 82], [2019, 84]]);
    expect(recordOf(dip[4]!, dip)).toEqual({ kind: "since", year: 2015, basis: "derived" });
    const lastYearHigher = series([[2017, 85], [2018, 86], [2019, 85.5]]);
    expect(recordOf(lastYearHigher[2]!, lastYearHigher)).toBeNull();
  });

  it("a gap in the years held is never a record; the source's own statement is", () => {
    const gap = series([[2016, 70], [2018, 75], [2019, 80]]);
    expect(recordOf(gap[2]!, gap)).toBeNull();
    expect(recordOf(row("PAR_INDEX", "20", 2021, 87.11, 23, { highestSince: "start" }), [])).toEqual({ kind: "start", basis: "stated" });
  });
});

describe("the parts that rose and fell", () => {
  const sipasParts = partsOf(index("SIPAS"), OFFICIAL_INDICES);

  it("counted as the source states it, naming only the parts known to have moved", () => {
    const parent = row("PAR_INDEX", "20", 2021, 87.11, 23, { subUp: 5, subBasis: "score" });
    const named = [row("PAR_PROCEDURES", "20", 2021, null, null, { valueTrend: "up" }), row("PAR_IMPACT", "20", 2021, null, null, { valueTrend: "up" })];
    const f = partsFacts(parent, partsOf(index("PAR_INDEX"), OFFICIAL_INDICES), named, true)!;
    expect(f.moves).toMatchObject({ total: 8, basis: "score", stated: true, counts: { up: 5, down: null, same: null } });
    expect(f.moves!.named.up.map((p) => p.code)).toEqual(["PAR_PROCEDURES", "PAR_IMPACT"]);
  });

  it("counted from the parts only when every part's direction is known; else named only", () => {
    const parent = row("SIPAS", "VN", 2021, 87.16);
    const rows = sipasParts.flatMap((p, i) => [row(p.code, "VN", 2020, 80), row(p.code, "VN", 2021, i < 3 ? 82 : 79)]);
    const all = partsFacts(parent, sipasParts, rows, true)!;
    expect(all.moves).toMatchObject({ stated: false, counts: { up: 3, down: 2, same: 0 } });
    expect(all.figures).toHaveLength(5);
    const some = partsFacts(parent, sipasParts, rows.filter((r) => r.indexCode !== "SIPAS_FEEDBACK"), true)!;
    expect(some.moves).toMatchObject({ counts: { up: null, down: null, same: null } });
    expect(some.moves!.named.down.map((p) => p.code)).toEqual(["SIPAS_RESULTS"]);
    // Across a method change nothing moved: the figures stay, the moves go.
    expect(partsFacts(parent, sipasParts, rows, false)!.moves).toBeNull();
  });
});

describe("choosing indices", () => {
  it("one code loosely typed, or several joined in a canonical order", () => {
    const pick = (ref: string) => selectIndices(ref, OFFICIAL_INDICES);
    expect(pick("par index")).toMatchObject({ ok: true, selection: { code: "PAR_INDEX" } });
    expect(pick("SIPAS + par index")).toMatchObject({ ok: true, selection: { code: "PAR_INDEX+SIPAS" } });
    expect(pick("SIPAS,PAR_INDEX")).toMatchObject({ ok: true, selection: { code: "PAR_INDEX+SIPAS" } });
    expect(pick("SIPAS+HAPPY")).toEqual({ ok: false, unknown: "HAPPY" });
  });
});
