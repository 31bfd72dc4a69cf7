// Agencies (units that serve citizens). Domain types out, Prisma stays here.
import type { Database } from "./database.ts";
import { isUniqueViolation } from "./errors.ts";

export interface Agency {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  parentId: number | null;
  questionnaireId: string;
}

const select = { id: true, code: true, nameVi: true, nameEn: true, parentId: true, questionnaireId: true } as const;

/** One agency as the registry file states it; parents by code, so a file can name them before or after. */
export interface AgencyRecord {
  code: string;
  nameVi: string;
  nameEn: string | null;
  parentCode: string | null;
  questionnaireId: string;
}

export type RegistryOutcome = "created" | "updated" | "unchanged";

export function createAgencyStore(db: Database) {
  const p = db.prisma;
  /** Ids of the agencies among these codes (one statement whatever their number: bulk imports). */
  async function idsByCode(codes: string[]): Promise<Map<string, number>> {
    if (codes.length === 0) return new Map();
    const rows = await db.sql.query<{ id: number; code: string }>(`SELECT id, code FROM agency WHERE code = ANY($1::text[])`, [codes]);
    return new Map(rows.map((r) => [r.code, r.id]));
  }
  return {
    /**
     * The registered code each typed code means: the code itself, else the one code equal to it without
     * regard to case (people type "lsn-stp" for LSN-STP). A typed code that matches nothing, or two codes
     * differing only in case, is left out: the caller says it is unknown rather than guess.
     */
    async resolveCodes(typed: string[]): Promise<Map<string, string>> {
      if (typed.length === 0) return new Map();
      const rows = await db.sql.query<{ typed: string; code: string }>(
        `SELECT t AS typed, a.code FROM unnest($1::text[]) AS t JOIN agency a ON upper(a.code) = upper(t)`,
        [[...new Set(typed)]],
      );
      const found = new Map<string, string[]>();
      for (const r of rows) found.set(r.typed, [...(found.get(r.typed) ?? []), r.code]);
      const out = new Map<string, string>();
      for (const [t, codes] of found) {
        const hit = codes.includes(t) ? t : codes.length === 1 ? codes[0]! : undefined;
        if (hit) out.set(t, hit);
      }
      return out;
    },
    findByCode(code: string): Promise<Agency | null> {
      return p.agency.findUnique({ where: { code }, select });
    },
    findById(id: number): Promise<Agency | null> {
      return p.agency.findUnique({ where: { id }, select });
    },
    /** Creates the agency if the code is new; an existing agency keeps its names. */
    async ensure(input: { code: string; nameVi: string; nameEn?: string | null; questionnaireId?: string }): Promise<Agency> {
      const upsert = () =>
        p.agency.upsert({
          where: { code: input.code },
          create: { code: input.code, nameVi: input.nameVi, nameEn: input.nameEn ?? null, questionnaireId: input.questionnaireId },
          update: {},
          select,
        });
      try {
        return await upsert();
      } catch (e) {
        // With nothing to update Prisma reads, then inserts: two instances (or requests) creating the same
        // new agency at once have one of them hit the unique code. By now the row is there.
        if (!isUniqueViolation(e)) throw e;
        return upsert();
      }
    },
    idsByCode,
    /** Bulk ensure: creates the codes that are new (existing agencies keep their names) and returns all their ids. */
    async ensureMany(agencies: { code: string; nameVi: string }[]): Promise<Map<string, number>> {
      if (agencies.length === 0) return new Map();
      const codes = agencies.map((a) => a.code);
      await db.sql.query(`INSERT INTO agency (code, name_vi) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (code) DO NOTHING`, [
        codes,
        agencies.map((a) => a.nameVi),
      ]);
      return idsByCode(codes);
    },
    /** Every agency, by code (the registry is small: a province has a few hundred). */
    listAll(): Promise<Agency[]> {
      return p.agency.findMany({ select, orderBy: { code: "asc" } });
    },
    /**
     * Writes registry rows in one transaction and says what happened to each, in order. Names and
     * questionnaires first, parents in a second pass, so a parent may come later in the file than its
     * child. The caller has checked codes, parents and cycles.
     */
    async upsertRegistry(rows: AgencyRecord[]): Promise<RegistryOutcome[]> {
      return p.$transaction(async (tx) => {
        const codes = rows.map((r) => r.code);
        const before = new Map((await tx.agency.findMany({ where: { code: { in: codes } }, select })).map((a) => [a.code, a]));
        const outcomes: RegistryOutcome[] = [];
        for (const r of rows) {
          const old = before.get(r.code);
          const data = { nameVi: r.nameVi, nameEn: r.nameEn, questionnaireId: r.questionnaireId };
          if (!old) {
            await tx.agency.create({ data: { code: r.code, ...data } });
            outcomes.push("created");
          } else if (old.nameVi !== r.nameVi || old.nameEn !== r.nameEn || old.questionnaireId !== r.questionnaireId) {
            await tx.agency.update({ where: { code: r.code }, data });
            outcomes.push("updated");
          } else outcomes.push("unchanged");
        }
        const wanted = [...new Set([...codes, ...rows.flatMap((r) => (r.parentCode ? [r.parentCode] : []))])];
        const ids = new Map((await tx.agency.findMany({ where: { code: { in: wanted } }, select: { id: true, code: true } })).map((a) => [a.code, a.id]));
        for (const [i, r] of rows.entries()) {
          const parentId = r.parentCode ? ids.get(r.parentCode) : null;
          if (parentId === undefined) throw new Error(`agency ${r.code}: parent ${r.parentCode} vanished during the import`);
          const old = before.get(r.code);
          if (old && old.parentId === parentId) continue;
          if (!old && parentId === null) continue;
          await tx.agency.update({ where: { code: r.code }, data: { parentId } });
          if (outcomes[i] === "unchanged") outcomes[i] = "updated";
        }
        return outcomes;
      });
    },
  };
}

export type AgencyStore = ReturnType<typeof createAgencyStore>;
