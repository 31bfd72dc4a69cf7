// Provider deliveries already handled, so a redelivered update changes nothing.
import type { Database } from "./database.ts";

export function createProcessedStore(db: Database) {
  return {
    /** Records the key; false when it was already there (a redelivery). */
    async claim(key: string): Promise<boolean> {
      const rows = await db.sql.query<{ key: string }>(
        `INSERT INTO processed_update (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key`,
        [key],
      );
      return rows.length === 1;
    },
    async seen(key: string): Promise<boolean> {
      const rows = await db.sql.query(`SELECT 1 FROM processed_update WHERE key = $1`, [key]);
      return rows.length > 0;
    },
    /** Forgets keys older than the providers' redelivery horizon (Telegram keeps updates for 24 h). */
    async prune(olderThan: Date): Promise<number> {
      const rows = await db.sql.query(`DELETE FROM processed_update WHERE created_at < $1 RETURNING 1`, [olderThan]);
      return rows.length;
    },
  };
}

export type ProcessedStore = ReturnType<typeof createProcessedStore>;
