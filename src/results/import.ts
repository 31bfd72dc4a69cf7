// Importing official results from CSV: validate every row first; write nothing unless all rows are valid,
// then upsert them in one transaction (re-importing the same file changes nothing).
import type { Database } from "../store/database.ts";
import { createOfficialResultsStore, type UpsertOutcome } from "../store/official-results.ts";
import { readCsv } from "../csv.ts";
import { OFFICIAL_INDICES } from "./indices.ts";
import { OFFICIAL_UNITS } from "./units.ts";
import { checkResultRecords, type OfficialResultRow } from "./validate.ts";

export interface ImportLine {
  line: number;
  outcome: UpsertOutcome | "error";
  /** "SIPAS 20 2021" for good rows. */
  label?: string;
  errors?: string[];
}

export interface ImportReport {
  ok: boolean;
  fileErrors: string[];
  lines: ImportLine[];
  counts: Record<UpsertOutcome | "error", number>;
}

/** Makes sure the units and indices exist (idempotent); import and seed both start with it. */
export async function ensureReference(db: Database): Promise<void> {
  await createOfficialResultsStore(db).upsertReference(OFFICIAL_UNITS, OFFICIAL_INDICES);
}

/** overwrite false keeps existing rows untouched (used by the shipped seed). */
export async function importResultsCsv(db: Database, text: string, opts: { overwrite: boolean } = { overwrite: true }): Promise<ImportReport> {
  const store = createOfficialResultsStore(db);
  await ensureReference(db);
  const counts = { created: 0, updated: 0, unchanged: 0, error: 0 };
  let records;
  try {
    records = readCsv(text);
  } catch (e) {
    return { ok: false, fileErrors: [(e as Error).message], lines: [], counts };
  }
  const checked = checkResultRecords(records, await store.listUnits(), await store.listIndices());
  const bad = checked.rows.filter((r) => !r.ok).length;
  if (checked.fileErrors.length || bad > 0) {
    const lines: ImportLine[] = checked.rows.map((r) =>
      r.ok ? { line: r.line, outcome: "unchanged" as const, label: label(r.row), errors: [] } : { line: r.line, outcome: "error" as const, errors: r.errors },
    );
    // Nothing is written when any row is wrong, so good rows are reported as not imported.
    for (const l of lines) if (l.outcome !== "error") l.errors = ["not imported: the file has errors"];
    counts.error = bad;
    return { ok: false, fileErrors: checked.fileErrors, lines, counts };
  }
  const rows = checked.rows.map((r) => (r as { row: OfficialResultRow }).row);
  const outcomes = await store.upsertResults(rows, opts);
  const lines = checked.rows.map((r, i) => {
    const outcome = outcomes[i] as UpsertOutcome;
    counts[outcome]++;
    return { line: r.line, outcome, label: label(rows[i] as OfficialResultRow) };
  });
  return { ok: true, fileErrors: [], lines, counts };
}

function label(r: OfficialResultRow): string {
  return `${r.indexCode} ${r.unitCode} ${r.year}`;
}
