// A `hailong` sub-command. Commands are listed explicitly in src/cli/commands.ts (no registration by import).
import os from "node:os";
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

/**
 * `run` for a command made of sub-commands (`hailong agencies import|list`): dispatches, and turns a missing,
 * unknown or malformed sub-command into the command's usage error (exit 2).
 */
export function subcommands(
  handlers: Record<string, (args: string[], ctx: CliContext) => Promise<number>>,
  usageError: (ctx: CliContext, message: string) => number,
  isUsageError: (e: unknown) => e is Error,
): Command["run"] {
  return async (argv, ctx) => {
    const [sub, ...rest] = argv;
    const handler = sub === undefined ? undefined : handlers[sub];
    try {
      if (handler && Object.hasOwn(handlers, sub!)) return await handler(rest, ctx);
      return usageError(ctx, sub ? `unknown sub-command "${sub}"` : "a sub-command is required");
    } catch (e) {
      if (isUsageError(e)) return usageError(ctx, e.message);
      throw e;
    }
  };
}

/**
 * The operator, as the audit log names them ("cli:<name>"): the login the shell reports (USER), else the OS
 * account. One answer for every command, so the same person is one actor in the log. A name for the record,
 * not a proof: whoever can run a command can reach the database anyway.
 */
export function cliOperator(env: Record<string, string | undefined>): string {
  let user = env.USER ?? env.LOGNAME ?? env.USERNAME;
  if (!user) {
    try {
      user = os.userInfo().username;
    } catch {
      // No passwd entry (some containers): "unknown" is still an actor the log can show.
    }
  }
  return `cli:${user || "unknown"}`;
}
