// The `hailong` command line: `npm run hailong -- <command>` or the package's bin.
import { loadConfig, type Config } from "../config.ts";
import { isAppError } from "../errors.ts";
import { createLogger, type Logger } from "../logger.ts";
import { lentDatabase, openDatabase, type Database } from "../store/database.ts";
import type { CliHost, CliIO, Command } from "./command.ts";
import { commands } from "./commands.ts";
import { connectToService, ServiceUnreachable } from "./remote.ts";
import { quietWriter } from "./stdio.ts";

function help(io: CliIO): void {
  io.out("usage: hailong <command> [options]\n");
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  for (const [name, c] of Object.entries(commands)) io.out(`  ${name.padEnd(width)}  ${c.summary}`);
  io.out("\nRun `hailong <command> --help` for a command's options.");
}

/**
 * On the embedded database, a running service owns it: the command goes to the service's admin endpoint and
 * runs there. Undefined when no service answers (the command runs here), else the exit code.
 */
async function runInRunningService(name: string, command: Command, argv: string[], io: CliIO, config: Config): Promise<number | undefined> {
  const policy = command.whileServiceRuns ?? "route";
  if (config.databaseUrl || policy === "local") return undefined;
  const service = await connectToService(config.dataDir);
  if (!service) return undefined;
  if (policy !== "route") {
    service.close();
    io.err(`hailong ${name}: ${policy.refuse}`);
    return 1;
  }
  return service.run(argv, io);
}

/**
 * Runs one command line. Without `host`, as the `hailong` process: on its own configuration and database, or
 * inside the running service when that holds the embedded database. With `host`, inside the service itself.
 */
export async function runCli(argv: string[], io: CliIO, host?: CliHost): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    help(io);
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`Unknown command "${name}".`);
    help(io);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    let config: Config;
    let logger: Logger;
    let open: () => Promise<Database>;
    if (host) {
      const learnt = host.config.telegram && !host.config.telegram.username ? host.telegramUsername?.() : undefined;
      config = learnt ? { ...host.config, telegram: { ...host.config.telegram!, username: learnt } } : host.config;
      logger = host.logger.child({ cli: name });
      open = async () => lentDatabase(host.db);
    } else {
      config = loadConfig(io.env);
      const routed = await runInRunningService(name, command, argv, io, config);
      if (routed !== undefined) return routed;
      logger = createLogger({
        level: name === "serve" ? config.logLevel : (io.env.LOG_LEVEL ?? "warn"),
        format: config.logFormat,
        production: config.production,
      });
      open = () => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    }
    return await command.run(rest, { ...io, config, logger, openDatabase: open, runCommand: (a, i, h) => runCli(a, i, h) });
  } catch (e) {
    if (e instanceof ServiceUnreachable) {
      io.err(e.message);
      return 1;
    }
    if (isAppError(e)) {
      io.err(e.message);
      return e.code === "config_invalid" || e.code === "validation" ? 2 : 1;
    }
    io.err(`hailong ${name} failed: ${(e as Error)?.stack ?? String(e)}`);
    return 1;
  }
}

/** Runs the CLI on this process's argv and environment, setting the exit code. */
export async function runMain(): Promise<void> {
  const err = quietWriter(process.stderr);
  const out = quietWriter(process.stdout, err);
  const code = await runCli(process.argv.slice(2), {
    env: process.env,
    out,
    err,
    // `npm run hailong` runs in the package's directory; the operator's own is where npm was started.
    cwd: process.env.npm_lifecycle_event === "hailong" && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd(),
    errTty: process.stderr.isTTY ? process.stderr : undefined,
  });
  process.exitCode = out.failure() || err.failure() ? Math.max(code, 1) : code;
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) await runMain();
