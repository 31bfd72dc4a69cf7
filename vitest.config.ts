import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/build-bundle.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: PGlite and the emulators are CPU-heavy; a few files at a time keeps timings honest.
    maxWorkers: 2,
    pool: "forks",
  },
});
