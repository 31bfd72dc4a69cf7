// Bulk paths for invitations (CSV import, the batch API): one multi-row statement per chunk through the raw
// driver, because Prisma's per-call cost makes 10,000 single inserts take minutes instead of seconds.
// Arrays travel as parameters (unnest), so a chunk is one statement with a fixed number of placeholders.
import type { Database } from "./database.ts";
import type { DeliveryState, InvitationDelivery, NewInvitation } from "./invitations.ts";

/** What a bulk caller reports for an invitation that is already there. */
export interface ExistingInvitation {
  dossierCode: string;
  token: string;
  expiresAt: Date;
  delivery: InvitationDelivery | null;
}

type ExistingRow = {
  dossier_code: string;
  token: string;
  expires_at: Date | string;
  delivery_channel: string | null;
  delivery_status: string | null;
  delivery_updated_at: Date | string | null;
  delivery_retry_at: Date | string | null;
  delivery_error: string | null;
  zalo_message_id: string | null;
  delivered_at: Date | string | null;
};

const EXISTING_SQL = `
SELECT dossier_code, token, expires_at, delivery_channel, delivery_status, delivery_updated_at, delivery_retry_at,
       delivery_error, zalo_message_id, delivered_at
  FROM invitation
 WHERE dossier_code = ANY($1::text[])`;

// Timestamps are stored as UTC without a zone: the timestamptz parameters are turned back into UTC wall time.
const INSERT_SQL = `
INSERT INTO invitation (id, token, dossier_code, agency_id, procedure_code, procedure_name, locale, completed_at, expires_at, created_at)
SELECT id, token, dossier_code, agency_id, procedure_code, procedure_name, locale,
       completed_at AT TIME ZONE 'UTC', expires_at AT TIME ZONE 'UTC', $10::timestamptz AT TIME ZONE 'UTC'
  FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[])
       AS t(id, token, dossier_code, agency_id, procedure_code, procedure_name, locale, completed_at, expires_at)
ON CONFLICT (dossier_code) DO NOTHING
RETURNING dossier_code`;

/** Drivers hand timestamps back as Date or as text without a zone (UTC). */
function utc(v: Date | string): Date {
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(" ", "T")}Z`);
}

function toExisting(r: ExistingRow): ExistingInvitation {
  return {
    dossierCode: r.dossier_code,
    token: r.token,
    expiresAt: utc(r.expires_at),
    delivery:
      r.delivery_channel && r.delivery_status
        ? {
            channel: r.delivery_channel,
            status: r.delivery_status as DeliveryState,
            updatedAt: r.delivery_updated_at === null ? null : utc(r.delivery_updated_at),
            retryAt: r.delivery_retry_at === null ? null : utc(r.delivery_retry_at),
            error: r.delivery_error,
            messageId: r.zalo_message_id,
            deliveredAt: r.delivered_at === null ? null : utc(r.delivered_at),
          }
        : null,
  };
}

export function createBulkInvitationStore(db: Database) {
  return {
    /** The invitations among these dossier codes that exist, keyed by dossier code. */
    async findExisting(dossierCodes: string[]): Promise<Map<string, ExistingInvitation>> {
      if (dossierCodes.length === 0) return new Map();
      const rows = await db.sql.query<ExistingRow>(EXISTING_SQL, [dossierCodes]);
      return new Map(rows.map((r) => [r.dossier_code, toExisting(r)]));
    },
    /**
     * Inserts the rows in one statement; a dossier code that is already there (or arrives concurrently) is
     * skipped, not an error. Returns the dossier codes this call created.
     */
    async insertMany(rows: NewInvitation[], createdAt: Date): Promise<Set<string>> {
      if (rows.length === 0) return new Set();
      const col = <T>(f: (r: NewInvitation) => T) => rows.map(f);
      const inserted = await db.sql.query<{ dossier_code: string }>(INSERT_SQL, [
        col((r) => r.id),
        col((r) => r.token),
        col((r) => r.dossierCode),
        col((r) => r.agencyId),
        col((r) => r.procedureCode ?? null),
        col((r) => r.procedureName ?? null),
        col((r) => r.locale),
        col((r) => r.completedAt.toISOString()),
        col((r) => r.expiresAt.toISOString()),
        createdAt.toISOString(),
      ]);
      return new Set(inserted.map((r) => r.dossier_code));
    },
  };
}

export type BulkInvitationStore = ReturnType<typeof createBulkInvitationStore>;
