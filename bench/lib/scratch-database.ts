// Where a benchmark run keeps its data: a fresh PGlite directory, or a fresh database on a PostgreSQL
// server, created for the run and removed after it, so runs never see each other's rows.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface ScratchDatabase {
  kind: "embedded" | "postgresql";
  /** Environment for startService. */
  env: Record<string, string>;
  /** Human-readable location, for the report. */
  where: string;
  dispose(): Promise<void>;
}

/** `adminUrl` set: a new database on that server (its credentials must allow CREATE DATABASE). */
export async function createScratchDatabase(adminUrl: string | undefined): Promise<ScratchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hailong-bench-"));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (!adminUrl) {
    return { kind: "embedded", env: { HAILONG_DATA_DIR: dataDir }, where: `PGlite in ${dataDir}`, dispose: async () => removeDir() };
  }
  const name = `hailong_bench_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    kind: "postgresql",
    // The data dir is still set so nothing lands in ./data even if some path looks at it.
    env: { DATABASE_URL: u.toString(), HAILONG_DATA_DIR: dataDir },
    where: `PostgreSQL ${u.host}/${name}`,
    async dispose() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
      removeDir();
    },
  };
}
