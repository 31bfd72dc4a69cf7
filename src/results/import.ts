// Importing official results from CSV: validate every row first; write nothing unless all rows are valid,
// then upsert them in one transaction (re-importing the same file changes nothing). Rows that are valid but
// disagree with each other or with the registry (a rank the values do not allow, a stated change the year
// before contradicts) are imported as published and reported as warnings with their line.
import type { Database } from "../store/database.ts";
import { createOfficialResultsStore, type UpsertMode, type UpsertOutcome } from "../store/official-results.ts";
import { readCsv } from "../csv.ts";
import { consistencyWarnings, type Warning } from "./consistency.ts";
import { OFFICIAL_INDICES } from "./indices.ts";
import { OFFICIAL_UNITS } from "./units.ts";
import { checkResultRecords, type OfficialResultRow } from "./validate.ts";

export type { Warning } from "./consistency.ts";

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
  warnings: Warning[];
  counts: Record<UpsertOutcome | "error", number>;
}

/** Makes sure the units and indices exist (idempotent); import and seed both start with it. */
export async function ensureReference(db: Database): Promise<void> {
  await createOfficialResultsStore(db).upsertReference(OFFICIAL_UNITS, OFFICIAL_INDICES);
}

/** The registry's rows of the indices and years a file is about, and the years around them. */
async function heldAround(db: Database, rows: OfficialResultRow[]): Promise<OfficialResultRow[]> {
  const codes = [...new Set(rows.map((r) => r.indexCode))];
  const years = [...new Set(rows.flatMap((r) => [r.year - 1, r.year, r.year + 1]))];
  return codes.length ? createOfficialResultsStore(db).find({ indexCode: codes, years }) : [];
}

/** mode "fill" is the shipped seed's: it never changes a row an operator wrote (see UpsertMode). */
export async function importResultsCsv(db: Database, text: string, opts: { mode: UpsertMode } = { mode: "replace" }): Promise<ImportReport> {
  const store = createOfficialResultsStore(db);
  await ensureReference(db);
  const counts = { created: 0, updated: 0, unchanged: 0, error: 0 };
  let records;
  try {
    records = readCsv(text);
  } catch (e) {
    return { ok: false, fileErrors: [(e as Error).message], lines: [], warnings: [], counts };
  }
  const units = await store.listUnits();
  const checked = checkResultRecords(records, units, await store.listIndices());
  const bad = checked.rows.filter((r) => !r.ok).length;
  if (checked.fileErrors.length || bad > 0) {
    const lines: ImportLine[] = checked.rows.map((r) =>
      r.ok ? { line: r.line, outcome: "unchanged" as const, label: label(r.row), errors: [] } : { line: r.line, outcome: "error" as const, errors: r.errors },
    );
    // Nothing is written when any row is wrong, so good rows are reported as not imported.
    for (const l of lines) if (l.outcome !== "error") l.errors = ["not imported: the file has errors"];
    counts.error = bad;
    return { ok: false, fileErrors: checked.fileErrors, lines, warnings: [], counts };
  }
  const good = checked.rows.map((r) => r as { line: number; row: OfficialResultRow });
  const rows = good.map((r) => r.row);
  const warnings = consistencyWarnings(good, await heldAround(db, rows), units);
  const outcomes = await store.upsertResults(rows, opts.mode);
  const lines = checked.rows.map((r, i) => {
    const outcome = outcomes[i] as UpsertOutcome;
    counts[outcome]++;
    return { line: r.line, outcome, label: label(rows[i] as OfficialResultRow) };
  });
  return { ok: true, fileErrors: [], lines, warnings, counts };
}

function label(r: OfficialResultRow): string {
  return `${r.indexCode} ${r.unitCode} ${r.year}`;
}
