// Provider events persisted before they are acknowledged, then processed; survives crashes and restarts.
// The table has no lease column, so a claim is an optimistic bump of `attempts`, and a row that was claimed
// but not finished becomes claimable again only after a back-off measured from its arrival: long enough that
// a live instance finishes first, short enough that a crashed instance's rows are picked up.
import type { Database } from "./database.ts";

export interface InboxRecord {
  /** The row id as a decimal string (BIGSERIAL). */
  id: string;
  channel: string;
  dedupeKey: string;
  payload: unknown;
  receivedAt: Date;
  /** Including the current claim. */
  attempts: number;
  lastError: string | null;
}

export interface ClaimOptions {
  limit?: number;
  now?: Date;
  /** Rows claimed this many times without success are left for a human (default 5). */
  maxAttempts?: number;
  /** Back-off base: attempt k (k ≥ 1) may be retried once received_at + base·2^(k−1) has passed (default 30 s). */
  retryBaseMs?: number;
}

export interface InboxStore {
  /** Stores the event unless its dedupe key is already there (a replay stores nothing). */
  append(channel: string, dedupeKey: string, payload: unknown): Promise<{ stored: boolean; id?: string }>;
  /** Claims up to `limit` unprocessed rows of the channel, oldest first. */
  claimBatch(channel: string, opts?: ClaimOptions): Promise<InboxRecord[]>;
  markProcessed(id: string, at?: Date): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** Unprocessed rows that have used up their attempts: for /healthz and the operator. */
  countDead(channel: string, maxAttempts?: number): Promise<number>;
}

const select = { id: true, channel: true, dedupeKey: true, payload: true, receivedAt: true, attempts: true, lastError: true } as const;

/** `now` is the service's clock: receipt times and retry back-off are measured on it. */
export function createInboxStore(db: Database, clock: () => Date): InboxStore {
  const prisma = db.prisma;
  return {
    async append(channel, dedupeKey, payload) {
      // One statement, no exception on a replay: a failed INSERT would be noisier and, on PGlite, the
      // adapter does not surface the unique violation as Prisma's P2002.
      const rows = await db.sql.query<{ id: string }>(
        // received_at is written in UTC explicitly: the column has no time zone, and a server whose session
        // time zone is not UTC would otherwise skew the retry back-off by hours.
        `INSERT INTO inbox_event (channel, dedupe_key, payload, received_at)
         VALUES ($1, $2, $3::jsonb, ($4::timestamptz AT TIME ZONE 'UTC'))
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id::text AS id`,
        [channel, dedupeKey, JSON.stringify(payload), clock().toISOString()],
      );
      return rows[0] ? { stored: true, id: rows[0].id } : { stored: false };
    },
    async claimBatch(channel, opts = {}) {
      const limit = opts.limit ?? 20;
      const now = (opts.now ?? clock()).getTime();
      const maxAttempts = opts.maxAttempts ?? 5;
      const base = opts.retryBaseMs ?? 30_000;
      const candidates = await prisma.inboxEvent.findMany({
        where: { channel, processedAt: null, attempts: { lt: maxAttempts } },
        orderBy: { id: "asc" },
        take: limit * 4,
        select,
      });
      const claimed: InboxRecord[] = [];
      for (const row of candidates) {
        if (claimed.length >= limit) break;
        if (row.attempts > 0 && row.receivedAt.getTime() + base * 2 ** (row.attempts - 1) > now) continue;
        const r = await prisma.inboxEvent.updateMany({
          where: { id: row.id, attempts: row.attempts, processedAt: null },
          data: { attempts: { increment: 1 } },
        });
        if (r.count === 1) claimed.push({ ...row, id: row.id.toString(), attempts: row.attempts + 1 });
      }
      return claimed;
    },
    async markProcessed(id, at = clock()) {
      await prisma.inboxEvent.update({ where: { id: BigInt(id) }, data: { processedAt: at, lastError: null } });
    },
    async markFailed(id, error) {
      await prisma.inboxEvent.update({ where: { id: BigInt(id) }, data: { lastError: error.slice(0, 2000) } });
    },
    async countDead(channel, maxAttempts = 5) {
      return prisma.inboxEvent.count({ where: { channel, processedAt: null, attempts: { gte: maxAttempts } } });
    },
  };
}
