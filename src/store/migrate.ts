// Applies prisma/migrations/*/migration.sql at start, offline, on PGlite and PostgreSQL alike.
// Bookkeeping uses Prisma's own _prisma_migrations table so `prisma migrate status` agrees with us.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../project-root.ts";
import type { SqlRunner } from "./sql.ts";

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "migrations");

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Returns the names of the migrations applied by this call. */
export async function migrate(db: SqlRunner, migrations = readMigrations()): Promise<string[]> {
  return db.exclusive(async (tx) => {
    // Several PostgreSQL instances may start together: one migrates, the others wait.
    await tx.query("SELECT pg_advisory_xact_lock(4242001)");
    await tx.query(BOOKKEEPING);
    const done = await tx.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(done.map((r) => [r.migration_name, r.checksum]));
    const ran: string[] = [];
    for (const m of migrations) {
      const prev = applied.get(m.name);
      if (prev !== undefined) {
        if (prev !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied; restore the committed file.`);
        }
        continue;
      }
      await tx.exec(m.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
        [crypto.randomUUID(), m.checksum, m.name],
      );
      ran.push(m.name);
    }
    return ran;
  });
}

/** The committed migrations this database has not (fully) applied; readiness waits for none. */
export async function pendingMigrations(database: { sql: SqlRunner }, migrations: Migration[] = readMigrations()): Promise<string[]> {
  const db = database.sql;
  const [table] = await db.query<{ name: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS name`);
  if (!table?.name) return migrations.map((m) => m.name);
  const done = await db.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(done.map((r) => r.migration_name));
  return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
}
