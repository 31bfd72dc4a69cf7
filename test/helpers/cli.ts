// A throw-away data directory (and PostgreSQL database, on that engine) for CLI tests, and a `cli(...)`
// that runs one command in process and captures what it printed.
import fs from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { createPgDatabase, tempDir } from "./databases.ts";

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

export function cliSandbox(kind: "embedded" | "postgresql", extraEnv: Record<string, string> = {}) {
  const dataDir = tempDir();
  const env: Record<string, string> = { HAILONG_DATA_DIR: dataDir, LOG_LEVEL: "silent", ...extraEnv };
  let drop: (() => Promise<void>) | undefined;
  // Registered before the caller's own hooks, so DATABASE_URL is set when they run.
  beforeAll(async () => {
    if (kind === "postgresql") {
      const pg = await createPgDatabase();
      env.DATABASE_URL = pg.url;
      drop = pg.drop;
    }
  });
  afterAll(async () => {
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  async function cli(...argv: string[]): Promise<CliRun> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }
  return { dataDir, env, cli };
}
