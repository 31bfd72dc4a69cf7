// Used only by the Prisma CLI (generate, migrate diff). The application applies migrations itself
// (src/store/migrate.ts), so no engine binary is ever downloaded or run.
// With DATABASE_URL unset the CLI talks to a throw-away in-memory PGlite, so `migrate diff` works with
// no database server at all (see README, "Changing the schema").
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { defineConfig } from "prisma/config";

const external = process.env.DATABASE_URL;
// The 6.x schema parser needs a well-formed URL even when an adapter is used.
process.env.DATABASE_URL ??= "postgresql://hailong:hailong@127.0.0.1:5432/hailong";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async (): Promise<SqlMigrationAwareDriverAdapterFactory> => {
    if (external) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: external });
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const pglite = new PGlite();
    const factory = new PrismaPGlite(pglite);
    // The adapter never closes PGlite, which would keep the CLI running forever.
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      async connect() {
        const adapter = await factory.connect();
        const dispose = adapter.dispose.bind(adapter);
        adapter.dispose = async () => {
          await dispose();
          await pglite.close();
        };
        return adapter;
      },
      connectToShadowDb: () => factory.connectToShadowDb(),
    } as unknown as SqlMigrationAwareDriverAdapterFactory;
  },
});
