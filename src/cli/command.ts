// A `hailong` sub-command. Commands are listed explicitly in src/cli/commands.ts (no registration by import).
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Database } from "../store/database.ts";

export interface CliIO {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CliContext extends CliIO {
  config: Config;
  logger: Logger;
  /** Opens (and migrates) the configured database; the caller closes it. */
  openDatabase(): Promise<Database>;
}

export interface Command {
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[], ctx: CliContext): Promise<number>;
}

/** Opens the configured database for one command and always closes it, whatever `fn` does. */
export async function withDatabase<T>(ctx: Pick<CliContext, "openDatabase">, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await ctx.openDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
