// `hailong agencies import`: the registry of agencies (province → department → commune) from CSV.
// Every row is checked first against the file and the database; nothing is written unless all rows are
// good, then all are upserted in one transaction, so re-importing the same file changes nothing.
import type { Database } from "../store/database.ts";
import { createAgencyStore, type AgencyRecord } from "../store/agencies.ts";
import { listQuestionnaires } from "../survey/questionnaires/index.ts";
import { checkCodeAndNames, emptyCounts, readTable, type ImportReport, type TableRow } from "./table-csv.ts";

export const AGENCY_COLUMNS = { required: ["code", "name_vi"], optional: ["name_en", "parent_code", "questionnaire_id"] } as const;

type Checked = { line: number; code: string; errors: string[]; record: AgencyRecord };

/**
 * The chain of parents from `start` that comes back to it, or undefined. `parentOf` is the tree as it
 * would be after the import: the database's parents overridden by the file's.
 */
function cycleFrom(start: string, parentOf: Map<string, string | null>): string[] | undefined {
  const path = [start];
  const seen = new Set(path);
  for (let code = parentOf.get(start); code; code = parentOf.get(code)) {
    path.push(code);
    if (code === start) return path;
    // A loop that does not pass through `start` is reported on its own rows.
    if (seen.has(code)) return undefined;
    seen.add(code);
  }
  return undefined;
}

export function checkAgencyRows(
  rows: TableRow[],
  ctx: { existing: { code: string; parentCode: string | null }[]; defaultQuestionnaire: string },
): Checked[] {
  const questionnaireIds = [...new Set(listQuestionnaires().map((q) => q.id))];
  const firstLine = new Map<string, number>();
  const inDatabase = new Set(ctx.existing.map((a) => a.code));
  const checked: Checked[] = rows.map((row) => {
    const v = row.values;
    const errors = checkCodeAndNames(row);
    const code = v.code ?? "";
    const earlier = firstLine.get(code);
    if (code && earlier !== undefined) errors.push(`code "${code}" is already on line ${earlier}`);
    else if (code) firstLine.set(code, row.line);
    const questionnaireId = v.questionnaire_id || ctx.defaultQuestionnaire;
    if (!questionnaireIds.includes(questionnaireId)) {
      errors.push(`unknown questionnaire_id "${questionnaireId}" (known: ${questionnaireIds.join(", ")})`);
    }
    const parentCode = v.parent_code || null;
    if (parentCode === code && code) errors.push("an agency cannot be its own parent");
    return { line: row.line, code, errors, record: { code, nameVi: v.name_vi ?? "", nameEn: v.name_en || null, parentCode, questionnaireId } };
  });
  for (const c of checked) {
    const parent = c.record.parentCode;
    if (parent && parent !== c.code && !firstLine.has(parent) && !inDatabase.has(parent)) {
      c.errors.push(`parent_code "${parent}" is neither in this file nor an existing agency`);
    }
  }
  const parentOf = new Map(ctx.existing.map((a) => [a.code, a.parentCode]));
  for (const c of checked) if (c.code && firstLine.get(c.code) === c.line) parentOf.set(c.code, c.record.parentCode);
  for (const c of checked) {
    if (c.errors.length || !c.record.parentCode) continue;
    const cycle = cycleFrom(c.code, parentOf);
    if (cycle) c.errors.push(`parent_code makes a cycle: ${cycle.join(" → ")}`);
  }
  return checked;
}

export async function importAgenciesCsv(db: Database, text: string, opts: { defaultQuestionnaire: string }): Promise<ImportReport> {
  const counts = emptyCounts();
  const table = readTable(text, AGENCY_COLUMNS);
  if (!table.ok) return { ok: false, fileErrors: table.fileErrors, lines: [], counts };
  const store = createAgencyStore(db);
  const all = await store.listAll();
  const codeOf = new Map(all.map((a) => [a.id, a.code]));
  const existing = all.map((a) => ({ code: a.code, parentCode: a.parentId === null ? null : (codeOf.get(a.parentId) ?? null) }));
  const checked = checkAgencyRows(table.rows, { existing, defaultQuestionnaire: opts.defaultQuestionnaire });
  counts.error = checked.filter((c) => c.errors.length).length;
  if (counts.error > 0) {
    const lines = checked.map((c) => ({ line: c.line, code: c.code, outcome: "error" as const, errors: c.errors }));
    return { ok: false, fileErrors: [], lines: lines.filter((l) => l.errors.length), counts };
  }
  const outcomes = await store.upsertRegistry(checked.map((c) => c.record));
  const lines = checked.map((c, i) => {
    const outcome = outcomes[i] ?? "unchanged";
    counts[outcome]++;
    return { line: c.line, code: c.code, outcome };
  });
  return { ok: true, fileErrors: [], lines, counts };
}
