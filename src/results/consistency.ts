// What an import says about rows that are each valid but do not agree with the others: a published rank the
// table's values do not allow (rank-check.ts), and a stated change the year before's row contradicts. The
// rows are imported as published all the same (the registry holds what was printed); the report names the
// line, so whoever typed the file can check it against the source. Rows already in the registry take part,
// so a year imported on its own is checked against the years and units held. Pure.
import { statedVersusRegistry } from "./changes.ts";
import { checkRanks, type RankedRow } from "./rank-check.ts";
import type { OfficialResultRow } from "./row.ts";
import type { OfficialUnitDef } from "./units.ts";

export interface Warning {
  /** The file's line, or null for a row already in the registry. */
  line: number | null;
  message: string;
}

interface Placed extends RankedRow {
  row: OfficialResultRow;
  line: number | null;
}

const key = (r: Pick<OfficialResultRow, "indexCode" | "unitCode" | "year">) => `${r.indexCode}|${r.unitCode}|${r.year}`;

function label(r: OfficialResultRow, line: number | null, names: Map<string, string>): string {
  const name = names.get(r.unitCode) ?? r.unitCode;
  return line === null ? `${name} (registry)` : `${name} (line ${line})`;
}

function rankMessage(d: ReturnType<typeof checkRanks<Placed>>[number]): string {
  const r = d.row.row;
  const shown = [...d.against].sort((a, b) => (b.value as number) - (a.value as number)).slice(0, 3);
  const more = d.against.length > 3 ? ` and ${d.against.length - 3} more` : "";
  const crossed = shown.length ? `ranked against the order of ${shown.map((a) => `${a.label} ${a.value}, rank ${a.rank}`).join("; ")}${more}` : "";
  if (d.kind === "order") return `rank ${r.rank} does not agree with the values: ${r.value} is ${crossed}`;
  const allowed = d.lowest === d.highest ? `${d.lowest}` : `${d.lowest}–${d.highest}`;
  const where = d.full ? `the full table of ${d.row.of ?? ""} puts ${r.value} at ${allowed}` : `the values held allow ${allowed} for ${r.value}`;
  return `rank ${r.rank} does not agree with the values: ${where}${crossed ? `; ${crossed}` : ""}`;
}

/**
 * `file` are the import's good rows with their lines; `held` the registry's rows of the same indices (any
 * years); `units` name the rows in messages and say which are ranked together (provinces, ministries).
 */
export function consistencyWarnings(file: { line: number; row: OfficialResultRow }[], held: OfficialResultRow[], units: OfficialUnitDef[]): Warning[] {
  const names = new Map(units.map((u) => [u.code, u.nameVi]));
  const kind = new Map(units.map((u) => [u.code, u.kind]));
  const merged = new Map<string, { row: OfficialResultRow; line: number | null }>();
  for (const row of held) merged.set(key(row), { row, line: null });
  for (const f of file) merged.set(key(f.row), { row: f.row, line: f.line });
  const warnings: Warning[] = [];

  // Ranks: every table (index, year, kind of unit) the file touches, aggregates aside (they have no rank).
  const tables = new Map<string, Placed[]>();
  for (const { row, line } of merged.values()) {
    const k = kind.get(row.unitCode);
    if (k !== "province" && k !== "ministry") continue;
    const t = `${row.indexCode}|${row.year}|${k}`;
    const list = tables.get(t) ?? [];
    list.push({ row, line, label: label(row, line, names), value: row.value, rank: row.rank, of: row.of });
    tables.set(t, list);
  }
  const touched = new Set(file.map((f) => `${f.row.indexCode}|${f.row.year}|${kind.get(f.row.unitCode)}`));
  for (const [t, table] of tables) {
    if (!touched.has(t)) continue;
    for (const d of checkRanks(table)) warnings.push({ line: d.row.line, message: rankMessage(d) });
  }

  // Stated changes against the year before, both ways: a file row's own statement, and a held row's
  // statement about a year the file brings.
  for (const { row, line } of merged.values()) {
    const before = merged.get(key({ ...row, year: row.year - 1 }));
    if (!before || (line === null && before.line === null)) continue;
    for (const message of statedVersusRegistry(row, before.row)) {
      warnings.push({ line: line ?? before.line, message: line === null ? `the registry's ${row.year} row: ${message}` : message });
    }
  }
  return warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
