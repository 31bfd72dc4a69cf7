// The official results shipped with hailong (src/results/seed/*.csv, copied from the sources cited in
// each row), loaded idempotently at start and by `hailong results seed`.
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../project-root.ts";
import { AppError } from "../errors.ts";
import type { Database } from "../store/database.ts";
import { importResultsCsv, type ImportReport } from "./import.ts";

export const SEED_DIR = path.join(PROJECT_ROOT, "src", "results", "seed");

export function seedFiles(): string[] {
  return fs
    .readdirSync(SEED_DIR)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((f) => path.join(SEED_DIR, f));
}

/**
 * Loads every shipped seed file; safe to call on every start: it adds rows that are missing, and details a
 * newer seed holds for a row it shipped before (never changing a row an operator imported or corrected).
 */
export async function seedOfficialResults(db: Database): Promise<ImportReport[]> {
  const reports: ImportReport[] = [];
  for (const file of seedFiles()) {
    const report = await importResultsCsv(db, fs.readFileSync(file, "utf8"), { mode: "fill" });
    if (!report.ok) {
      const first = report.fileErrors[0] ?? report.lines.find((l) => l.outcome === "error")?.errors?.join("; ");
      throw new AppError("validation", `Shipped seed ${path.basename(file)} is invalid: ${first}`);
    }
    reports.push(report);
  }
  return reports;
}
