// The registry of official published results (PAR INDEX, SIPAS…): units, indices (with their parts) and one
// figure per index, unit and year with what its source states about it. Domain types out; Prisma stays here.
import type { OfficialIndexDef } from "../results/indices.ts";
import type { OfficialUnitDef, UnitKind } from "../results/units.ts";
import type { OfficialResultRow, PartsBasis, Trend } from "../results/row.ts";
import type { Database } from "./database.ts";

export type UpsertOutcome = "created" | "updated" | "unchanged";

export interface StoredResult extends OfficialResultRow {
  unitNameVi: string;
  unitNameEn: string;
  unitKind: UnitKind;
}

const resultSelect = {
  indexCode: true,
  unitCode: true,
  year: true,
  value: true,
  rank: true,
  of: true,
  grade: true,
  sourceUrl: true,
  verification: true,
  note: true,
  valueChange: true,
  valueTrend: true,
  rankChange: true,
  rankTrend: true,
  sampleSize: true,
  sampleFrame: true,
  subUp: true,
  subDown: true,
  subBasis: true,
  highestSince: true,
  unit: { select: { nameVi: true, nameEn: true, kind: true } },
} as const;

type Decimalish = { toNumber(): number } | null;

type ResultRecord = {
  indexCode: string;
  unitCode: string;
  year: number;
  value: Decimalish;
  rank: number | null;
  of: number | null;
  grade: string | null;
  sourceUrl: string;
  verification: string;
  note: string | null;
  valueChange: Decimalish;
  valueTrend: string | null;
  rankChange: number | null;
  rankTrend: string | null;
  sampleSize: number | null;
  sampleFrame: number | null;
  subUp: number | null;
  subDown: number | null;
  subBasis: string | null;
  highestSince: string | null;
  unit: { nameVi: string; nameEn: string; kind: string };
};

const num = (d: Decimalish) => (d === null ? null : d.toNumber());

function toDomain(r: ResultRecord): StoredResult {
  return {
    indexCode: r.indexCode,
    unitCode: r.unitCode,
    year: r.year,
    value: num(r.value),
    rank: r.rank,
    of: r.of,
    grade: r.grade as StoredResult["grade"],
    sourceUrl: r.sourceUrl,
    verification: r.verification as StoredResult["verification"],
    note: r.note,
    valueChange: num(r.valueChange),
    valueTrend: r.valueTrend as Trend | null,
    rankChange: r.rankChange,
    rankTrend: r.rankTrend as Trend | null,
    sampleSize: r.sampleSize,
    sampleFrame: r.sampleFrame,
    subUp: r.subUp,
    subDown: r.subDown,
    subBasis: r.subBasis as PartsBasis | null,
    highestSince: r.highestSince === null ? null : r.highestSince === "start" ? "start" : Number(r.highestSince),
    unitNameVi: r.unit.nameVi,
    unitNameEn: r.unit.nameEn,
    unitKind: r.unit.kind as UnitKind,
  };
}

/** What a source states beyond the figures themselves: the shipped seed may add these to a row it wrote before. */
const DETAILS = ["valueChange", "valueTrend", "rankChange", "rankTrend", "sampleSize", "sampleFrame", "subUp", "subDown", "subBasis", "highestSince"] as const;
const FIGURES = ["value", "rank", "of", "grade", "sourceUrl", "verification", "note"] as const;

function columns(row: OfficialResultRow) {
  return {
    value: row.value,
    rank: row.rank,
    of: row.of,
    grade: row.grade,
    sourceUrl: row.sourceUrl,
    verification: row.verification,
    note: row.note,
    valueChange: row.valueChange,
    valueTrend: row.valueTrend,
    rankChange: row.rankChange,
    rankTrend: row.rankTrend,
    sampleSize: row.sampleSize,
    sampleFrame: row.sampleFrame,
    subUp: row.subUp,
    subDown: row.subDown,
    subBasis: row.subBasis,
    highestSince: row.highestSince === null ? null : String(row.highestSince),
  };
}

const same = (a: OfficialResultRow, b: OfficialResultRow, keys: readonly (keyof OfficialResultRow)[]) => keys.every((k) => a[k] === b[k]);

/**
 * "replace": the file states the whole row (an import). "fill": the shipped seed, which never changes a row
 * an operator wrote or corrected; it only adds details that a row it shipped earlier did not have yet (the
 * row's published figures and source are still exactly the seed's).
 */
export type UpsertMode = "replace" | "fill";

export function createOfficialResultsStore(db: Database) {
  const p = db.prisma;
  return {
    /** Inserts or refreshes the reference lists (names and parts may be corrected; codes never change). */
    async upsertReference(units: OfficialUnitDef[], indices: OfficialIndexDef[]): Promise<void> {
      // A part names its parent, so headline indices are written first.
      const ordered = [...indices].sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null));
      await p.$transaction(async (tx) => {
        for (const u of units) {
          const data = { kind: u.kind, slug: u.slug, nameVi: u.nameVi, nameEn: u.nameEn };
          await tx.officialUnit.upsert({ where: { code: u.code }, create: { code: u.code, ...data }, update: data });
        }
        for (const i of ordered) {
          const data = { nameVi: i.nameVi, nameEn: i.nameEn, graded: i.graded, parentCode: i.parentCode, position: i.position };
          await tx.officialIndex.upsert({ where: { code: i.code }, create: { code: i.code, ...data }, update: data });
        }
      });
    },

    async listUnits(): Promise<OfficialUnitDef[]> {
      const rows = await p.officialUnit.findMany({ orderBy: { code: "asc" } });
      return rows.map((u) => ({ code: u.code, kind: u.kind as UnitKind, slug: u.slug, nameVi: u.nameVi, nameEn: u.nameEn }));
    },

    async listIndices(): Promise<OfficialIndexDef[]> {
      const rows = await p.officialIndex.findMany({ orderBy: { code: "asc" } });
      return rows.map((i) => ({ code: i.code, nameVi: i.nameVi, nameEn: i.nameEn, graded: i.graded, parentCode: i.parentCode, position: i.position }));
    },

    /** Writes all rows in one transaction; returns what happened to each, in order. */
    async upsertResults(rows: OfficialResultRow[], mode: UpsertMode = "replace"): Promise<UpsertOutcome[]> {
      return p.$transaction(async (tx) => {
        const outcomes: UpsertOutcome[] = [];
        for (const row of rows) {
          const key = { indexCode_unitCode_year: { indexCode: row.indexCode, unitCode: row.unitCode, year: row.year } };
          const found = await tx.officialResult.findUnique({ where: key, select: resultSelect });
          const data = columns(row);
          if (!found) {
            await tx.officialResult.create({ data: { indexCode: row.indexCode, unitCode: row.unitCode, year: row.year, ...data } });
            outcomes.push("created");
            continue;
          }
          const existing = toDomain(found as ResultRecord);
          if (mode === "replace") {
            if (same(existing, row, [...FIGURES, ...DETAILS])) outcomes.push("unchanged");
            else {
              await tx.officialResult.update({ where: key, data });
              outcomes.push("updated");
            }
            continue;
          }
          const missing = same(existing, row, FIGURES) ? DETAILS.filter((k) => existing[k] === null && row[k] !== null) : [];
          if (missing.length === 0) outcomes.push("unchanged");
          else {
            await tx.officialResult.update({ where: key, data: Object.fromEntries(missing.map((k) => [k, data[k]])) });
            outcomes.push("updated");
          }
        }
        return outcomes;
      });
    },

    /** Results of an index (or several) for the given years, and optionally one unit. */
    async find(query: { indexCode: string | string[]; years: number[]; unitCode?: string }): Promise<StoredResult[]> {
      const codes = Array.isArray(query.indexCode) ? query.indexCode : [query.indexCode];
      const rows = await p.officialResult.findMany({
        where: { indexCode: { in: codes }, year: { in: query.years }, ...(query.unitCode ? { unitCode: query.unitCode } : {}) },
        select: resultSelect,
        orderBy: [{ year: "asc" }, { indexCode: "asc" }, { unitCode: "asc" }],
      });
      return rows.map((r) => toDomain(r as ResultRecord));
    },
  };
}

export type OfficialResultsStore = ReturnType<typeof createOfficialResultsStore>;
