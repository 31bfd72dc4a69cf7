// A generated dossier export for the bulk-import tests: N rows, every 50th one broken in one of six ways,
// written as CSV (';' + BOM, as Excel in Vietnam saves it) or as XLSX with exceljs.
import ExcelJS from "exceljs";

export const HEADER = ["dossier_code", "agency_code", "completed_at", "agency_name", "procedure_code", "procedure_name", "locale", "phone"];

export type BrokenKind = "missing field" | "bad date" | "unknown agency" | "duplicate code" | "bad locale" | "over-long value";
const KINDS: BrokenKind[] = ["missing field", "bad date", "unknown agency", "duplicate code", "bad locale", "over-long value"];

/** What the report must say about a broken row: the column and a piece of the reason. */
export const EXPECTED: Record<BrokenKind, { column: string; reason: RegExp }> = {
  "missing field": { column: "agency_code", reason: /is required/ },
  "bad date": { column: "completed_at", reason: /"31\/02\/2026" is not a date/ },
  "unknown agency": { column: "agency_code", reason: /unknown agency "ZZ-\d+"; give agency_name/ },
  "duplicate code": { column: "dossier_code", reason: /is already on line \d+/ },
  "bad locale": { column: "locale", reason: /.+/ },
  "over-long value": { column: "procedure_name", reason: /300/ },
};

export interface GeneratedRows {
  rows: string[][];
  /** Sheet/file line (header = line 1) → what is wrong with it. */
  broken: Map<number, BrokenKind>;
  good: number;
}

export function generateRows(n: number): GeneratedRows {
  const rows: string[][] = [];
  const broken = new Map<number, BrokenKind>();
  for (let i = 0; i < n; i++) {
    const agency = `A${String(i % 30).padStart(2, "0")}`;
    const day = (i % 28) + 1;
    const completed = i % 2 ? `${String(day).padStart(2, "0")}/11/2026 09:${String(i % 60).padStart(2, "0")}` : `2026-11-${String(day).padStart(2, "0")}T10:00:00+07:00`;
    const row = [`HS-${String(i).padStart(6, "0")}`, agency, completed, Math.floor(i / 30) % 3 === 0 ? `UBND xã số ${i % 30}, huyện Hữu Lũng` : "", "1.001193", "Đăng ký khai sinh", i % 5 ? "vi" : "en", i % 7 === 0 ? "0912345678" : ""];
    if (i % 50 === 7) {
      const kind = KINDS[Math.floor(i / 50) % KINDS.length] as BrokenKind;
      broken.set(i + 2, kind);
      if (kind === "missing field") row[1] = "";
      if (kind === "bad date") row[2] = "31/02/2026";
      if (kind === "unknown agency") [row[1], row[3]] = [`ZZ-${i}`, ""];
      if (kind === "duplicate code") row[0] = `HS-${String(i - 1).padStart(6, "0")}`;
      if (kind === "bad locale") row[6] = "fr";
      if (kind === "over-long value") row[5] = "Đ".repeat(301);
    }
    rows.push(row);
  }
  return { rows, broken, good: n - broken.size };
}

function csvField(v: string): string {
  return /[;",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(rows: string[][], sep: ";" | "," = ";"): string {
  return `\uFEFF${[HEADER, ...rows].map((r) => r.map(csvField).join(sep)).join("\r\n")}\r\n`;
}

export async function toXlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Hồ sơ");
  ws.addRow(HEADER);
  // As a spreadsheet holds them: local times as date cells (wall time in the UTC fields), phones as numbers.
  for (const r of rows) {
    const dmy = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(r[2] ?? "");
    const date = dmy ? new Date(Date.UTC(+dmy[3]!, +dmy[2]! - 1, +dmy[1]!, +dmy[4]!, +dmy[5]!)) : r[2];
    const phone = r[7] ? Number(r[7]) : "";
    ws.addRow([...r.slice(0, 2), date, ...r.slice(3, 7), phone]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
