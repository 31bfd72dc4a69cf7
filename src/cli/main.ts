// The `hailong` command line: `npm run hailong -- <command>` or the package's bin.
import { loadConfig } from "../config.ts";
import { isAppError } from "../errors.ts";
import { createLogger } from "../logger.ts";
import { openDatabase } from "../store/database.ts";
import type { CliIO } from "./command.ts";
import { commands } from "./commands.ts";

function help(io: CliIO): void {
  io.out("usage: hailong <command> [options]\n");
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  for (const [name, c] of Object.entries(commands)) io.out(`  ${name.padEnd(width)}  ${c.summary}`);
  io.out("\nRun `hailong <command> --help` for a command's options.");
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    help(io);
    return name ? 0 : 2;
  }
  const command = commands[name];
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
    const config = loadConfig(io.env);
    const logger = createLogger({ level: name === "serve" ? config.logLevel : (io.env.LOG_LEVEL ?? "warn") });
    return await command.run(rest, {
      ...io,
      config,
      logger,
      openDatabase: () => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
    });
  } catch (e) {
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
  process.exitCode = await runCli(process.argv.slice(2), {
    env: process.env,
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  });
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) await runMain();
