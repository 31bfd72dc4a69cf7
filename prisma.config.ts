// Used only by the Prisma CLI (generate, migrate diff/status). The application applies migrations itself
// (src/store/migrate.ts), so no engine binary is ever downloaded or run.
import { defineConfig } from "prisma/config";

process.env.DATABASE_URL ??= "postgresql://hailong:hailong@127.0.0.1:5432/hailong";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
