// Validation of official-result rows (import files and the shipped seed): each row is checked on its own
// and against the others (one value per index, unit and year), and every problem names its line.
import { gradeOf, type Grade, type OfficialIndexDef } from "./indices.ts";
import type { CsvRecord } from "../csv.ts";
import type { OfficialUnitDef } from "./units.ts";
import { unitResolver } from "./units.ts";
import { textFault } from "../text-input.ts";

export const RESULT_COLUMNS = ["index", "unit", "year", "value", "rank", "of", "group", "source_url", "verification", "note"] as const;
const REQUIRED = ["index", "unit", "year", "source_url"] as const;
export const VERIFICATIONS = ["verified", "secondary", "inferred"] as const;

export interface OfficialResultRow {
  indexCode: string;
  unitCode: string;
  year: number;
  /** Percent with at most two decimals, or null when only the rank was published. */
  value: number | null;
  rank: number | null;
  of: number | null;
  grade: Grade | null;
  sourceUrl: string;
  verification: (typeof VERIFICATIONS)[number];
  note: string | null;
}

export type RowCheck = { line: number; ok: true; row: OfficialResultRow } | { line: number; ok: false; errors: string[] };

export interface CheckedFile {
  /** Problems with the file as a whole (header). */
  fileErrors: string[];
  rows: RowCheck[];
}

function intField(raw: string, name: string, errors: string[], min: number, max: number): number | null {
  if (raw === "") return null;
  if (!/^\d+$/.test(raw)) {
    errors.push(`${name} "${raw}" is not a whole number`);
    return null;
  }
  const n = Number(raw);
  if (n < min || n > max) {
    errors.push(`${name} ${n} is outside ${min}–${max}`);
    return null;
  }
  return n;
}

export function checkResultRecords(records: CsvRecord[], units: OfficialUnitDef[], indices: OfficialIndexDef[]): CheckedFile {
  const [header, ...body] = records;
  if (!header) return { fileErrors: ["the file is empty"], rows: [] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const unknown = names.filter((n) => !(RESULT_COLUMNS as readonly string[]).includes(n));
  const missing = REQUIRED.filter((r) => !names.includes(r));
  const fileErrors = [
    ...(unknown.length ? [`line ${header.line}: unknown column(s) ${unknown.join(", ")}; expected ${RESULT_COLUMNS.join(",")}`] : []),
    ...(missing.length ? [`line ${header.line}: missing column(s) ${missing.join(", ")}`] : []),
  ];
  if (fileErrors.length) return { fileErrors, rows: [] };
  const resolveUnit = unitResolver(units);
  const indexByCode = new Map(indices.map((i) => [i.code, i]));
  const seen = new Map<string, number>();
  const rows = body.map((rec): RowCheck => {
    const get = (name: string) => (rec.fields[names.indexOf(name)] ?? "").trim();
    const errors: string[] = [];
    if (rec.fields.length !== names.length) errors.push(`has ${rec.fields.length} fields, the header has ${names.length}`);
    const index = indexByCode.get(get("index").toUpperCase());
    if (!index) errors.push(`unknown index "${get("index")}" (known: ${indices.map((i) => i.code).join(", ")})`);
    const unit = get("unit") === "" ? undefined : resolveUnit(get("unit"));
    if (!unit) errors.push(`unknown unit "${get("unit")}"`);
    const year = intField(get("year"), "year", errors, 1990, 2100);
    if (get("year") === "") errors.push("year is missing");
    let value: number | null = null;
    // A file saved by Excel in Vietnamese settings writes the decimal mark as a comma ("87,07").
    const rawValue = get("value").replace(/%$/, "").trim().replace(",", ".");
    if (rawValue !== "") {
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(rawValue)) errors.push(`value "${get("value")}" is not a percentage with at most two decimals`);
      else if (Number(rawValue) > 100) errors.push(`value ${rawValue} is above 100`);
      else value = Number(rawValue);
    }
    const of = intField(get("of"), "of", errors, 1, 1000);
    const rank = intField(get("rank"), "rank", errors, 1, 1000);
    if (rank !== null && of === null && get("of") === "") errors.push("rank needs of (e.g. 31 of 63)");
    if (rank !== null && of !== null && rank > of) errors.push(`rank ${rank} is not within 1..${of}`);
    if (get("value") === "" && get("rank") === "") errors.push("needs a value or a rank");
    let grade: Grade | null = null;
    const rawGroup = get("group").toUpperCase();
    if (rawGroup !== "") {
      if (index && !index.graded) errors.push(`${index.code} has no groups`);
      else if (!["A", "B", "C"].includes(rawGroup)) errors.push(`group "${get("group")}" is not A, B or C`);
      else if (value !== null && gradeOf(value) !== rawGroup) errors.push(`group ${rawGroup} does not match value ${value} (A ≥ 90, B 80–<90, C < 80)`);
      else grade = rawGroup as Grade;
    } else if (index?.graded && value !== null) grade = gradeOf(value);
    const sourceUrl = get("source_url");
    if (!/^https?:\/\/\S+$/.test(sourceUrl)) errors.push(sourceUrl === "" ? "source_url is missing" : `source_url "${sourceUrl}" is not an http(s) URL`);
    const urlFault = sourceUrl === "" ? undefined : textFault(sourceUrl, "line");
    if (urlFault) errors.push(`source_url ${urlFault}`);
    const noteFault = textFault(get("note"));
    if (noteFault) errors.push(`note ${noteFault}`);
    const verification = (get("verification") || "verified").toLowerCase();
    if (!(VERIFICATIONS as readonly string[]).includes(verification)) errors.push(`verification "${verification}" is not one of ${VERIFICATIONS.join(", ")}`);
    if (index && unit && year !== null) {
      const key = `${index.code}|${unit.code}|${year}`;
      const first = seen.get(key);
      if (first !== undefined) errors.push(`${index.code} ${unit.code} ${year} was already given on line ${first}`);
      else seen.set(key, rec.line);
    }
    if (errors.length || !index || !unit || year === null) return { line: rec.line, ok: false, errors };
    return {
      line: rec.line,
      ok: true,
      row: {
        indexCode: index.code,
        unitCode: unit.code,
        year,
        value,
        rank,
        of,
        grade,
        sourceUrl,
        verification: verification as OfficialResultRow["verification"],
        note: get("note") || null,
      },
    };
  });
  return { fileErrors, rows };
}
