// What a reminder must know at the moment it would be sent, read fresh in one query: the invitation (expiry,
// Zalo delivery), the run it led to (status, engine state), the person (chat id, stopped) and the agency.
// Also the retry of Zalo invitation sends recorded as failed-retryable.
import type { SurveyState } from "../survey/types.ts";
import type { Database } from "./database.ts";
import { epochMs as ms } from "./sql-values.ts";

export interface ReminderFacts {
  invitation: {
    id: string;
    expiresAt: Date;
    deliveryChannel: string | null;
    deliveryStatus: string | null;
    deliveryUpdatedAt: Date | null;
    deliveryRetryAt: Date | null;
  } | null;
  run: {
    id: string;
    status: string;
    channel: string;
    state: SurveyState;
    /** Null once the person erased themselves (/delete). */
    respondentId: string | null;
    chatId: string | null;
    stoppedAt: Date | null;
  } | null;
  agency: { nameVi: string; nameEn: string | null };
}

const COLUMNS = `i.id AS invitation_id, ${ms("i.expires_at", "expires_ms")}, i.delivery_channel, i.delivery_status,
  ${ms("i.delivery_updated_at", "delivery_updated_ms")}, ${ms("i.delivery_retry_at", "delivery_retry_ms")},
  r.id AS run_id, r.status, r.channel, r.state, r.respondent_id, p.chat_id, ${ms("p.stopped_at", "stopped_ms")},
  a.name_vi, a.name_en`;

const BY_RUN = `SELECT ${COLUMNS} FROM response r
  LEFT JOIN invitation i ON i.id = r.invitation_id
  LEFT JOIN respondent p ON p.id = r.respondent_id
  JOIN agency a ON a.id = r.agency_id
 WHERE r.id = $1`;

const BY_INVITATION = `SELECT ${COLUMNS} FROM invitation i
  LEFT JOIN response r ON r.invitation_id = i.id
  LEFT JOIN respondent p ON p.id = r.respondent_id
  JOIN agency a ON a.id = i.agency_id
 WHERE i.id = $1`;

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(Number(v)));

function toFacts(r: Record<string, unknown>): ReminderFacts {
  const state = typeof r.state === "string" ? (JSON.parse(r.state) as SurveyState) : (r.state as SurveyState);
  return {
    invitation: r.invitation_id
      ? {
          id: r.invitation_id as string,
          expiresAt: date(r.expires_ms)!,
          deliveryChannel: r.delivery_channel as string | null,
          deliveryStatus: r.delivery_status as string | null,
          deliveryUpdatedAt: date(r.delivery_updated_ms),
          deliveryRetryAt: date(r.delivery_retry_ms),
        }
      : null,
    run: r.run_id
      ? {
          id: r.run_id as string,
          status: r.status as string,
          channel: r.channel as string,
          state,
          respondentId: r.respondent_id as string | null,
          chatId: r.chat_id as string | null,
          stoppedAt: date(r.stopped_ms),
        }
      : null,
    agency: { nameVi: r.name_vi as string, nameEn: r.name_en as string | null },
  };
}

export function createReminderStore(db: Database) {
  const sql = db.sql;
  return {
    async facts(key: { invitationId?: string; runId?: string }): Promise<ReminderFacts | null> {
      const [r] = key.invitationId
        ? await sql.query<Record<string, unknown>>(BY_INVITATION, [key.invitationId])
        : await sql.query<Record<string, unknown>>(BY_RUN, [key.runId ?? ""]);
      return r ? toFacts(r) : null;
    },

    /** Whether this person left the channel (Zalo unfollow, a Telegram block seen earlier). */
    async isStopped(respondentId: string): Promise<boolean> {
      const [r] = await sql.query(`SELECT 1 FROM respondent WHERE id = $1 AND stopped_at IS NOT NULL`, [respondentId]);
      return r !== undefined;
    },

    /** Zalo invitation sends recorded as failed-retryable whose retry time has come. */
    async dueDeliveryRetries(now: Date, limit: number): Promise<string[]> {
      const rows = await sql.query<{ id: string }>(
        `SELECT id FROM invitation WHERE delivery_status = 'failed-retryable' AND delivery_retry_at <= $1::timestamp
          ORDER BY delivery_retry_at LIMIT $2`,
        [now.toISOString(), limit],
      );
      return rows.map((r) => r.id);
    },

    /**
     * Takes the retry of a failed-retryable send that is due: true for exactly one caller (the conditional
     * update is the lock, as for the first send), which then owns the row in state "sending".
     */
    async claimDeliveryRetry(id: string, channel: string, at: Date): Promise<boolean> {
      const rows = await sql.query(
        `UPDATE invitation SET delivery_status = 'sending', delivery_channel = $2, delivery_updated_at = $3::timestamp
          WHERE id = $1 AND delivery_status = 'failed-retryable' AND delivery_retry_at <= $3::timestamp
          RETURNING id`,
        [id, channel, at.toISOString()],
      );
      return rows.length === 1;
    },

    /** The recipient and channel a failed-retryable send keeps for its retry. */
    async retryTarget(id: string): Promise<{ channel: string; recipient: string } | null> {
      const [r] = await sql.query<{ delivery_channel: string | null; delivery_recipient: string | null }>(
        `SELECT delivery_channel, delivery_recipient FROM invitation WHERE id = $1 AND delivery_status = 'failed-retryable'`,
        [id],
      );
      return r?.delivery_channel && r.delivery_recipient ? { channel: r.delivery_channel, recipient: r.delivery_recipient } : null;
    },
  };
}

export type ReminderStore = ReturnType<typeof createReminderStore>;
