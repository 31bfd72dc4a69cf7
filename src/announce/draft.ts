// Drafting: a source (an official result, or an agency's index over a period) → the post in Vietnamese and
// English and its picture in each language. Every figure is read from the registry or computed from the
// answers here, never typed by a person. Reads only: nothing is written.
import type { Stores } from "../store/stores.ts";
import { renderDigestChart } from "../digest/chart.ts";
import { renderResultCard } from "../charts/result-card.ts";
import { buildDigest } from "../digest/build.ts";
import { AppError } from "../errors.ts";
import { createTranslator, type Translate } from "../i18n.ts";
import { computeIndices } from "../reports/indices-service.ts";
import { parseIndicesQuery } from "../indices/options.ts";
import { publicView } from "../indices/public-view.ts";
import { indexLabel, OFFICIAL_INDICES, partsOf, type OfficialIndexDef } from "../results/indices.ts";
import { selectIndices } from "../results/selection.ts";
import { averageUnitOf, OFFICIAL_UNITS, unitResolver, type OfficialUnitDef } from "../results/units.ts";
import type { Locale } from "../i18n.ts";
import type { Database } from "../store/database.ts";
import { publishable, reportText, withheldElements } from "./report-text.ts";
import { resultCardOf } from "./result-card-model.ts";
import { indexFacts, type IndexFacts, type ResultFacts } from "./result-facts.ts";
import { resultTexts } from "./result-text.ts";
import type { AnnouncementSource } from "./types.ts";

/** A value that reads differently per language (element names): the refusal text picks the reader's. */
export type Localised = Record<Locale, string>;
export type RefusalVars = Record<string, string | number | Localised>;

/** Why nothing can be drafted from a source; `reason` names the catalog message announce.refused.<reason>. */
export class DraftRefused extends AppError {
  constructor(
    readonly reason: "unknown_index" | "unknown_unit" | "no_result" | "unknown_agency" | "not_enough_data" | "element_not_enough" | "period_not_finished",
    readonly vars: RefusalVars,
    message: string,
  ) {
    super(["not_enough_data", "element_not_enough", "period_not_finished"].includes(reason) ? "validation" : "not_found", message, { reason, vars });
  }
}

export interface AnnouncementDraft<S extends AnnouncementSource = AnnouncementSource> {
  textVi: string;
  textEn: string;
  chartVi: Buffer;
  chartEn: Buffer;
  /** Canonical codes (the unit's GSO code, the index's registry code), as the announcement stores them. */
  source: S;
}

/** The registry's lists, or the shipped ones when the database was never seeded (a draft writes nothing). */
async function reference(src: DraftSources): Promise<{ indices: OfficialIndexDef[]; units: OfficialUnitDef[] }> {
  const store = src.stores.officialResults;
  const [indices, units] = await Promise.all([store.listIndices(), store.listUnits()]);
  return { indices: indices.length ? indices : OFFICIAL_INDICES, units: units.length ? units : OFFICIAL_UNITS };
}

const FIRST_YEAR = 2000;

/** What a draft reads: the registry's and agencies' stores, and the database the indices are computed on. */
export interface DraftSources {
  db: Database;
  stores: Pick<Stores, "officialResults" | "agencies">;
}

// "UBND tỉnh Lạng Sơn", "Ủy ban nhân dân thành phố Hà Nội": a province's own agency, named after the province.
const PROVINCE_AUTHORITY = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố|TP\.?)\s+(.+)$/iu;

/** The agency a typed code names: the code as registered, or the one registered code equal to it but for case. */
async function agencyByTypedCode(src: DraftSources, typed: string) {
  const agencies = src.stores.agencies;
  const code = typed.trim();
  return agencies.findByCode((await agencies.resolveCodes([code])).get(code) ?? code);
}

/**
 * A top-level agency of the registry that is a province's People's Committee ("LSN" → "UBND tỉnh Lạng Sơn")
 * stands for that province, so staff can name the province by the agency code they use every day.
 */
async function provinceOfAgency(src: DraftSources, code: string, units: OfficialUnitDef[]): Promise<OfficialUnitDef | undefined> {
  const agency = await agencyByTypedCode(src, code);
  const m = agency && agency.parentId === null ? PROVINCE_AUTHORITY.exec(agency.nameVi.normalize("NFC")) : null;
  return m ? unitResolver(units.filter((u) => u.kind === "province"))(m[1]!) : undefined;
}

/** The rows a post about one index needs: its series for the unit, its parts' rows, and the average's row. */
async function indexFactsOf(src: DraftSources, index: OfficialIndexDef, unit: OfficialUnitDef, year: number, indices: OfficialIndexDef[]): Promise<IndexFacts> {
  const store = src.stores.officialResults;
  const parts = partsOf(index, indices);
  const years = Array.from({ length: Math.max(0, year - FIRST_YEAR + 1) }, (_, i) => FIRST_YEAR + i);
  const rows = await store.find({ indexCode: [index.code, ...parts.map((p) => p.code)], years, unitCode: unit.code });
  const own = rows.filter((r) => r.indexCode === index.code);
  const current = own.find((r) => r.year === year);
  if (!current) {
    throw new DraftRefused(
      "no_result",
      { index: indexLabel(index.code), unit: unit.nameVi, year },
      `no ${index.code} result for ${unit.code} (${unit.nameEn}) in ${year}`,
    );
  }
  const averageCode = averageUnitOf(unit.kind);
  const average = averageCode ? ((await store.find({ indexCode: index.code, years: [year], unitCode: averageCode }))[0] ?? null) : null;
  return indexFacts({ current, own, parts: rows.filter((r) => r.indexCode !== index.code), average }, index, unit, parts);
}

/**
 * The post about official results: `unitCode` may be the GSO code ("20"), the slug ("lang-son"), the name
 * ("Lạng Sơn") or the code of the province's People's Committee in the agency registry ("LSN"); `indexCode`
 * the registry code ("SIPAS", "PAR_INDEX", "par index"), or several joined by "+" for one post about them
 * together ("PAR_INDEX+SIPAS").
 */
export async function draftFromOfficialResult(
  src: DraftSources,
  ref: { indexCode: string; unitCode: string; year: number },
  t: Translate = createTranslator(),
): Promise<AnnouncementDraft<Extract<AnnouncementSource, { kind: "official_result" }>>> {
  const { facts, indexCode } = await officialResultFacts(src, ref);
  const texts = resultTexts(facts, t);
  return {
    textVi: texts.vi,
    textEn: texts.en,
    chartVi: renderResultCard(resultCardOf(facts, "vi", t)),
    chartEn: renderResultCard(resultCardOf(facts, "en", t)),
    source: { kind: "official_result", indexCode, unitCode: facts.unit.code, year: ref.year },
  };
}

/** The facts of a post about official results (what draftFromOfficialResult words), with the canonical index code. */
export async function officialResultFacts(src: DraftSources, ref: { indexCode: string; unitCode: string; year: number }): Promise<{ facts: ResultFacts; indexCode: string }> {
  const { indices, units } = await reference(src);
  const chosen = selectIndices(ref.indexCode, indices);
  if (!chosen.ok) throw new DraftRefused("unknown_index", { index: chosen.unknown }, `unknown index "${chosen.unknown}"`);
  const unit = unitResolver(units)(ref.unitCode) ?? (await provinceOfAgency(src, ref.unitCode, units));
  if (!unit) throw new DraftRefused("unknown_unit", { unit: ref.unitCode }, `unknown unit "${ref.unitCode}"`);
  const facts: ResultFacts = { unit, year: ref.year, indices: [] };
  for (const index of chosen.selection.indices) facts.indices.push(await indexFactsOf(src, index, unit, ref.year, indices));
  return { facts, indexCode: chosen.selection.code };
}

export interface ReportDraftOptions {
  timeZone: string;
  minN: number;
  /** The service's clock: a period is published only once it is over. */
  now: () => Date;
  t?: Translate;
}

/** The post about an agency's index over a period ("2026-11", "2026-Q4", "2026-W48"), with its element chart. */
export async function draftFromIndexReport(
  src: DraftSources,
  ref: { agencyCode: string; period: string },
  opts: ReportDraftOptions,
): Promise<AnnouncementDraft<Extract<AnnouncementSource, { kind: "index_report" }>>> {
  const t = opts.t ?? createTranslator();
  const agency = await agencyByTypedCode(src, ref.agencyCode);
  if (!agency) throw new DraftRefused("unknown_agency", { agency: ref.agencyCode }, `unknown agency "${ref.agencyCode}"`);
  const query = parseIndicesQuery({ period: ref.period, agency: agency.code, by: "agency" }, { timeZone: opts.timeZone, minN: opts.minN, format: "json" });
  // A period still running has a figure that will change by tomorrow: a post would state what is not yet so.
  if (opts.now().getTime() < query.period.to.getTime()) {
    throw new DraftRefused(
      "period_not_finished",
      { agency: agency.nameVi, period: query.period.label, lastDay: query.period.lastDay },
      `${query.period.label} is not over yet (it ends with ${query.period.lastDay}): only finished periods are published`,
    );
  }
  const report = await computeIndices(src.db, query);
  const group = publicView(report).groups.find((g) => g.key === agency.code);
  if (group && group.overall.sufficient && withheldElements(group).length > 0) {
    const missing = withheldElements(group);
    const names = (l: Locale) => missing.map((e) => t(l, `element.${e}`)).join(", ");
    throw new DraftRefused(
      "element_not_enough",
      { agency: agency.nameVi, period: query.period.label, minN: opts.minN, elements: { vi: names("vi"), en: names("en") } },
      `${agency.code} has fewer than ${opts.minN} answers for ${missing.join(", ")} in ${query.period.label}: the overall, their mean, is withheld with them`,
    );
  }
  if (!group || !publishable(group)) {
    throw new DraftRefused(
      "not_enough_data",
      { agency: agency.nameVi, period: query.period.label, minN: opts.minN },
      `${agency.code} has fewer than ${opts.minN} responses in ${query.period.label}: its index is withheld`,
    );
  }
  const facts = (l: "vi" | "en") => ({
    agencyName: l === "en" && agency.nameEn ? agency.nameEn : agency.nameVi,
    period: query.period,
    previous: query.previous,
    minN: opts.minN,
    group,
  });
  // The digest's element chart, built from the same report (buildDigest withholds below the minimum n too).
  const chart = (l: "vi" | "en") =>
    renderDigestChart(buildDigest({ report, agencyKeys: [agency.code], comments: [], improvements: {} }, l), l, { agencyKey: agency.code, t });
  return {
    textVi: reportText(facts("vi"), "vi", t),
    textEn: reportText(facts("en"), "en", t),
    chartVi: chart("vi"),
    chartEn: chart("en"),
    source: { kind: "index_report", agencyCode: agency.code, period: query.period.label },
  };
}

/** Drafts again from a stored source (the picture of a post is redrawn when it is shown or published). */
export function draftFromSource(src: DraftSources, source: AnnouncementSource, opts: ReportDraftOptions): Promise<AnnouncementDraft> {
  if (source.kind === "official_result") return draftFromOfficialResult(src, source, opts.t);
  return draftFromIndexReport(src, source, opts);
}
