// Digest rows of the outbox (kind "digest", one per period and subscriber), beyond what every job needs:
// fanning a slot out in one statement, recording each message of a row as it is sent, keeping the lease of
// a long send alive, and withdrawing the rows of someone who blocked the bot. Claims, outcomes and releases
// are the outbox's own (store/outbox.ts).
import { randomId } from "../ids.ts";
import type { Database } from "./database.ts";

export const DIGEST_JOB_KIND = "digest";

export interface DigestJobPayload {
  /** The schedule slot that fanned it out, e.g. digest:weekly:2026-W48. */
  slot: string;
  /** The period label, e.g. 2026-W48 or 2026-11. */
  period: string;
  staffId: string;
  /** Messages of the row by part id ("vi:chart", "vi:text", …): "sending" just before the request, "sent" after. */
  parts?: Record<string, PartState>;
}

export type PartState = "sending" | "sent";

const iso = (d: Date) => d.toISOString();

export function digestJobKey(periodLabel: string, staffId: string): string {
  return `digest:${periodLabel}:${staffId}`;
}

export function createDigestJobStore(db: Database) {
  const sql = db.sql;
  return {
    /** One row per member of the slot; existing rows (an earlier or concurrent fan-out) are kept. Returns rows created. */
    async fanOut(o: { slot: string; period: string; staffIds: string[]; runAt: Date; now: Date }): Promise<number> {
      if (o.staffIds.length === 0) return 0;
      const ids = o.staffIds.map(() => randomId(12));
      const keys = o.staffIds.map((s) => digestJobKey(o.period, s));
      const payloads = o.staffIds.map((staffId) => JSON.stringify({ slot: o.slot, period: o.period, staffId } satisfies DigestJobPayload));
      const rows = await sql.query(
        `INSERT INTO outbox_job (id, kind, dedupe_key, run_at, payload, created_at)
         SELECT id, $4, key, $5::timestamp, payload::jsonb, $6::timestamp
           FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, key, payload)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [ids, keys, payloads, DIGEST_JOB_KIND, iso(o.runAt), iso(o.now)],
      );
      return rows.length;
    },

    /**
     * Records one message's state while the row is still this worker's, and stretches the row's lease to at
     * least `leaseUntil`. False when the row was taken over or settled: the caller must not send.
     */
    async markPart(id: string, worker: string, part: string, state: PartState, leaseUntil: Date): Promise<boolean> {
      const rows = await sql.query(
        `UPDATE outbox_job
            SET payload = jsonb_set(payload, '{parts}', COALESCE(payload->'parts', '{}'::jsonb) || jsonb_build_object($3::text, $4::text)),
                locked_until = GREATEST(locked_until, $5::timestamp)
          WHERE id = $1 AND locked_by = $2 AND status = 'pending' RETURNING id`,
        [id, worker, part, state, iso(leaseUntil)],
      );
      return rows.length === 1;
    },

    /** Forgets "sending" marks of requests that are known to have failed, before the row is put back for a retry. */
    async clearSending(id: string, worker: string): Promise<void> {
      await sql.query(
        `UPDATE outbox_job
            SET payload = jsonb_set(payload, '{parts}',
                  COALESCE((SELECT jsonb_object_agg(k, v) FROM jsonb_each(payload->'parts') AS e(k, v) WHERE v <> '"sending"'::jsonb), '{}'::jsonb))
          WHERE id = $1 AND locked_by = $2 AND status = 'pending' AND payload ? 'parts'`,
        [id, worker],
      );
    },

    /** Extends the lease of rows still held by `worker`; returns the ids still held. */
    async renewLease(ids: string[], worker: string, until: Date): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await sql.query<{ id: string }>(
        `UPDATE outbox_job SET locked_until = GREATEST(locked_until, $3::timestamp)
          WHERE id = ANY($1::text[]) AND locked_by = $2 AND status = 'pending' RETURNING id`,
        [ids, worker, iso(until)],
      );
      return new Set(rows.map((r) => r.id));
    },

    /**
     * Cancels the member's pending digest rows that nobody holds (they blocked the bot); rows held under a
     * live lease are settled by their holder. Returns how many.
     */
    async cancelForStaff(staffId: string, reason: string, at: Date): Promise<number> {
      const rows = await sql.query(
        `UPDATE outbox_job SET status = 'cancelled', done_at = $3::timestamp, last_error = $2, locked_until = NULL, recipient = NULL
          WHERE kind = $4 AND status = 'pending' AND payload->>'staffId' = $1
            AND (locked_until IS NULL OR locked_until < $3::timestamp)
          RETURNING id`,
        [staffId, reason, iso(at), DIGEST_JOB_KIND],
      );
      return rows.length;
    },

    /** Digest rows waiting and due now, for the total of a progress report. */
    async countDue(now: Date): Promise<number> {
      const [r] = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox_job WHERE kind = $1 AND status = 'pending' AND run_at <= $2::timestamp`,
        [DIGEST_JOB_KIND, iso(now)],
      );
      return Number(r?.n ?? 0);
    },
  };
}

export type DigestJobStore = ReturnType<typeof createDigestJobStore>;
