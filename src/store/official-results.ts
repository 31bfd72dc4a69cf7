// The registry of official published results (PAR INDEX, SIPAS…): units, indices and one figure per
// index, unit and year. Domain types out; Prisma stays here.
import type { OfficialIndexDef } from "../results/indices.ts";
import type { OfficialUnitDef, UnitKind } from "../results/units.ts";
import type { OfficialResultRow } from "../results/validate.ts";
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
  unit: { select: { nameVi: true, nameEn: true, kind: true } },
} as const;

type ResultRecord = {
  indexCode: string;
  unitCode: string;
  year: number;
  value: { toNumber(): number } | null;
  rank: number | null;
  of: number | null;
  grade: string | null;
  sourceUrl: string;
  verification: string;
  note: string | null;
  unit: { nameVi: string; nameEn: string; kind: string };
};

function toDomain(r: ResultRecord): StoredResult {
  return {
    indexCode: r.indexCode,
    unitCode: r.unitCode,
    year: r.year,
    value: r.value === null ? null : r.value.toNumber(),
    rank: r.rank,
    of: r.of,
    grade: r.grade as StoredResult["grade"],
    sourceUrl: r.sourceUrl,
    verification: r.verification as StoredResult["verification"],
    note: r.note,
    unitNameVi: r.unit.nameVi,
    unitNameEn: r.unit.nameEn,
    unitKind: r.unit.kind as UnitKind,
  };
}

function sameFigures(a: OfficialResultRow, b: OfficialResultRow): boolean {
  return (
    a.value === b.value &&
    a.rank === b.rank &&
    a.of === b.of &&
    a.grade === b.grade &&
    a.sourceUrl === b.sourceUrl &&
    a.verification === b.verification &&
    a.note === b.note
  );
}

export function createOfficialResultsStore(db: Database) {
  const p = db.prisma;
  return {
    /** Inserts or refreshes the reference lists (names may be corrected; codes never change). */
    async upsertReference(units: OfficialUnitDef[], indices: OfficialIndexDef[]): Promise<void> {
      await p.$transaction(async (tx) => {
        for (const u of units) {
          const data = { kind: u.kind, slug: u.slug, nameVi: u.nameVi, nameEn: u.nameEn };
          await tx.officialUnit.upsert({ where: { code: u.code }, create: { code: u.code, ...data }, update: data });
        }
        for (const i of indices) {
          const data = { nameVi: i.nameVi, nameEn: i.nameEn, graded: i.graded };
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
      return rows.map((i) => ({ code: i.code, nameVi: i.nameVi, nameEn: i.nameEn, graded: i.graded }));
    },

    /**
     * Writes all rows in one transaction; returns what happened to each, in order. With overwrite false
     * (the shipped seed) an existing row is kept as it is, so a figure corrected by an operator survives
     * restarts.
     */
    async upsertResults(rows: OfficialResultRow[], opts: { overwrite: boolean } = { overwrite: true }): Promise<UpsertOutcome[]> {
      return p.$transaction(async (tx) => {
        const outcomes: UpsertOutcome[] = [];
        for (const row of rows) {
          const key = { indexCode_unitCode_year: { indexCode: row.indexCode, unitCode: row.unitCode, year: row.year } };
          const existing = await tx.officialResult.findUnique({ where: key, select: resultSelect });
          const data = {
            value: row.value,
            rank: row.rank,
            of: row.of,
            grade: row.grade,
            sourceUrl: row.sourceUrl,
            verification: row.verification,
            note: row.note,
          };
          if (!existing) {
            await tx.officialResult.create({ data: { indexCode: row.indexCode, unitCode: row.unitCode, year: row.year, ...data } });
            outcomes.push("created");
          } else if (!opts.overwrite || sameFigures(toDomain(existing), row)) {
            outcomes.push("unchanged");
          } else {
            await tx.officialResult.update({ where: key, data });
            outcomes.push("updated");
          }
        }
        return outcomes;
      });
    },

    /** Results of an index for the given years (and optionally one unit). */
    async find(query: { indexCode: string; years: number[]; unitCode?: string }): Promise<StoredResult[]> {
      const rows = await p.officialResult.findMany({
        where: { indexCode: query.indexCode, year: { in: query.years }, ...(query.unitCode ? { unitCode: query.unitCode } : {}) },
        select: resultSelect,
        orderBy: [{ year: "asc" }, { unitCode: "asc" }],
      });
      return rows.map((r) => toDomain(r as ResultRecord));
    },
  };
}

export type OfficialResultsStore = ReturnType<typeof createOfficialResultsStore>;
