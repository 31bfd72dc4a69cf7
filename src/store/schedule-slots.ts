// Claimed firings of scheduled tasks. node-cron fires on every instance and remembers nothing; the slot's
// primary key lets exactly one firing (of any instance, or a catch-up at start) fan the work out, and
// done_at tells a later start whether that fan-out finished.
import type { Database } from "./database.ts";
import { epochMs } from "./sql-values.ts";

export interface ScheduleSlot {
  key: string;
  claimedBy: string;
  claimedAt: Date;
  doneAt: Date | null;
}

type Row = { key: string; claimed_by: string; claimed_ms: number; done_ms: number | null };

const COLUMNS = `key, claimed_by, ${epochMs("claimed_at", "claimed_ms")},
                 ${epochMs("done_at", "done_ms")}`;

const toSlot = (r: Row): ScheduleSlot => ({
  key: r.key,
  claimedBy: r.claimed_by,
  claimedAt: new Date(Number(r.claimed_ms)),
  doneAt: r.done_ms === null ? null : new Date(Number(r.done_ms)),
});

export function createScheduleSlotStore(db: Database) {
  const sql = db.sql;
  return {
    /** True for the one caller that created the slot; everyone else (a double firing, another instance) gets false. */
    async claim(key: string, by: string, at: Date): Promise<boolean> {
      const rows = await sql.query(
        `INSERT INTO schedule_slot (key, claimed_by, claimed_at) VALUES ($1, $2, $3::timestamp) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key, by, at.toISOString()],
      );
      return rows.length === 1;
    },

    async markDone(key: string, at: Date): Promise<void> {
      await sql.query(`UPDATE schedule_slot SET done_at = $2::timestamp WHERE key = $1 AND done_at IS NULL`, [key, at.toISOString()]);
    },

    async find(key: string): Promise<ScheduleSlot | null> {
      const [r] = await sql.query<Row>(`SELECT ${COLUMNS} FROM schedule_slot WHERE key = $1`, [key]);
      return r ? toSlot(r) : null;
    },

    /** Slots claimed whose fan-out never finished (the claimer died), oldest first, under a key prefix. */
    async unfinished(prefix: string): Promise<ScheduleSlot[]> {
      const rows = await sql.query<Row>(
        `SELECT ${COLUMNS} FROM schedule_slot WHERE done_at IS NULL AND starts_with(key, $1) ORDER BY claimed_at, key`,
        [prefix],
      );
      return rows.map(toSlot);
    },
  };
}

export type ScheduleSlotStore = ReturnType<typeof createScheduleSlotStore>;
