// Administrative procedures (thủ tục hành chính) by catalogue code. Domain types out, Prisma stays here.
import type { RegistryOutcome } from "./agencies.ts";
import type { Database } from "./database.ts";

export interface Procedure {
  code: string;
  nameVi: string;
  nameEn: string | null;
  agencyCode: string | null;
}

const select = { code: true, nameVi: true, nameEn: true, agency: { select: { code: true } } } as const;

function toDomain(r: { code: string; nameVi: string; nameEn: string | null; agency: { code: string } | null }): Procedure {
  return { code: r.code, nameVi: r.nameVi, nameEn: r.nameEn, agencyCode: r.agency?.code ?? null };
}

export function createProcedureStore(db: Database) {
  const p = db.prisma;
  return {
    async listAll(): Promise<Procedure[]> {
      return (await p.procedure.findMany({ select, orderBy: { code: "asc" } })).map(toDomain);
    },
    async findByCode(code: string): Promise<Procedure | null> {
      const r = await p.procedure.findUnique({ where: { code }, select });
      return r ? toDomain(r) : null;
    },
    /** Writes registry rows in one transaction; the caller has checked that every agency code exists. */
    async upsertRegistry(rows: Procedure[]): Promise<RegistryOutcome[]> {
      return p.$transaction(async (tx) => {
        const agencyCodes = [...new Set(rows.flatMap((r) => (r.agencyCode ? [r.agencyCode] : [])))];
        const agencyIds = new Map((await tx.agency.findMany({ where: { code: { in: agencyCodes } }, select: { id: true, code: true } })).map((a) => [a.code, a.id]));
        const before = new Map((await tx.procedure.findMany({ where: { code: { in: rows.map((r) => r.code) } }, select })).map((r) => [r.code, toDomain(r)]));
        const outcomes: RegistryOutcome[] = [];
        for (const r of rows) {
          const agencyId = r.agencyCode ? agencyIds.get(r.agencyCode) : null;
          if (agencyId === undefined) throw new Error(`procedure ${r.code}: agency ${r.agencyCode} vanished during the import`);
          const data = { nameVi: r.nameVi, nameEn: r.nameEn, agencyId };
          const old = before.get(r.code);
          if (!old) {
            await tx.procedure.create({ data: { code: r.code, ...data } });
            outcomes.push("created");
          } else if (old.nameVi !== r.nameVi || old.nameEn !== r.nameEn || old.agencyCode !== r.agencyCode) {
            await tx.procedure.update({ where: { code: r.code }, data });
            outcomes.push("updated");
          } else outcomes.push("unchanged");
        }
        return outcomes;
      });
    },
  };
}

export type ProcedureStore = ReturnType<typeof createProcedureStore>;
