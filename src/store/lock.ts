// PGlite takes no lock on its data directory, and two processes writing it corrupt it: hold our own.
import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors.ts";

export interface DirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const heldHere = new Set<string>();

/** Exclusive lock on `dir` for this process; a lock left by a dead process is taken over. */
export function lockDataDir(dir: string): DirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.resolve(dir, "hailong.lock");
  if (heldHere.has(file)) {
    throw new AppError(
      "data_dir_locked",
      `The embedded database in ${path.resolve(dir)} is already open in this process (pid ${process.pid}).`,
    );
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      let released = false;
      heldHere.add(file);
      return {
        release() {
          if (released) return;
          released = true;
          heldHere.delete(file);
          try {
            if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
      if (Number.isFinite(pid) && pid !== process.pid && alive(pid)) {
        throw new AppError(
          "data_dir_locked",
          `The embedded database in ${path.resolve(dir)} is in use by another hailong process (pid ${pid}). ` +
            `The embedded default serves one process only: stop the other one, or set DATABASE_URL to a PostgreSQL server to run several. ` +
          `(While the service runs, other hailong commands go to it through ${path.join(path.resolve(dir), "admin.sock")}; a command that ` +
          `meets this lock ran beside another command, or before the service had finished starting: try again in a moment.)`,
        );
      }
      fs.rmSync(file, { force: true }); // stale: its owner died without releasing
    }
  }
  throw new AppError("data_dir_locked", `Could not lock ${path.resolve(dir)}`);
}
