// Every `hailong` sub-command, listed explicitly.
import type { Command } from "./command.ts";
import { backupCommand, migrateCommand, restoreCommand } from "./db-commands.ts";
import { serveCommand } from "./serve.ts";

export const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  backup: backupCommand,
  restore: restoreCommand,
};
