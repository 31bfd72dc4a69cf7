// Every `hailong` sub-command, listed explicitly.
import { agenciesCommand } from "./agencies.ts";
import type { Command } from "./command.ts";
import { backupCommand, migrateCommand, restoreCommand } from "./db-commands.ts";
import { dossiersCommand } from "./dossiers.ts";
import { indicesCommand } from "./indices.ts";
import { integrityCommand } from "./integrity.ts";
import { invitationsCommand } from "./invitations.ts";
import { proceduresCommand } from "./procedures.ts";
import { resultsCommand } from "./results.ts";
import { serveCommand } from "./serve.ts";
import { actionsCommand } from "./actions.ts";
import { announceCommand } from "./announce.ts";
import { auditCommand, inviteCommand, staffCommand } from "./staff.ts";

export const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  backup: backupCommand,
  restore: restoreCommand,
  indices: indicesCommand,
  integrity: integrityCommand,
  results: resultsCommand,
  agencies: agenciesCommand,
  procedures: proceduresCommand,
  invitations: invitationsCommand,
  dossiers: dossiersCommand,
  invite: inviteCommand,
  staff: staffCommand,
  audit: auditCommand,
  announce: announceCommand,
  actions: actionsCommand,
};
