// A dossier file (CSV or XLSX) → bulk items: a header row naming the columns below, then one dossier per row.
// Column names are the API's fields in snake_case, so reports can name the column the operator has to fix.
import fs from "node:fs";
import path from "node:path";
import { readCsv } from "../../csv.ts";
import { DEFAULT_TIME_ZONE } from "../../time-zone.ts";
import { DATE_FORMATS, toIsoTimestamp } from "./local-time.ts";
import type { BulkItem, FieldError } from "./validate.ts";
import { readXlsx, type SheetCell, type SheetRecord } from "./xlsx.ts";

/** Column → payload path, in the order the README documents them. */
export const DOSSIER_COLUMNS = {
  dossier_code: "dossierCode",
  agency_code: "agencyCode",
  completed_at: "completedAt",
  agency_name: "agencyName",
  procedure_code: "procedureCode",
  procedure_name: "procedureName",
  locale: "locale",
  zalo_user_id: "contact.zaloUserId",
  phone: "contact.phone",
} as const;

type Column = keyof typeof DOSSIER_COLUMNS;
export const REQUIRED_COLUMNS: readonly Column[] = ["dossier_code", "agency_code", "completed_at"];
const PATH_TO_COLUMN = new Map<string, string>(Object.entries(DOSSIER_COLUMNS).map(([c, p]) => [p, c]));

/** The column a payload path came from ("contact" as a whole is the pair zalo_user_id/phone). */
export function columnOf(payloadPath: string): string {
  if (payloadPath === "contact") return "zalo_user_id/phone";
  return PATH_TO_COLUMN.get(payloadPath) ?? payloadPath;
}

export type DossierFile = { ok: true; items: BulkItem[] } | { ok: false; fileErrors: string[] };

function text(cell: SheetCell | undefined, column: Column): string {
  if (cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString();
  // Spreadsheets drop the leading 0 of a phone typed as a number (912345678 for 0912345678).
  if (typeof cell === "number" && column === "phone" && /^\d{9}$/.test(String(cell))) return `0${cell}`;
  return String(cell).trim();
}

function toItem(rec: SheetRecord, columns: (Column | undefined)[], timeZone: string): BulkItem {
  const input: Record<string, unknown> = {};
  const contact: Record<string, string> = {};
  const preErrors: FieldError[] = [];
  const extra = rec.fields.length - columns.length;
  if (extra > 0 && rec.fields.slice(columns.length).some((f) => text(f, "dossier_code") !== "")) {
    preErrors.push({ field: "(row)", reason: `${extra} more field(s) than the header has columns (a separator inside a value needs "quotes")` });
  }
  columns.forEach((column, i) => {
    if (!column) return;
    const cell = rec.fields[i];
    if (column === "completed_at" && cell instanceof Date) {
      input.completedAt = toIsoTimestamp(cell, timeZone);
      return;
    }
    const value = text(cell, column);
    if (value === "") return;
    const target = DOSSIER_COLUMNS[column];
    if (column === "completed_at") {
      const iso = toIsoTimestamp(value, timeZone);
      if (iso) input.completedAt = iso;
      else preErrors.push({ field: target, reason: `"${value}" is not a date in one of ${DATE_FORMATS} (${timeZone} time)` });
    } else if (target.startsWith("contact.")) contact[target.slice("contact.".length)] = value;
    else input[target] = value;
  });
  if (Object.keys(contact).length) input.contact = contact;
  return { ref: rec.line, input, ...(preErrors.length ? { preErrors } : {}) };
}

/** Header checks: unknown or repeated columns and missing required ones are file errors (nothing is imported). */
function readHeader(header: SheetRecord): { columns: (Column | undefined)[]; errors: string[] } {
  const names = header.fields.map((f) => String(f).trim().toLowerCase());
  const known = Object.keys(DOSSIER_COLUMNS);
  const errors: string[] = [];
  const columns = names.map((n, i): Column | undefined => {
    if (n === "") return undefined;
    if (!known.includes(n)) errors.push(`line ${header.line}: unknown column "${n}" (known: ${known.join(", ")})`);
    else if (names.indexOf(n) !== i) errors.push(`line ${header.line}: column "${n}" appears twice`);
    else return n as Column;
    return undefined;
  });
  for (const r of REQUIRED_COLUMNS) if (!names.includes(r)) errors.push(`line ${header.line}: the required column "${r}" is missing`);
  return { columns, errors };
}

/** `timeZone` is where a completed_at without an offset was written: TZ_DISPLAY. */
export function recordsToItems(records: SheetRecord[], timeZone: string = DEFAULT_TIME_ZONE): DossierFile {
  const [header, ...body] = records;
  if (!header) return { ok: false, fileErrors: [`the file is empty; the first row must name the columns: ${Object.keys(DOSSIER_COLUMNS).join(",")}`] };
  const { columns, errors } = readHeader(header);
  if (errors.length) return { ok: false, fileErrors: errors };
  return { ok: true, items: body.map((rec) => toItem(rec, columns, timeZone)) };
}

export function csvToItems(data: Buffer, timeZone: string = DEFAULT_TIME_ZONE): DossierFile {
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return { ok: false, fileErrors: ["the file is not UTF-8; in Excel save it as \"CSV UTF-8 (Comma delimited)\""] };
  }
  try {
    return recordsToItems(readCsv(content), timeZone);
  } catch (e) {
    return { ok: false, fileErrors: [(e as Error).message] };
  }
}

/** Reads FILE.csv or FILE.xlsx (by extension); zone-less completion times are in `timeZone`. */
export async function readDossierFile(file: string, timeZone: string): Promise<DossierFile> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== ".csv" && ext !== ".xlsx") return { ok: false, fileErrors: ["the file must be .csv or .xlsx"] };
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, fileErrors: [`cannot read the file: ${(e as Error).message}`] };
  }
  if (ext === ".csv") return csvToItems(data, timeZone);
  try {
    return recordsToItems(await readXlsx(data), timeZone);
  } catch (e) {
    return { ok: false, fileErrors: [`not a readable .xlsx workbook: ${(e as Error).message}`] };
  }
}
