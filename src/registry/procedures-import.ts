// `hailong procedures import`: procedure codes and names (vi, en), optionally with the responsible agency.
// Same contract as the agency import: all rows checked first, nothing written unless all are good.
import type { Database } from "../store/database.ts";
import { createAgencyStore } from "../store/agencies.ts";
import { createProcedureStore, type Procedure } from "../store/procedures.ts";
import { CODE_PATTERN, checkCodeAndNames, emptyCounts, readTable, type ImportReport } from "./table-csv.ts";

export const PROCEDURE_COLUMNS = { required: ["code", "name_vi"], optional: ["name_en", "agency_code"] } as const;

export async function importProceduresCsv(db: Database, text: string): Promise<ImportReport> {
  const counts = emptyCounts();
  const table = readTable(text, PROCEDURE_COLUMNS);
  if (!table.ok) return { ok: false, fileErrors: table.fileErrors, lines: [], counts };
  const agencies = new Set((await createAgencyStore(db).listAll()).map((a) => a.code));
  const firstLine = new Map<string, number>();
  const checked = table.rows.map((row) => {
    const v = row.values;
    const errors = checkCodeAndNames(row);
    const code = v.code ?? "";
    const earlier = firstLine.get(code);
    if (code && earlier !== undefined) errors.push(`code "${code}" is already on line ${earlier}`);
    else if (code) firstLine.set(code, row.line);
    const agencyCode = v.agency_code || null;
    if (agencyCode && !CODE_PATTERN.test(agencyCode)) errors.push(`agency_code "${agencyCode}" is not a valid code`);
    else if (agencyCode && !agencies.has(agencyCode)) errors.push(`agency_code "${agencyCode}" is not a known agency (import agencies first)`);
    const record: Procedure = { code, nameVi: v.name_vi ?? "", nameEn: v.name_en || null, agencyCode };
    return { line: row.line, code, errors, record };
  });
  counts.error = checked.filter((c) => c.errors.length).length;
  if (counts.error > 0) {
    const lines = checked.filter((c) => c.errors.length).map((c) => ({ line: c.line, code: c.code, outcome: "error" as const, errors: c.errors }));
    return { ok: false, fileErrors: [], lines, counts };
  }
  const outcomes = await createProcedureStore(db).upsertRegistry(checked.map((c) => c.record));
  const lines = checked.map((c, i) => {
    const outcome = outcomes[i] ?? "unchanged";
    counts[outcome]++;
    return { line: c.line, code: c.code, outcome };
  });
  return { ok: true, fileErrors: [], lines, counts };
}
