// `npm run bench`: every benchmark under bench/, one after the other (they would skew each other), each
// printing its own figures. Pass names to run some: `npm run bench -- ingest`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = import.meta.dirname;
const all = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();
const wanted = process.argv.slice(2);
const chosen = wanted.length ? all.filter((b) => wanted.includes(b)) : all;
let failed = 0;
for (const b of chosen) {
  console.log(`\n=== bench/${b} ===`);
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, `${b}.ts`)], { stdio: "inherit", env: process.env });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
