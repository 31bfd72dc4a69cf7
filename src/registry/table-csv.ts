// A registry CSV: a header row naming known columns, then one record per line. Shared by the agency and
// procedure imports, which only differ in their columns and checks.
import { readCsv } from "../csv.ts";
import { textFault } from "../text-input.ts";

export interface TableRow {
  line: number;
  values: Record<string, string>;
  /** Fields beyond the header's columns: usually an unquoted separator inside a name. */
  extra: number;
}

export type TableResult = { ok: true; rows: TableRow[] } | { ok: false; fileErrors: string[] };

/** Codes as the dossier API accepts them, so a registry code can always be sent by the centre's system. */
export const CODE_PATTERN = /^[\p{L}\p{N}._\-/]{1,64}$/u;
export const MAX_NAME = 300;

export function readTable(text: string, columns: { required: readonly string[]; optional: readonly string[] }): TableResult {
  let records;
  try {
    records = readCsv(text);
  } catch (e) {
    return { ok: false, fileErrors: [(e as Error).message] };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, fileErrors: [`the file is empty; the first line must name the columns: ${[...columns.required, ...columns.optional].join(",")}`] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const known = [...columns.required, ...columns.optional];
  const fileErrors: string[] = [];
  for (const [i, n] of names.entries()) {
    if (!known.includes(n)) fileErrors.push(`line ${header.line}: unknown column "${n}" (known: ${known.join(", ")})`);
    else if (names.indexOf(n) !== i) fileErrors.push(`line ${header.line}: column "${n}" appears twice`);
  }
  for (const r of columns.required) if (!names.includes(r)) fileErrors.push(`line ${header.line}: the required column "${r}" is missing`);
  if (fileErrors.length) return { ok: false, fileErrors };
  const rows = body.map((rec) => {
    const values: Record<string, string> = Object.fromEntries(known.map((k) => [k, ""]));
    names.forEach((n, i) => (values[n] = (rec.fields[i] ?? "").trim()));
    return { line: rec.line, values, extra: Math.max(0, rec.fields.length - names.length) };
  });
  return { ok: true, rows };
}

/** Common checks of a code and the names; returns reasons, empty when fine. */
export function checkCodeAndNames(row: TableRow, codeColumn = "code"): string[] {
  const v = row.values;
  const errors: string[] = [];
  if (row.extra) errors.push(`${row.extra} more field(s) than the header has columns (a separator inside a name needs "quotes")`);
  const code = v[codeColumn] ?? "";
  if (!code) errors.push(`${codeColumn} is empty`);
  else if (!CODE_PATTERN.test(code)) errors.push(`${codeColumn} "${code}" must be 1–64 letters, digits or . _ - /`);
  for (const col of ["name_vi", "name_en"]) {
    const s = v[col] ?? "";
    if (col === "name_vi" && !s) errors.push("name_vi is empty");
    if (s.length > MAX_NAME) errors.push(`${col} is longer than ${MAX_NAME} characters`);
    const fault = textFault(s, "line");
    if (fault !== undefined) errors.push(`${col} ${fault}`);
  }
  return errors;
}

export interface ImportLine {
  line: number;
  code: string;
  outcome: "created" | "updated" | "unchanged" | "error";
  errors?: string[];
}

export interface ImportReport {
  /** True when the file was valid and written; nothing is written otherwise. */
  ok: boolean;
  fileErrors: string[];
  lines: ImportLine[];
  counts: Record<ImportLine["outcome"], number>;
}

export function emptyCounts(): ImportReport["counts"] {
  return { created: 0, updated: 0, unchanged: 0, error: 0 };
}
