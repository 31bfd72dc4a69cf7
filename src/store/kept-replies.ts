// The reads the Telegram reply queue (service/reply-queue.ts) makes of its outbox rows: how many wait, whether a
// chat has any, and the earlier one a chat's message must wait for (ordered by the `seq` each row carries).
import type { Database } from "./database.ts";
import { epochMs } from "./sql-values.ts";

const PENDING_SQL = `SELECT count(*)::int AS n FROM outbox_job WHERE kind = $1 AND status = 'pending'`;
const CHAT_WAITING_SQL = `SELECT 1 AS x FROM outbox_job WHERE kind = $1 AND status = 'pending' AND recipient = $2 LIMIT 1`;
const EARLIER_SQL = `SELECT ${epochMs("run_at", "run_at_ms")} FROM outbox_job
  WHERE kind = $1 AND status = 'pending' AND recipient = $2 AND id <> $3 AND (payload->>'seq')::bigint < $4::bigint
  ORDER BY (payload->>'seq')::bigint LIMIT 1`;

export interface KeptReplyStore {
  pending(kind: string): Promise<number>;
  chatWaiting(kind: string, chatId: string): Promise<boolean>;
  /** When the earliest kept message to this chat with a smaller seq is due, or null when none waits. */
  earlierDue(kind: string, chatId: string, jobId: string, seq: number): Promise<number | null>;
}

export function createKeptReplyStore(db: Database): KeptReplyStore {
  return {
    async pending(kind) {
      const [r] = await db.sql.query<{ n: number }>(PENDING_SQL, [kind]);
      return Number(r?.n ?? 0);
    },
    async chatWaiting(kind, chatId) {
      return (await db.sql.query(CHAT_WAITING_SQL, [kind, chatId])).length > 0;
    },
    async earlierDue(kind, chatId, jobId, seq) {
      const [r] = await db.sql.query<{ run_at_ms: number }>(EARLIER_SQL, [kind, chatId, jobId, seq]);
      return r ? Number(r.run_at_ms) : null;
    },
  };
}
