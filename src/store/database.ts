// Opens the one database: the embedded default (PGlite under ./data, one process) or PostgreSQL.
import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { AppError } from "../errors.ts";
import { PrismaClient } from "../generated/prisma/client.ts";
import { lockDataDir, type DirLock } from "./lock.ts";
import { migrate } from "./migrate.ts";
import { countPGliteCalls } from "./pglite-queue.ts";
import { pgliteRunner, pgRunner, type SqlRunner } from "./sql.ts";

export type { PrismaClient };

/** Connections as /metrics reports them: a pg Pool's counts, or PGlite's one connection and its queue. */
export interface PoolStats {
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

export interface Database {
  readonly kind: "embedded" | "postgresql";
  readonly prisma: PrismaClient;
  readonly sql: SqlRunner;
  /** A restorable copy: a PGlite data-dir tarball (embedded) or an error telling to use pg_dump. */
  backup(file: string): Promise<void>;
  pool(): PoolStats;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export function embeddedPath(dataDir: string): string {
  return path.join(dataDir, "pgdata");
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl, opts.poolSize) : await openEmbedded(opts.dataDir);
  if (opts.migrate !== false) {
    try {
      await migrate(db.sql);
    } catch (e) {
      await db.close();
      throw new AppError("database", `Could not migrate the database: ${(e as Error).message}`);
    }
  }
  return db;
}

// PGlite's own start parameters (0.5.x), plus: new WAL segments are not filled with 16 MB of zeros first.
// In process that fill ran on the only thread and stalled every citizen for a few hundred ms per segment.
const PGLITE_START_PARAMS = [
  "--single", "-F", "-O", "-j",
  "-c", "search_path=public",
  "-c", "exit_on_error=false",
  "-c", "log_checkpoints=false",
  "-c", "max_worker_processes=0",
  "-c", "max_parallel_workers=0",
  "-c", "max_parallel_workers_per_gather=0",
  "-c", "io_method=sync",
  "-c", "max_parallel_maintenance_workers=0",
  "-c", "wal_init_zero=off",
  // PostgreSQL's 128 MB default is a server's; in process it was a third of the instance's memory for a
  // database that a single centre's years of answers keep small (bench:ingest: ~100 MB less resident, the
  // same answers/s). The operating system's page cache still holds the rest of the files.
  "-c", "shared_buffers=32MB",
];

/**
 * PGlite and its adapter are imported only when the embedded database is opened: loading its WASM build
 * costs ~40 MB of resident memory, which an instance on PostgreSQL would carry for nothing.
 */
const loadPglite = async () => {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
  return { PGlite, PrismaPGlite };
};

async function openEmbedded(dataDir: string): Promise<Database> {
  // Loaded before the lock is taken, so a failed import leaves no lock to release.
  const { PGlite, PrismaPGlite } = await loadPglite();
  const lock: DirLock = lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(embeddedPath(dataDir), { startParams: PGLITE_START_PARAMS });
  } catch (e) {
    lock.release();
    throw new AppError("database", `Could not open the embedded database in ${path.resolve(dataDir)}: ${(e as Error).message}`);
  }
  const counted = countPGliteCalls(pglite);
  // pglite-prisma-adapter 0.6.1 is typed against driver-adapter-utils 6.10; the runtime contract is the same.
  const adapter = new PrismaPGlite(counted.client) as unknown as SqlDriverAdapterFactory;
  // Prisma writes UTC into timestamp columns; raw SQL and column defaults must agree, whatever the host's zone.
  await pglite.exec("SET TIME ZONE 'UTC'");
  const prisma = new PrismaClient({ adapter });
  let closed = false;
  return {
    kind: "embedded",
    prisma,
    sql: pgliteRunner(counted.client),
    async backup(file) {
      // The running service takes backups too: flush its dirty pages first, so the copy needs no WAL replay.
      await pglite.exec("CHECKPOINT");
      const blob = await pglite.dumpDataDir("gzip");
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    },
    pool() {
      const n = counted.inFlight();
      return { total: 1, idle: n === 0 ? 1 : 0, waiting: Math.max(0, n - 1) };
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect().catch(() => undefined);
      await pglite.close().catch(() => undefined);
      lock.release();
    },
  };
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // Prisma writes UTC into timestamp columns; raw SQL and column defaults must agree, whatever the server's zone.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: "-c TimeZone=UTC" });
  pool.on("error", () => undefined); // idle-client errors surface on the next query instead of crashing
  try {
    await pool.query("SELECT 1");
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new AppError("database", `Could not connect to PostgreSQL (DATABASE_URL): ${(e as Error).message}`);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closed = false;
  return {
    kind: "postgresql",
    prisma,
    sql: pgRunner(pool),
    async backup() {
      throw new AppError("validation", "On PostgreSQL, back up with the server's own tools: pg_dump \"$DATABASE_URL\" > backup.sql");
    },
    pool() {
      return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}

/** The service's database, lent to one command: the command's close() must not close it under the service. */
export function lentDatabase(db: Database): Database {
  return { kind: db.kind, prisma: db.prisma, sql: db.sql, backup: (file) => db.backup(file), pool: () => db.pool(), close: async () => undefined };
}

/** Restores an embedded backup made by `backup()` into an empty data directory. */
export async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  const target = embeddedPath(dataDir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    throw new AppError("validation", `${path.resolve(target)} is not empty; restore into a new data directory.`);
  }
  const lock = lockDataDir(dataDir);
  try {
    const data = fs.readFileSync(file);
    const { PGlite } = await loadPglite();
    const pglite = await PGlite.create(target, { loadDataDir: new Blob([data]) });
    await pglite.close();
  } finally {
    lock.release();
  }
}
