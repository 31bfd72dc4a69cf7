// A `hailong` sub-command. Commands are listed explicitly in src/cli/commands.ts (no registration by import).
import os from "node:os";
import path from "node:path";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Database } from "../store/database.ts";

export interface CliIO {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  /**
   * The operator's working directory, against which file arguments are read and written. Not always this
   * process's: a command run inside the service for a CLI on the same machine gets the CLI's.
   */
  cwd?: string;
  /** The operator's terminal on stderr, for a redrawn progress bar; absent when stderr is not one. */
  errTty?: { write(s: string): unknown; columns?: number };
}

/** What a command runs on when the running service executes it: the service's own config and database. */
export interface CliHost {
  config: Config;
  logger: Logger;
  db: Database;
  /** The bot's username as the service learnt it from Telegram, when TELEGRAM_BOT_USERNAME does not say it. */
  telegramUsername?: () => string | undefined;
}

/** Runs one command line (the same table and handlers as the `hailong` command) on a host. */
export type RunCommand = (argv: string[], io: CliIO, host: CliHost) => Promise<number>;

export interface CliContext extends CliIO {
  config: Config;
  logger: Logger;
  /** Opens (and migrates) the configured database; the caller closes it. */
  openDatabase(): Promise<Database>;
  /** For `serve`: runs commands sent by the CLI inside the service (the table lists serve, so it cannot import it). */
  runCommand?: RunCommand;
}

/**
 * What a command does when its embedded database is held by a running service: by default it is sent to the
 * service and runs there; "local" runs it in this process anyway (it fails on the lock if it opens the
 * database); a `refuse` reason is printed instead, for commands that cannot run beside the service.
 */
export type WhileServiceRuns = "route" | "local" | { refuse: string };

export interface Command {
  summary: string;
  usage: string;
  whileServiceRuns?: WhileServiceRuns;
  /** Returns the process exit code. */
  run(argv: string[], ctx: CliContext): Promise<number>;
}

/** A file argument as the operator meant it: relative to their working directory. */
export function operatorPath(ctx: Pick<CliIO, "cwd">, file: string): string {
  return path.resolve(ctx.cwd ?? process.cwd(), file);
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
