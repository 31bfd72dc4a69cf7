// The folder that holds package.json, locales/ and prisma/: the files the service reads at run time are
// found from here, not from where the module that reads them happens to sit. From the sources (tsx) and from
// the one-file build in src/generated/ (what `npm start` and the image run) the modules sit at different
// depths, so a path like "../locales" would be right for one and wrong for the other.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; ) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "locales"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`hailong's files (package.json, locales/) are not in ${from} or any folder above it`);
    dir = up;
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
