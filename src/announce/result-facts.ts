// The facts a post about an official result may state, gathered from the registry's rows and nothing else:
// the figures, the change on the year before (stated by the source or computed, and marked which), a record
// when the series shows one, the parts that rose and fell, the sample and the national average. Pure.
import { yearOnYear, type YearOnYear } from "../results/changes.ts";
import type { OfficialIndexDef } from "../results/indices.ts";
import { comparableRows, history, methodStart, recordOf, type SeriesRecord } from "../results/series.ts";
import { partsFacts, type PartsFacts } from "../results/subindices.ts";
import type { OfficialUnitDef } from "../results/units.ts";
import type { StoredResult } from "../store/official-results.ts";

export interface AverageFact {
  name: { vi: string; en: string };
  value: number;
  sourceUrl: string;
}

export interface IndexFacts {
  index: OfficialIndexDef;
  unit: OfficialUnitDef;
  year: number;
  value: number | null;
  rank: number | null;
  of: number | null;
  grade: string | null;
  sourceUrl: string;
  /** Against the year before, when the source states it or the registry holds that year with the same method. */
  change: YearOnYear | null;
  /** The method changed this year: no comparison with earlier years. */
  newMethod: boolean;
  record: SeriesRecord | null;
  parts: PartsFacts | null;
  sample: { size: number; frame: number | null } | null;
  /** The average of the units this one is ranked among (63 provinces, the ministries), same index and year. */
  average: AverageFact | null;
  /** The years of this index and unit with a value, measured with the current method, for the card's line. */
  history: { year: number; value: number }[];
}

/** One post: one index, or several of the same unit and year together. */
export interface ResultFacts {
  unit: OfficialUnitDef;
  year: number;
  indices: IndexFacts[];
}

export interface IndexRows {
  current: StoredResult;
  /** This index's rows for the unit, any years. */
  own: readonly StoredResult[];
  /** Its parts' rows for the unit (the year and the year before are used). */
  parts: readonly StoredResult[];
  average: StoredResult | null;
}

export function indexFacts(rows: IndexRows, index: OfficialIndexDef, unit: OfficialUnitDef, parts: readonly OfficialIndexDef[]): IndexFacts {
  const c = rows.current;
  const start = methodStart(index, rows.own, c.year);
  const comparable = comparableRows(index, rows.own, c.year);
  const before = comparable.find((r) => r.year === c.year - 1) ?? null;
  const canCompare = start < c.year;
  const avg = rows.average;
  return {
    index,
    unit,
    year: c.year,
    value: c.value,
    rank: c.rank,
    of: c.of,
    grade: c.grade,
    sourceUrl: c.sourceUrl,
    change: yearOnYear(c, before, canCompare),
    newMethod: start === c.year,
    record: recordOf(c, comparable),
    parts: partsFacts(c, parts, rows.parts, canCompare),
    sample: c.sampleSize === null ? null : { size: c.sampleSize, frame: c.sampleFrame },
    average: avg && avg.value !== null && avg.unitCode !== c.unitCode ? { name: { vi: avg.unitNameVi, en: avg.unitNameEn }, value: avg.value, sourceUrl: avg.sourceUrl } : null,
    history: history(comparable),
  };
}
