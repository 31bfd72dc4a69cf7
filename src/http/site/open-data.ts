// The site's figures as open data (pure): CSV and JSON with the same rows as the pages, one row per agency
// and period. Machine formats: decimal point, two decimals, ISO dates; a withheld figure is an empty cell
// (CSV) or null (JSON), never a zero. The data dictionary page is generated from DICTIONARY.
import { roundTo } from "../../format.ts";
import { ELEMENTS, type Element } from "../../survey/types.ts";
import type { StoredResult } from "../../store/official-results.ts";
import { indexLabel } from "../../results/indices.ts";
import type { SiteAgency, SitePeriodFigures, SiteSnapshot } from "./model.ts";

/** Columns of indices.csv in order, each with the locale key (site.dict.<key>) of its explanation. */
export const INDICES_COLUMNS = [
  "agency_code",
  "agency_name_vi",
  "agency_name_en",
  "parent_code",
  "period",
  "first_day",
  "last_day",
  "finished",
  "responses",
  "sufficient",
  "index",
  "index_low",
  "index_high",
  ...ELEMENTS.flatMap((e) => [e, `${e}_low`, `${e}_high`]),
  "invited",
  "completed",
  "response_rate",
] as const;

// The registry's stated details follow the figure under the names the results import reads (src/results/validate.ts).
export const OFFICIAL_COLUMNS = [
  "index_code", "unit_code", "unit_name_vi", "unit_name_en", "year", "value", "rank", "rank_of", "grade",
  "value_change", "value_trend", "rank_change", "rank_trend", "sample_size", "sample_frame",
  "subindices_up", "subindices_down", "subindices_basis", "highest_since", "verification", "source_url",
] as const;

/** One entry per distinct meaning; element columns share theirs. */
export const DICTIONARY: { column: string; key: string }[] = [
  { column: "agency_code", key: "agency_code" },
  { column: "agency_name_vi, agency_name_en", key: "agency_name" },
  { column: "parent_code", key: "parent_code" },
  { column: "period, first_day, last_day", key: "period" },
  { column: "finished", key: "finished" },
  { column: "responses", key: "responses" },
  { column: "sufficient", key: "sufficient" },
  { column: "index, index_low, index_high", key: "index" },
  { column: ELEMENTS.join(", "), key: "elements" },
  { column: "<element>_low, <element>_high", key: "element_interval" },
  { column: "invited, completed, response_rate", key: "rates" },
  { column: "official-results: index_code, year, value, rank, rank_of, grade", key: "official" },
  { column: "value_change, value_trend, rank_change, rank_trend", key: "official_changes" },
  { column: "sample_size, sample_frame, subindices_up, subindices_down, subindices_basis, highest_since", key: "official_details" },
  { column: "verification, source_url", key: "verification" },
];

type Cell = string | number | boolean | null;

function csvCell(x: Cell): string {
  if (x === null) return "";
  const s = String(x);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: readonly string[], rows: Cell[][]): string {
  return [header.join(","), ...rows.map((r) => r.map(csvCell).join(","))].join("\r\n") + "\r\n";
}

const r2 = (x: number | null | undefined) => (x === null || x === undefined ? null : roundTo(x, 2));

function elementOf(f: SitePeriodFigures, e: Element) {
  const fig = f.elements.find((x) => x.element === e);
  return { value: r2(fig?.value), low: r2(fig?.low), high: r2(fig?.high), n: fig?.n ?? 0 };
}

function rowObject(a: SiteAgency, f: SitePeriodFigures) {
  return {
    agencyCode: a.code,
    agencyNameVi: a.name.vi,
    agencyNameEn: a.name.en,
    parentCode: a.parentCode,
    period: f.period.label,
    firstDay: f.period.firstDay,
    lastDay: f.period.lastDay,
    finished: f.finished,
    responses: f.responses,
    sufficient: f.overall.value !== null,
    index: { value: r2(f.overall.value), low: r2(f.overall.low), high: r2(f.overall.high) },
    elements: Object.fromEntries(ELEMENTS.map((e) => [e, elementOf(f, e)])) as Record<Element, ReturnType<typeof elementOf>>,
    responseRate: f.rates ? { invited: f.rates.invited, completed: f.rates.completed, rate: r2(f.rates.rate) } : null,
  };
}

export function indicesCsv(agencies: SiteAgency[]): string {
  const rows = agencies.flatMap((a) =>
    a.series.map((f) => {
      const o = rowObject(a, f);
      return [
        o.agencyCode,
        o.agencyNameVi,
        o.agencyNameEn,
        o.parentCode,
        o.period,
        o.firstDay,
        o.lastDay,
        o.finished,
        o.responses,
        o.sufficient,
        o.index.value,
        o.index.low,
        o.index.high,
        ...ELEMENTS.flatMap((e) => [o.elements[e].value, o.elements[e].low, o.elements[e].high]),
        o.responseRate?.invited ?? null,
        o.responseRate?.completed ?? null,
        o.responseRate?.rate ?? null,
      ];
    }),
  );
  return csv(INDICES_COLUMNS, rows);
}

export function indicesJson(s: SiteSnapshot, agencies: SiteAgency[]) {
  return {
    generatedAt: s.builtAt.toISOString(),
    minN: s.minN,
    scale: "percent of answers 4 or 5 on the 5-point scale; intervals are 95 % bootstrap intervals",
    periods: s.periods.map((p) => ({ label: p.label, firstDay: p.firstDay, lastDay: p.lastDay })),
    agencies: agencies.map((a) => ({
      code: a.code,
      nameVi: a.name.vi,
      nameEn: a.name.en,
      parentCode: a.parentCode,
      periods: a.series.map((f) => {
        const { agencyCode: _c, agencyNameVi: _v, agencyNameEn: _e, parentCode: _p, ...row } = rowObject(a, f);
        return row;
      }),
    })),
  };
}

function officialRow(r: StoredResult): Cell[] {
  return [
    r.indexCode, r.unitCode, r.unitNameVi, r.unitNameEn, r.year, r.value, r.rank, r.of, r.grade,
    r.valueChange, r.valueTrend, r.rankChange, r.rankTrend, r.sampleSize, r.sampleFrame,
    r.subUp, r.subDown, r.subBasis, r.highestSince, r.verification, r.sourceUrl,
  ];
}

export function officialCsv(results: StoredResult[]): string {
  return csv(OFFICIAL_COLUMNS, results.map(officialRow));
}

export function officialJson(s: SiteSnapshot) {
  return {
    generatedAt: s.builtAt.toISOString(),
    unit: s.province ? { code: s.province.code, nameVi: s.province.nameVi, nameEn: s.province.nameEn } : null,
    results: s.official.map((r) => ({
      index: indexLabel(r.indexCode),
      indexCode: r.indexCode,
      year: r.year,
      value: r.value,
      rank: r.rank,
      of: r.of,
      grade: r.grade,
      valueChange: r.valueChange,
      valueTrend: r.valueTrend,
      rankChange: r.rankChange,
      rankTrend: r.rankTrend,
      sampleSize: r.sampleSize,
      sampleFrame: r.sampleFrame,
      subindicesUp: r.subUp,
      subindicesDown: r.subDown,
      subindicesBasis: r.subBasis,
      highestSince: r.highestSince,
      verification: r.verification,
      sourceUrl: r.sourceUrl,
    })),
  };
}
