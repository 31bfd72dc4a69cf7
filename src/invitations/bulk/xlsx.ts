// Reads the first worksheet of an .xlsx workbook into records like the CSV reader's (line = sheet row),
// with exceljs (pure JavaScript, no native build). Cells keep their type where it matters: dates stay Date,
// numbers stay number (a phone typed as a number has lost its leading 0).
import type ExcelJS from "exceljs";

export type SheetCell = string | number | Date;

export interface SheetRecord {
  line: number;
  fields: SheetCell[];
}

function cellOf(v: ExcelJS.CellValue): SheetCell {
  if (v === null || v === undefined) return "";
  if (typeof v === "string" || typeof v === "number" || v instanceof Date) return v;
  if (typeof v === "boolean") return String(v);
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("hyperlink" in v) return v.text;
  if ("error" in v) return v.error;
  // A formula: its cached result, which is what the user sees in the cell.
  const r = v.result;
  if (r === undefined || r === null) return "";
  return typeof r === "object" && !(r instanceof Date) ? r.error : typeof r === "boolean" ? String(r) : r;
}

export async function readXlsx(data: Buffer): Promise<SheetRecord[]> {
  // Loaded on the first workbook, not at start: ~27 MB resident that most instances never use.
  const { Workbook } = (await import("exceljs")).default;
  const wb = new Workbook();
  // exceljs's typings name an older Buffer type than @types/node 20's; the bytes are what it reads.
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new SyntaxError("the workbook has no worksheet");
  const records: SheetRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    // row.values is 1-based (index 0 is empty) and sparse where cells are blank.
    const values = row.values as ExcelJS.CellValue[];
    const fields: SheetCell[] = [];
    for (let i = 1; i < values.length; i++) fields.push(cellOf(values[i]));
    if (fields.some((f) => f !== "" && !(typeof f === "string" && f.trim() === ""))) records.push({ line, fields });
  });
  return records;
}
