// The bulk-send budget shared by every instance on PostgreSQL (see model SendBudget). One row per budget
// holds the next free start of a single schedule; a grant moves it on by `count` evenly spaced starts in
// one INSERT … ON CONFLICT DO UPDATE … RETURNING, so the row lock is held for one statement and never
// across a send. The database's clock is the schedule's clock: instances' clocks may disagree, but all of
// them read this one, and each is told only how long to wait from now.
import type { Database } from "./database.ts";

export interface SendBudgetGrant {
  /** Milliseconds from the moment the database answered until the first granted start (≤ 0: at once). */
  waitMs: number;
}

export interface SendBudgetStore {
  /** Reserves `count` starts `spacingMs` apart on the schedule named `key`. */
  grant(key: string, count: number, spacingMs: number): Promise<SendBudgetGrant>;
}

// The CTE reads the clock once; a grant that waited for another instance's row lock reads it before the
// wait, which only ever makes its first start later than it could be, never earlier than the schedule.
// An idle schedule restarts at now (GREATEST), so no credit for a burst builds up while nobody sends.
const GRANT = `
  WITH c AS (SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now_ms)
  INSERT INTO send_budget AS b (key, next_at_ms)
    SELECT $1, c.now_ms + $2::float8 * $3::float8 FROM c
  ON CONFLICT (key) DO UPDATE
    SET next_at_ms = GREATEST(b.next_at_ms, (SELECT now_ms FROM c)) + $2::float8 * $3::float8
  RETURNING (b.next_at_ms - $2::float8 * $3::float8 - (SELECT now_ms FROM c))::float8 AS wait_ms`;

export function createSendBudgetStore(db: Database): SendBudgetStore {
  return {
    async grant(key, count, spacingMs) {
      const [row] = await db.sql.query<{ wait_ms: number }>(GRANT, [key, count, spacingMs]);
      return { waitMs: Number(row!.wait_ms) };
    },
  };
}
