// A PostgreSQL cluster of the test's own, on its own port, so a fault test can stop and start it while the
// machine's server (the one test/helpers/databases.ts uses) stays up for every other suite.
//
// Debian's PostgreSQL 15 binaries (HAILONG_TEST_PG_BIN, default /usr/lib/postgresql/15/bin). The server
// refuses to run as root, so when the tests run as root it runs as the `postgres` account, its data in a
// temp dir that account owns. Locally, missing binaries skip the suite with a warning; under CI they fail.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./telegram-emulator.ts";

const run = promisify(execFile);
const BIN = process.env.HAILONG_TEST_PG_BIN ?? "/usr/lib/postgresql/15/bin";
const SERVER_USER = "postgres";

export interface PgCluster {
  port: number;
  /** A database URL on this cluster (database `postgres` unless named). */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  /** Stops the server fast (open connections are cut, as in a crash or a failover). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its files. */
  destroy(): Promise<void>;
}

/** Whether the binaries are here; throws under CI when they are not. */
export function pgClusterAvailable(): boolean {
  const ok = fs.existsSync(path.join(BIN, "initdb")) && fs.existsSync(path.join(BIN, "pg_ctl"));
  if (ok) return true;
  const why = `PostgreSQL binaries not found in ${BIN} (set HAILONG_TEST_PG_BIN)`;
  if (process.env.CI) throw new Error(`${why}: the fault tests need them`);
  console.warn(`[tests] ${why}; the database fault tests are skipped.`);
  return false;
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a server binary as the account the server accepts. */
function asServerUser(bin: string, args: string[]) {
  const file = path.join(BIN, bin);
  return asRoot ? run("runuser", ["-u", SERVER_USER, "--", file, ...args]) : run(file, args);
}

export async function startPgCluster(): Promise<PgCluster> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "hailong-pgcluster-"));
  const dataDir = path.join(root, "data");
  const socketDir = path.join(root, "sock");
  fs.mkdirSync(socketDir);
  if (asRoot) {
    const { stdout } = await run("id", ["-u", SERVER_USER]);
    const { stdout: gid } = await run("id", ["-g", SERVER_USER]);
    for (const p of [root, socketDir]) fs.chownSync(p, Number(stdout.trim()), Number(gid.trim()));
  }
  await asServerUser("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const port = await freePort();
  // fsync off: the faults here are the server going away, not the machine losing power.
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const logFile = path.join(root, "server.log");
  const start = async () => {
    await asServerUser("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", options, "-w", "-t", "30", "start"]);
  };
  const stop = async () => {
    await asServerUser("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "-t", "30", "stop"]);
  };
  await start();
  let running = true;
  const url = (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      if (running) await stop().catch(() => undefined);
      running = false;
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
