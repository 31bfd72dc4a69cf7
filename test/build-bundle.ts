// vitest global setup: builds the one-file service (src/generated/hailong.mjs) once per run, so the tests
// that start `hailong serve` as a process run exactly what `npm start` and the image run, from this tree.
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "..");
  execFileSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
}
