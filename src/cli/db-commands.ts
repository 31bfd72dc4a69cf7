// `hailong migrate`, `hailong backup FILE`, `hailong restore FILE`.
import path from "node:path";
import { restoreEmbedded } from "../store/database.ts";
import type { Command } from "./command.ts";

export const migrateCommand: Command = {
  summary: "apply pending database migrations (also done at every start)",
  usage: "hailong migrate",
  async run(_argv, ctx) {
    const db = await ctx.openDatabase();
    await db.close();
    ctx.out(`Database is up to date (${db.kind}).`);
    return 0;
  },
};

export const backupCommand: Command = {
  summary: "write a restorable copy of the embedded database to FILE",
  usage: "hailong backup FILE   (stop the service first: the embedded database serves one process)",
  async run(argv, ctx) {
    const file = argv[0];
    if (!file) {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    const db = await ctx.openDatabase();
    try {
      await db.backup(file);
    } finally {
      await db.close();
    }
    ctx.out(`Backup written to ${path.resolve(file)}. Restore with: hailong restore ${file} (into an empty data directory).`);
    return 0;
  },
};

export const restoreCommand: Command = {
  summary: "restore an embedded backup into an empty data directory",
  usage: "hailong restore FILE   (HAILONG_DATA_DIR chooses the target, default ./data)",
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
    await restoreEmbedded(file, ctx.config.dataDir);
    ctx.out(`Restored into ${path.resolve(ctx.config.dataDir)}.`);
    return 0;
  },
};
