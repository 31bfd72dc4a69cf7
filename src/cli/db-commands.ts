// `hailong migrate`, `hailong backup FILE`, `hailong restore FILE`.
import path from "node:path";
import { restoreEmbedded } from "../store/database.ts";
import { operatorPath, type Command } from "./command.ts";

export const migrateCommand: Command = {
  summary: "apply pending database migrations (also done at every start)",
  usage: "hailong migrate",
  // The running service applied its own migrations when it started; migrations of newer code must not be
  // applied under a service whose code expects the old schema.
  whileServiceRuns: {
    refuse:
      "the service is running on this embedded database and applied its migrations when it started. " +
      "To apply the migrations of newer code, restart the service with that code (it migrates at start), " +
      "or stop it and run hailong migrate.",
  },
  async run(_argv, ctx) {
    const db = await ctx.openDatabase();
    await db.close();
    ctx.out(`Database is up to date (${db.kind}).`);
    return 0;
  },
};

export const backupCommand: Command = {
  summary: "write a restorable copy of the embedded database to FILE",
  usage: "hailong backup FILE   (works while the service runs: the service writes the copy)",
  async run(argv, ctx) {
    const file = argv[0];
    if (!file) {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    const target = operatorPath(ctx, file);
    const db = await ctx.openDatabase();
    try {
      await db.backup(target);
    } finally {
      await db.close();
    }
    ctx.out(`Backup written to ${target}. Restore with: hailong restore ${file} (into an empty data directory).`);
    return 0;
  },
};

export const restoreCommand: Command = {
  summary: "restore an embedded backup into an empty data directory",
  usage: "hailong restore FILE   (HAILONG_DATA_DIR chooses the target, default ./data)",
  whileServiceRuns: {
    refuse:
      "a service is running on this data directory, and restore writes only into an empty one. Either restore " +
      "into a new directory (HAILONG_DATA_DIR=./data-restored hailong restore FILE), stop the service and start it " +
      "with HAILONG_DATA_DIR pointing there; or stop the service, move its data directory aside, restore, and start it again.",
  },
  async run(argv, ctx) {
    const file = argv[0];
    if (!file) {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    if (ctx.config.databaseUrl) {
      ctx.err("DATABASE_URL is set: restore PostgreSQL with psql or pg_restore instead.");
      return 2;
    }
    await restoreEmbedded(operatorPath(ctx, file), ctx.config.dataDir);
    ctx.out(`Restored into ${path.resolve(ctx.config.dataDir)}.`);
    return 0;
  },
};
