#!/usr/bin/env node
// The package's bin: loads the TypeScript CLI in this same process through tsx (no build step; same
// code as `npm run hailong`), so signals and exit codes are the CLI's own.
import { register } from "tsx/esm/api";

register();
const { runMain } = await import("../src/cli/main.ts");
await runMain();
