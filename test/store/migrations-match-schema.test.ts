// The committed migrations must build exactly the database that prisma/schema.prisma describes: a migration
// forgotten after a schema edit (or edited by hand) fails here, not on a centre's server.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { migrate } from "../../src/store/migrate.ts";
import { pgliteRunner, type SqlRunner } from "../../src/store/sql.ts";
import { tempDir } from "../helpers/databases.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _unused, ...rest } = env;
  return rest;
}

function schemaSql(): string {
  const dummy = path.join(tempDir(), "no-engine");
  fs.writeFileSync(dummy, "");
  return execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules/prisma/build/index.js"), "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    {
      cwd: ROOT,
      encoding: "utf8",
      // The CLI never runs an engine here, but looks for one unless these point at a file.
      env: { ...withoutDatabaseUrl(process.env), PRISMA_QUERY_ENGINE_LIBRARY: dummy, PRISMA_SCHEMA_ENGINE_BINARY: dummy },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

async function shape(db: SqlRunner) {
  const columns = await db.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
  );
  const indexes = await db.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
  );
  const constraints = await db.query(
    `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"') ORDER BY conname`,
  );
  return { columns, indexes, constraints };
}

describe("migrations match prisma/schema.prisma", () => {
  const opened: PGlite[] = [];
  afterAll(async () => {
    for (const p of opened) await p.close();
  });

  it("builds the same tables, columns, indexes and constraints", async () => {
    const fromMigrations = await PGlite.create();
    const fromSchema = await PGlite.create();
    opened.push(fromMigrations, fromSchema);
    await migrate(pgliteRunner(fromMigrations));
    await fromSchema.exec(schemaSql());
    expect(await shape(pgliteRunner(fromMigrations))).toEqual(await shape(pgliteRunner(fromSchema)));
  });
});
