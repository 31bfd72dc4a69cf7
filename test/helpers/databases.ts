// Every database test runs on both engines: the embedded default (a fresh PGlite directory) and a real
// PostgreSQL server (a fresh database created and dropped per test file, so runs never share data).
//
// HAILONG_TEST_PG_URL: an admin URL of the PostgreSQL server used to create those databases
// (default postgresql://postgres@127.0.0.1:5432/test). Locally, an unreachable server skips the
// PostgreSQL half with a warning; under CI (CI=true) it fails instead.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../../src/store/database.ts";

export const TEST_PG_ADMIN_URL = process.env.HAILONG_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export interface TestDatabase {
  kind: "embedded" | "postgresql";
  db: Database;
  /** What a second process (or a restarted service) needs to open the same data. */
  databaseUrl?: string;
  dataDir: string;
  /** Close and remove everything. */
  dispose(): Promise<void>;
}

export function tempDir(prefix = "hailong-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

let pgAvailable: Promise<boolean> | undefined;

export function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return true;
    } catch (e) {
      if (process.env.CI) throw new Error(`PostgreSQL for tests is not reachable at ${TEST_PG_ADMIN_URL}: ${(e as Error).message}`);
      console.warn(`[tests] PostgreSQL not reachable at ${TEST_PG_ADMIN_URL}; PostgreSQL variants are skipped.`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return pgAvailable;
}

/** Creates an empty PostgreSQL database and returns its URL and a dropper. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hailong_t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(TEST_PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function openTestDatabase(kind: "embedded" | "postgresql"): Promise<TestDatabase> {
  const dataDir = tempDir();
  if (kind === "embedded") {
    const db = await openDatabase({ dataDir });
    return {
      kind,
      db,
      dataDir,
      async dispose() {
        await db.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const created = await createPgDatabase();
  const db = await openDatabase({ databaseUrl: created.url, dataDir, poolSize: 5 });
  return {
    kind,
    db,
    databaseUrl: created.url,
    dataDir,
    async dispose() {
      await db.close();
      await created.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The engines to run a database suite on: `describe.each(await databaseKinds())(...)`.
 * Always the embedded default; PostgreSQL when reachable (always under CI).
 */
export async function databaseKinds(): Promise<("embedded" | "postgresql")[]> {
  return (await postgresAvailable()) ? ["embedded", "postgresql"] : ["embedded"];
}
