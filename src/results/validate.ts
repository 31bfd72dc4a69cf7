// Validation of official-result rows (import files and the shipped seed): each row is checked on its own
// and against the others (one value per index, unit and year), and every problem names its line.
import { gradeOf, partsOf, type Grade, type OfficialIndexDef } from "./indices.ts";
import type { CsvRecord } from "../csv.ts";
import type { OfficialUnitDef } from "./units.ts";
import { unitResolver } from "./units.ts";
import { textFault } from "../text-input.ts";
import { countField, highestSinceField, intField, percentField, rankChangeField, valueChangeField } from "./fields.ts";
import { VERIFICATIONS, type OfficialResultRow, type PartsBasis } from "./row.ts";

export type { OfficialResultRow } from "./row.ts";
export { VERIFICATIONS } from "./row.ts";

export const RESULT_COLUMNS = [
  "index",
  "unit",
  "year",
  "value",
  "rank",
  "of",
  "group",
  "value_change",
  "rank_change",
  "sample_size",
  "sample_frame",
  "subindices_up",
  "subindices_down",
  "subindices_basis",
  "highest_since",
  "source_url",
  "verification",
  "note",
] as const;
const REQUIRED = ["index", "unit", "year", "source_url"] as const;
const BASES: Record<string, PartsBasis> = { score: "score", score_and_rank: "score_and_rank", "score and rank": "score_and_rank" };

export type RowCheck = { line: number; ok: true; row: OfficialResultRow } | { line: number; ok: false; errors: string[] };

export interface CheckedFile {
  /** Problems with the file as a whole (header). */
  fileErrors: string[];
  rows: RowCheck[];
}

function headerErrors(header: CsvRecord, names: string[]): string[] {
  const unknown = names.filter((n) => !(RESULT_COLUMNS as readonly string[]).includes(n));
  const missing = REQUIRED.filter((r) => !names.includes(r));
  return [
    ...(unknown.length ? [`line ${header.line}: unknown column(s) ${unknown.join(", ")}; expected ${RESULT_COLUMNS.join(",")}`] : []),
    ...(missing.length ? [`line ${header.line}: missing column(s) ${missing.join(", ")}`] : []),
  ];
}

function gradeField(raw: string, index: OfficialIndexDef | undefined, value: number | null, errors: string[]): Grade | null {
  const g = raw.toUpperCase();
  if (g === "") return index?.graded && value !== null ? gradeOf(value) : null;
  if (index && !index.graded) errors.push(`${index.code} has no groups`);
  else if (!["A", "B", "C"].includes(g)) errors.push(`group "${raw}" is not A, B or C`);
  else if (value !== null && gradeOf(value) !== g) errors.push(`group ${g} does not match value ${value} (A ≥ 90, B 80–<90, C < 80)`);
  else return g as Grade;
  return null;
}

/** The stated count of parts that rose and fell: only for an index that has parts, and no more than it has. */
function partsCounts(get: (n: string) => string, index: OfficialIndexDef | undefined, indices: OfficialIndexDef[], errors: string[]) {
  const up = intField(get("subindices_up"), "subindices_up", errors, 0, 100);
  const down = intField(get("subindices_down"), "subindices_down", errors, 0, 100);
  const rawBasis = get("subindices_basis").toLowerCase();
  let basis: PartsBasis | null = null;
  if (rawBasis !== "") {
    basis = BASES[rawBasis] ?? null;
    if (!basis) errors.push(`subindices_basis "${get("subindices_basis")}" is not score or score_and_rank`);
  }
  if (up === null && down === null) {
    if (rawBasis !== "") errors.push("subindices_basis needs subindices_up or subindices_down");
    return { subUp: null, subDown: null, subBasis: null };
  }
  const count = index ? partsOf(index, indices).length : 0;
  if (index && count === 0) errors.push(`${index.code} has no sub-indices to count`);
  else if ((up ?? 0) + (down ?? 0) > count) errors.push(`${(up ?? 0) + (down ?? 0)} sub-indices rose or fell, but ${index?.code} has ${count}`);
  return { subUp: up, subDown: down, subBasis: basis ?? "score" };
}

export function checkResultRecords(records: CsvRecord[], units: OfficialUnitDef[], indices: OfficialIndexDef[]): CheckedFile {
  const [header, ...body] = records;
  if (!header) return { fileErrors: ["the file is empty"], rows: [] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const fileErrors = headerErrors(header, names);
  if (fileErrors.length) return { fileErrors, rows: [] };
  const resolveUnit = unitResolver(units);
  const indexByCode = new Map(indices.map((i) => [i.code, i]));
  const seen = new Map<string, number>();
  const rows = body.map((rec): RowCheck => {
    const get = (name: string) => (names.includes(name) ? (rec.fields[names.indexOf(name)] ?? "").trim() : "");
    const errors: string[] = [];
    if (rec.fields.length !== names.length) errors.push(`has ${rec.fields.length} fields, the header has ${names.length}`);
    const index = indexByCode.get(get("index").toUpperCase());
    if (!index) errors.push(`unknown index "${get("index")}" (known: ${indices.map((i) => i.code).join(", ")})`);
    const unit = get("unit") === "" ? undefined : resolveUnit(get("unit"));
    if (!unit) errors.push(`unknown unit "${get("unit")}"`);
    const year = intField(get("year"), "year", errors, 1990, 2100);
    if (get("year") === "") errors.push("year is missing");
    const value = percentField(get("value"), "value", errors);
    const of = intField(get("of"), "of", errors, 1, 1000);
    const rank = intField(get("rank"), "rank", errors, 1, 1000);
    if (rank !== null && of === null && get("of") === "") errors.push("rank needs of (e.g. 31 of 63)");
    if (rank !== null && of !== null && rank > of) errors.push(`rank ${rank} is not within 1..${of}`);
    const valueChange = valueChangeField(get("value_change"), "value_change", errors);
    const rankChange = rankChangeField(get("rank_change"), "rank_change", errors);
    const stated = ["value", "rank", "value_change", "rank_change"].some((c) => get(c) !== "");
    if (!stated) errors.push("needs a value, a rank or a stated change");
    if (rankChange.change !== null && rank !== null && of !== null) {
      const before = rank + rankChange.change;
      if (before < 1 || before > of) errors.push(`rank_change ${get("rank_change")} puts the year before at ${before}, outside 1..${of}`);
    }
    if (valueChange.change !== null && value !== null && (value - valueChange.change < 0 || value - valueChange.change > 100)) {
      errors.push(`value_change ${get("value_change")} puts the year before outside 0–100`);
    }
    const grade = gradeField(get("group"), index, value, errors);
    const sampleSize = countField(get("sample_size"), "sample_size", errors);
    const sampleFrame = countField(get("sample_frame"), "sample_frame", errors);
    if (sampleFrame !== null && sampleSize === null && get("sample_size") === "") errors.push("sample_frame needs sample_size");
    if (sampleFrame !== null && sampleSize !== null && sampleSize > sampleFrame) errors.push(`sample_size ${sampleSize} is more than sample_frame ${sampleFrame}`);
    const parts = partsCounts(get, index, indices, errors);
    const highestSince = highestSinceField(get("highest_since"), year, errors);
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
        valueChange: valueChange.change,
        valueTrend: valueChange.trend,
        rankChange: rankChange.change,
        rankTrend: rankChange.trend,
        sampleSize,
        sampleFrame,
        ...parts,
        highestSince,
      },
    };
  });
  return { fileErrors, rows };
}
