// Start-up work that several instances must not do at the same moment (seeding shared rows: two Prisma
// transactions upserting the same rows in different orders deadlock). On PostgreSQL a transaction-scoped
// advisory lock, held on a connection of its own while `fn` runs on the others, makes the instances take
// turns; whoever comes second finds the work done. The embedded database is one process: nothing to wait for
// (and its one connection could not be held while `fn` uses it).
import type { Database } from "./database.ts";

/** Advisory lock keys of start-up steps (4242001 is the migrator's). */
export const STARTUP_LOCK = { seed: 4242002 } as const;

export async function oneInstanceAtATime<T>(db: Database, key: number, fn: () => Promise<T>): Promise<T> {
  if (db.kind !== "postgresql") return fn();
  return db.sql.exclusive(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [key]);
    return fn();
  });
}
