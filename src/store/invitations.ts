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
  /** How we sent it to the citizen (when the centre gave a contact); null when we never tried. */
  delivery: InvitationDelivery | null;
}

/** sending = claimed, outcome not yet known (a crash leaves it: "maybe sent", never resent automatically). */
export type DeliveryState = "sending" | "sent" | "failed" | "failed-retryable";

export interface InvitationDelivery {
  channel: string;
  status: DeliveryState;
  updatedAt: Date | null;
  retryAt: Date | null;
  error: string | null;
  messageId: string | null;
  deliveredAt: Date | null;
}

export interface DeliveryRecord {
  channel: string;
  status: Exclude<DeliveryState, "sending">;
  at: Date;
  error?: string;
  retryAt?: Date;
  /** Kept only for failed-retryable (a retry needs it); cleared otherwise. */
  recipient?: string;
  messageId?: string;
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
  deliveryChannel: true,
  deliveryStatus: true,
  deliveryUpdatedAt: true,
  deliveryRetryAt: true,
  deliveryError: true,
  zaloMessageId: true,
  deliveredAt: true,
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
  deliveryChannel: string | null;
  deliveryStatus: string | null;
  deliveryUpdatedAt: Date | null;
  deliveryRetryAt: Date | null;
  deliveryError: string | null;
  zaloMessageId: string | null;
  deliveredAt: Date | null;
};

function toDomain(r: Row): Invitation {
  const { agency, deliveryChannel, deliveryStatus, deliveryUpdatedAt, deliveryRetryAt, deliveryError, zaloMessageId, deliveredAt, ...rest } = r;
  return {
    ...rest,
    agencyCode: agency.code,
    agencyNameVi: agency.nameVi,
    agencyNameEn: agency.nameEn,
    questionnaireId: agency.questionnaireId,
    delivery:
      deliveryChannel && deliveryStatus
        ? {
            channel: deliveryChannel,
            status: deliveryStatus as DeliveryState,
            updatedAt: deliveryUpdatedAt,
            retryAt: deliveryRetryAt,
            error: deliveryError,
            messageId: zaloMessageId,
            deliveredAt,
          }
        : null,
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

/** What a citizen's `/start <token>` needs, read in one joined query (the hot path of every survey). */
export type StartInvitation = Pick<
  Invitation,
  "id" | "agencyId" | "agencyNameVi" | "agencyNameEn" | "questionnaireId" | "procedureCode" | "procedureName" | "locale" | "expiresAt" | "response"
>;

const START_SQL = `
SELECT i.id, i.agency_id, a.name_vi, a.name_en, a.questionnaire_id, i.procedure_code, i.procedure_name, i.locale,
       i.expires_at, r.id AS response_id, r.status AS response_status, r.respondent_id
  FROM invitation i
  JOIN agency a ON a.id = i.agency_id
  LEFT JOIN response r ON r.invitation_id = i.id
 WHERE i.token = $1`;

type StartRow = {
  id: string;
  agency_id: number;
  name_vi: string;
  name_en: string | null;
  questionnaire_id: string;
  procedure_code: string | null;
  procedure_name: string | null;
  locale: string;
  expires_at: Date | string;
  response_id: string | null;
  response_status: string | null;
  respondent_id: string | null;
};

/** Timestamps are stored as UTC without a zone; drivers hand them back as Date or as text. */
function utc(v: Date | string): Date {
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(" ", "T")}Z`);
}

export function createInvitationStore(db: Database) {
  const p = db.prisma;
  return {
    async findForStart(token: string): Promise<StartInvitation | null> {
      const [r] = await db.sql.query<StartRow>(START_SQL, [token]);
      if (!r) return null;
      return {
        id: r.id,
        agencyId: r.agency_id,
        agencyNameVi: r.name_vi,
        agencyNameEn: r.name_en,
        questionnaireId: r.questionnaire_id,
        procedureCode: r.procedure_code,
        procedureName: r.procedure_name,
        locale: r.locale,
        expiresAt: utc(r.expires_at),
        response: r.response_id ? { id: r.response_id, status: r.response_status ?? "active", respondentId: r.respondent_id } : null,
      };
    },
    async findByToken(token: string): Promise<Invitation | null> {
      const r = await p.invitation.findUnique({ where: { token }, select });
      return r ? toDomain(r) : null;
    },
    async findById(id: string): Promise<Invitation | null> {
      const r = await p.invitation.findUnique({ where: { id }, select });
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
    /**
     * Takes the right to send this invitation: true for exactly one caller, ever (the conditional update is
     * the lock), so a repeated or concurrent dossier request never sends twice.
     */
    async claimDelivery(id: string, channel: string, at: Date): Promise<boolean> {
      const r = await p.invitation.updateMany({
        where: { id, deliveryStatus: null },
        data: { deliveryChannel: channel, deliveryStatus: "sending", deliveryUpdatedAt: at },
      });
      return r.count === 1;
    },
    /** Moves a claimed send on to another channel (e.g. CS refused outside the 7-day window → ZNS). */
    async switchDeliveryChannel(id: string, channel: string, at: Date): Promise<void> {
      await p.invitation.updateMany({ where: { id, deliveryStatus: "sending" }, data: { deliveryChannel: channel, deliveryUpdatedAt: at } });
    },
    /**
     * Records the outcome of a claimed send. Only a row still "sending" changes: a delivery receipt that
     * arrived first (already "sent") is not overwritten by a late timeout.
     */
    async recordDelivery(id: string, d: DeliveryRecord): Promise<void> {
      await p.invitation.updateMany({
        where: { id, deliveryStatus: "sending" },
        data: {
          deliveryChannel: d.channel,
          deliveryStatus: d.status,
          deliveryUpdatedAt: d.at,
          deliveryError: d.error ?? null,
          deliveryRetryAt: d.status === "failed-retryable" ? (d.retryAt ?? d.at) : null,
          deliveryRecipient: d.status === "failed-retryable" ? (d.recipient ?? null) : null,
          zaloMessageId: d.messageId ?? null,
        },
      });
    },
    /**
     * A delivery receipt: sets deliveredAt once, matched by tracking id (= invitation id, ZNS) or by the
     * message id we recorded (CS). A receipt also proves a send whose outcome we had lost ("sending") or
     * mistook for a failure (a timeout after Zalo had accepted it). Returns whether an invitation matched.
     */
    async markDelivered(r: { trackingId?: string; messageId: string; at: Date }): Promise<boolean> {
      const where = r.trackingId ? { id: r.trackingId } : { zaloMessageId: r.messageId };
      const found = await p.invitation.findFirst({ where, select: { id: true } });
      if (!found) return false;
      await p.invitation.updateMany({ where: { id: found.id, deliveredAt: null }, data: { deliveredAt: r.at } });
      await p.invitation.updateMany({
        where: { id: found.id, deliveryStatus: { in: ["sending", "failed-retryable"] } },
        data: { deliveryStatus: "sent", deliveryUpdatedAt: r.at, deliveryRetryAt: null, deliveryRecipient: null, deliveryError: null },
      });
      return true;
    },
  };
}

export type InvitationStore = ReturnType<typeof createInvitationStore>;
