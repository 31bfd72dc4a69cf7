#!/usr/bin/env node
// One-file builds, with one set of esbuild options: the service that `npm start` and the image run
// (`node bin/build.mjs`), and anything else that must run as the service does, such as bench:ingest's
// instances (`node bin/build.mjs <entry.ts> <outfile.mjs> --no-sourcemap`). Packages stay external: the
// image installs them, and Prisma's client and PGlite's WASM must be loaded from their own folders.
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith("--"));
const unknown = args.filter((a) => a.startsWith("--") && a !== "--no-sourcemap");
if (unknown.length > 0 || (positional.length !== 0 && positional.length !== 2)) {
  console.error("usage: node bin/build.mjs [<entry.ts> <outfile.mjs>] [--no-sourcemap]");
  process.exit(2);
}
const [entry, outfile] = positional.length === 2 ? positional : ["src/cli/main.ts", "src/generated/hailong.mjs"];

await build({
  entryPoints: [path.resolve(root, entry)],
  outfile: path.resolve(root, outfile),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: !args.includes("--no-sourcemap"),
  logLevel: "warning",
}).catch(() => process.exit(1));
