import type { Database } from "./database.ts";

/** One round trip to the database: resolves when it answers, throws with the driver's message when not. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.sql.query("SELECT 1");
}
