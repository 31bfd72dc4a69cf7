// The outbox: jobs persisted in the database and run by whichever instance claims them first.
// Every time comes from the caller's injected clock (never the database's now()), so a fake clock drives
// scheduling, leases and due-ness alike. Timestamps go in as ISO text and come out as epoch milliseconds:
// the columns are UTC without a zone, and that keeps both drivers and any host time zone out of the way.
import { randomId } from "../ids.ts";
import type { Database } from "./database.ts";
import { epochMs as ms } from "./sql-values.ts";

export type OutboxStatus = "pending" | "sent" | "cancelled" | "failed";

export interface NewJob {
  kind: string;
  dedupeKey: string;
  runAt: Date;
  payload: Record<string, unknown>;
  /** Contact data the job needs to send; erased when the job finishes. */
  recipient?: string | null;
}

/** A job handed to a worker by claim(). */
export interface ClaimedJob {
  id: string;
  kind: string;
  dedupeKey: string;
  runAt: Date;
  payload: Record<string, unknown>;
  recipient: string | null;
  attempts: number;
  /** Set when the previous holder's lease ran out before it recorded an outcome (it died mid-run). */
  abandonedBy: string | null;
}

export interface JobView {
  id: string;
  kind: string;
  dedupeKey: string;
  status: OutboxStatus;
  runAt: Date;
  payload: Record<string, unknown>;
  recipient: string | null;
  attempts: number;
  lockedBy: string | null;
  lastError: string | null;
  doneAt: Date | null;
}

const iso = (d: Date) => d.toISOString();

// keep: a second schedule changes nothing. later: a pending, unclaimed job moves to the later of the two
// times (e.g. a reminder counted from the invitation is pushed back when the citizen starts answering).
const SCHEDULE_SQL = {
  keep: `INSERT INTO outbox_job (id, kind, dedupe_key, run_at, payload, recipient, created_at)
         VALUES ($1, $2, $3, $4::timestamp, $5::jsonb, $6, $7::timestamp)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
  later: `INSERT INTO outbox_job (id, kind, dedupe_key, run_at, payload, recipient, created_at)
          VALUES ($1, $2, $3, $4::timestamp, $5::jsonb, $6, $7::timestamp)
          ON CONFLICT (dedupe_key) DO UPDATE
            SET run_at = GREATEST(outbox_job.run_at, EXCLUDED.run_at),
                payload = outbox_job.payload || EXCLUDED.payload,
                recipient = COALESCE(EXCLUDED.recipient, outbox_job.recipient)
          WHERE outbox_job.status = 'pending' AND (outbox_job.locked_until IS NULL OR outbox_job.locked_until < $7::timestamp)
          RETURNING id`,
} as const;

// One statement takes the due jobs nobody holds: SKIP LOCKED lets concurrent claimers pass each other's
// rows, and the lease written in the same statement keeps them from taking the row after this commits.
const CLAIM_SQL = `
WITH due AS (
  SELECT id, locked_by AS prev FROM outbox_job
   WHERE status = 'pending' AND run_at <= $1::timestamp AND (locked_until IS NULL OR locked_until < $1::timestamp)
     AND ($5::text[] IS NULL OR kind = ANY($5::text[]))
   ORDER BY run_at, id
   LIMIT $4
   FOR UPDATE SKIP LOCKED
)
UPDATE outbox_job j SET locked_until = $2::timestamp, locked_by = $3
  FROM due WHERE j.id = due.id
RETURNING j.id, j.kind, j.dedupe_key, j.payload, j.recipient, j.attempts, due.prev, ${ms("j.run_at", "run_at_ms")}`;

type ClaimRow = {
  id: string;
  kind: string;
  dedupe_key: string;
  payload: unknown;
  recipient: string | null;
  attempts: number;
  prev: string | null;
  run_at_ms: number;
};

function payloadOf(v: unknown): Record<string, unknown> {
  const p = typeof v === "string" ? (JSON.parse(v) as unknown) : v;
  return p && typeof p === "object" ? (p as Record<string, unknown>) : {};
}

export function createOutboxStore(db: Database) {
  const sql = db.sql;
  return {
    /** Adds the job unless its dedupe key exists. True when a row was created (or, with `later`, moved). */
    async schedule(job: NewJob, now: Date, ifExists: "keep" | "later" = "keep"): Promise<boolean> {
      const rows = await sql.query(SCHEDULE_SQL[ifExists], [
        randomId(12),
        job.kind,
        job.dedupeKey,
        iso(job.runAt),
        JSON.stringify(job.payload),
        job.recipient ?? null,
        iso(now),
      ]);
      return rows.length === 1;
    },

    /**
     * Takes up to `limit` due jobs for `worker` until now + leaseMs; only jobs of `kinds` when given, so a
     * worker never holds (and delays) jobs another worker exists to run.
     */
    async claim(o: { worker: string; now: Date; leaseMs: number; limit: number; kinds?: string[] }): Promise<ClaimedJob[]> {
      const rows = await sql.query<ClaimRow>(CLAIM_SQL, [iso(o.now), iso(new Date(o.now.getTime() + o.leaseMs)), o.worker, o.limit, o.kinds ?? null]);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        dedupeKey: r.dedupe_key,
        runAt: new Date(Number(r.run_at_ms)),
        payload: payloadOf(r.payload),
        recipient: r.recipient,
        attempts: Number(r.attempts),
        abandonedBy: r.prev,
      }));
    },

    /**
     * Records the final outcome, only while the job is still this worker's (a worker whose lease ran out and
     * was overtaken records nothing). The recipient is erased: contact data lives as long as its job.
     */
    async finish(id: string, worker: string, o: { status: Exclude<OutboxStatus, "pending">; at: Date; reason?: string }): Promise<boolean> {
      const rows = await sql.query(
        `UPDATE outbox_job SET status = $3, done_at = $4::timestamp, locked_until = NULL, recipient = NULL,
                last_error = COALESCE($5, last_error), attempts = attempts + CASE WHEN $3 = 'failed' THEN 1 ELSE 0 END
          WHERE id = $1 AND locked_by = $2 AND status = 'pending' RETURNING id`,
        [id, worker, o.status, iso(o.at), o.reason ?? null],
      );
      return rows.length === 1;
    },

    /** Puts a held job back for later: a failed attempt (counted) or a postponement (not counted). */
    async release(id: string, worker: string, o: { runAt: Date; failed: boolean; reason?: string }): Promise<boolean> {
      const rows = await sql.query(
        `UPDATE outbox_job SET run_at = $3::timestamp, locked_until = NULL, locked_by = NULL,
                attempts = attempts + CASE WHEN $4 THEN 1 ELSE 0 END, last_error = COALESCE($5, last_error)
          WHERE id = $1 AND locked_by = $2 AND status = 'pending' RETURNING id`,
        [id, worker, iso(o.runAt), o.failed, o.reason ?? null],
      );
      return rows.length === 1;
    },

    /** Cancels a pending job nobody holds (e.g. an announcement withdrawn). False if it ran or is running. */
    async cancel(dedupeKey: string, reason: string, at: Date): Promise<boolean> {
      const rows = await sql.query(
        `UPDATE outbox_job SET status = 'cancelled', done_at = $3::timestamp, last_error = $2, recipient = NULL
          WHERE dedupe_key = $1 AND status = 'pending' AND (locked_until IS NULL OR locked_until < $3::timestamp) RETURNING id`,
        [dedupeKey, reason, iso(at)],
      );
      return rows.length === 1;
    },

    async find(dedupeKey: string): Promise<JobView | null> {
      const [r] = await sql.query<Record<string, unknown>>(
        `SELECT id, kind, dedupe_key, status, payload, recipient, attempts, locked_by, last_error,
                ${ms("run_at", "run_at_ms")}, ${ms("done_at", "done_at_ms")}
           FROM outbox_job WHERE dedupe_key = $1`,
        [dedupeKey],
      );
      if (!r) return null;
      return {
        id: r.id as string,
        kind: r.kind as string,
        dedupeKey: r.dedupe_key as string,
        status: r.status as OutboxStatus,
        runAt: new Date(Number(r.run_at_ms)),
        payload: payloadOf(r.payload),
        recipient: r.recipient as string | null,
        attempts: Number(r.attempts),
        lockedBy: r.locked_by as string | null,
        lastError: r.last_error as string | null,
        doneAt: r.done_at_ms === null ? null : new Date(Number(r.done_at_ms)),
      };
    },

    /** Pending jobs, and how many of them are due (for /healthz). */
    async backlog(now: Date): Promise<{ pending: number; due: number }> {
      const [r] = await sql.query<{ pending: number; due: number }>(
        `SELECT count(*)::int AS pending, count(*) FILTER (WHERE run_at <= $1::timestamp)::int AS due
           FROM outbox_job WHERE status = 'pending'`,
        [iso(now)],
      );
      return { pending: Number(r?.pending ?? 0), due: Number(r?.due ?? 0) };
    },

    /**
     * The backlog per job kind, with when the longest-waiting due job fell due (for /metrics): a due job
     * that stays unclaimed means no worker is running them, whatever the count.
     */
    async backlogByKind(now: Date): Promise<{ kind: string; pending: number; due: number; oldestDueAt: Date | null }[]> {
      const rows = await sql.query<{ kind: string; pending: number; due: number; oldest_ms: number | null }>(
        `SELECT kind, count(*)::int AS pending, count(*) FILTER (WHERE run_at <= $1::timestamp)::int AS due,
                (extract(epoch from min(run_at) FILTER (WHERE run_at <= $1::timestamp)) * 1000)::float8 AS oldest_ms
           FROM outbox_job WHERE status = 'pending' GROUP BY kind ORDER BY kind`,
        [iso(now)],
      );
      return rows.map((r) => ({
        kind: r.kind,
        pending: Number(r.pending),
        due: Number(r.due),
        oldestDueAt: r.oldest_ms === null ? null : new Date(Number(r.oldest_ms)),
      }));
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
