// Agencies (units that serve citizens). Domain types out, Prisma stays here.
import type { Database } from "./database.ts";

export interface Agency {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  parentId: number | null;
  questionnaireId: string;
}

const select = { id: true, code: true, nameVi: true, nameEn: true, parentId: true, questionnaireId: true } as const;

export function createAgencyStore(db: Database) {
  const p = db.prisma;
  return {
    findByCode(code: string): Promise<Agency | null> {
      return p.agency.findUnique({ where: { code }, select });
    },
    findById(id: number): Promise<Agency | null> {
      return p.agency.findUnique({ where: { id }, select });
    },
    /** Creates the agency if the code is new; an existing agency keeps its names. */
    async ensure(input: { code: string; nameVi: string; nameEn?: string | null; questionnaireId?: string }): Promise<Agency> {
      return p.agency.upsert({
        where: { code: input.code },
        create: { code: input.code, nameVi: input.nameVi, nameEn: input.nameEn ?? null, questionnaireId: input.questionnaireId },
        update: {},
        select,
      });
    },
    /** A page of agencies for the walk-in picker, by name. */
    async page(offset: number, limit: number): Promise<{ agencies: Agency[]; total: number }> {
      const [agencies, total] = await Promise.all([
        p.agency.findMany({ select, orderBy: [{ nameVi: "asc" }, { id: "asc" }], skip: offset, take: limit }),
        p.agency.count(),
      ]);
      return { agencies, total };
    },
  };
}

export type AgencyStore = ReturnType<typeof createAgencyStore>;
