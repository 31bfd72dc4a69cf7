// Invitations for finished dossiers: one per dossier code (unique key), found by their random token.
import type { Database } from "./database.ts";
import { isUniqueViolation } from "./errors.ts";

export interface Invitation {
  id: string;
  token: string;
  dossierCode: string;
  agencyId: number;
  agencyCode: string;
  agencyNameVi: string;
  agencyNameEn: string | null;
  questionnaireId: string;
  procedureCode: string | null;
  procedureName: string | null;
  completedAt: Date;
  locale: string;
  expiresAt: Date;
  createdAt: Date;
  /** The response started from this invitation, if any. */
  response: { id: string; status: string; respondentId: string | null } | null;
}

const select = {
  id: true,
  token: true,
  dossierCode: true,
  agencyId: true,
  procedureCode: true,
  procedureName: true,
  completedAt: true,
  locale: true,
  expiresAt: true,
  createdAt: true,
  agency: { select: { code: true, nameVi: true, nameEn: true, questionnaireId: true } },
  response: { select: { id: true, status: true, respondentId: true } },
} as const;

type Row = {
  id: string;
  token: string;
  dossierCode: string;
  agencyId: number;
  procedureCode: string | null;
  procedureName: string | null;
  completedAt: Date;
  locale: string;
  expiresAt: Date;
  createdAt: Date;
  agency: { code: string; nameVi: string; nameEn: string | null; questionnaireId: string };
  response: { id: string; status: string; respondentId: string | null } | null;
};

function toDomain(r: Row): Invitation {
  const { agency, ...rest } = r;
  return {
    ...rest,
    agencyCode: agency.code,
    agencyNameVi: agency.nameVi,
    agencyNameEn: agency.nameEn,
    questionnaireId: agency.questionnaireId,
  };
}

export interface NewInvitation {
  id: string;
  token: string;
  dossierCode: string;
  agencyId: number;
  procedureCode?: string | null;
  procedureName?: string | null;
  completedAt: Date;
  locale: string;
  expiresAt: Date;
}

export function createInvitationStore(db: Database) {
  const p = db.prisma;
  return {
    async findByToken(token: string): Promise<Invitation | null> {
      const r = await p.invitation.findUnique({ where: { token }, select });
      return r ? toDomain(r) : null;
    },
    async findByDossier(dossierCode: string): Promise<Invitation | null> {
      const r = await p.invitation.findUnique({ where: { dossierCode }, select });
      return r ? toDomain(r) : null;
    },
    /** Idempotent per dossier code: a second call returns the first invitation (`created: false`). */
    async createOrGet(input: NewInvitation): Promise<{ invitation: Invitation; created: boolean }> {
      try {
        const r = await p.invitation.create({ data: input, select });
        return { invitation: toDomain(r), created: true };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        const existing = await p.invitation.findUnique({ where: { dossierCode: input.dossierCode }, select });
        if (!existing) throw e; // the clash was on the token (2^-128): let the caller retry
        return { invitation: toDomain(existing), created: false };
      }
    },
  };
}

export type InvitationStore = ReturnType<typeof createInvitationStore>;
