// The raw driver's insert rate on the run's own engine, measured in the same run as the service, so the
// service's figures can be read as a ratio to what the database alone does on this machine at this moment.
// Two shapes: a loop of autocommit single-row INSERTs (one round trip and one commit per row, the floor
// cost of one durable write), and multi-row INSERTs of BATCH rows (what group commit can reach at best).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export interface RawRates {
  driver: "pg" | "PGlite";
  /** Rows per second, one autocommit INSERT per row. */
  loop: number;
  /** Rows per second, BATCH rows per INSERT. */
  batch: number;
  batchSize: number;
}

interface Runner {
  exec(sql: string): Promise<unknown>;
  query(sql: string, params: unknown[]): Promise<unknown>;
}

const TABLE = `CREATE TABLE bench_raw (id bigserial PRIMARY KEY, response_id text NOT NULL, item_id text NOT NULL,
  score int, text text, answered_at timestamptz NOT NULL DEFAULT now(), UNIQUE (response_id, item_id))`;
const BATCH = 50;

async function measure(r: Runner, rows: number): Promise<{ loop: number; batch: number }> {
  await r.exec(TABLE);
  try {
    const one = (tag: string, i: number) => r.query(`INSERT INTO bench_raw (response_id, item_id, score) VALUES ($1, $2, $3)`, [`${tag}-${i >> 3}`, `q${i & 7}`, (i % 5) + 1]);
    for (let i = 0; i < Math.min(200, rows); i++) await one("warm", i);
    let t0 = performance.now();
    for (let i = 0; i < rows; i++) await one("loop", i);
    const loop = (rows / (performance.now() - t0)) * 1000;

    const values = Array.from({ length: BATCH }, (_, k) => `($${3 * k + 1}, $${3 * k + 2}, $${3 * k + 3})`).join(", ");
    const many = `INSERT INTO bench_raw (response_id, item_id, score) VALUES ${values}`;
    const batches = Math.max(1, Math.ceil(rows / BATCH));
    t0 = performance.now();
    for (let b = 0; b < batches; b++) {
      const params: unknown[] = [];
      for (let k = 0; k < BATCH; k++) {
        const i = b * BATCH + k;
        params.push(`batch-${i >> 3}`, `q${i & 7}`, (i % 5) + 1);
      }
      await r.query(many, params);
    }
    const batch = ((batches * BATCH) / (performance.now() - t0)) * 1000;
    return { loop, batch };
  } finally {
    await r.exec(`DROP TABLE bench_raw`);
  }
}

/** Through `pg` on the run's database, one connection. */
export async function rawPgRates(url: string, rows: number): Promise<RawRates> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await measure({ exec: (s) => client.query(s), query: (s, p) => client.query(s, p) }, rows);
    return { driver: "pg", ...r, batchSize: BATCH };
  } finally {
    await client.end();
  }
}

/**
 * Through PGlite in this process, in a fresh directory, started as src/store/database.ts starts it (the
 * WAL-fill setting matters: without it each new segment stalls the thread for hundreds of ms).
 */
export async function rawPgliteRates(rows: number): Promise<RawRates> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hailong-bench-raw-"));
  const db = await PGlite.create(dir, {
    startParams: ["--single", "-F", "-O", "-j", "-c", "search_path=public", "-c", "exit_on_error=false", "-c", "io_method=sync", "-c", "wal_init_zero=off"],
  });
  try {
    const r = await measure({ exec: (s) => db.exec(s), query: (s, p) => db.query(s, p) }, rows);
    return { driver: "PGlite", ...r, batchSize: BATCH };
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
