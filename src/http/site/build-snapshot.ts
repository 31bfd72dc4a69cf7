// Builds the site's snapshot: one indices report per period (the same computation as the API and the
// digests), withheld for publication, plus the province's official results, the published posts and the
// approved feedback actions.
import type { Stores } from "../../store/stores.ts";
import { computeIndices } from "../../reports/indices-service.ts";
import type { IndicesQuery } from "../../indices/options.ts";
import { previousPeriod, type Period } from "../../indices/period.ts";
import { publicView } from "../../indices/public-view.ts";
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from "../../indices/report.ts";
import type { SlicePace } from "../../indices/slices.ts";
import type { GroupFigures, IndicesReport, ResponseRates } from "../../indices/types.ts";
import { OFFICIAL_UNITS } from "../../results/units.ts";
import type { Database } from "../../store/database.ts";
import { loadFlaggedResponses } from "../../store/integrity-queries.ts";
import { type StoredResult } from "../../store/official-results.ts";
import { flaggedByGroup } from "../../integrity/by-group.ts";
import type { PublicAnnouncement, SiteAction, SiteAgency, SitePeriodFigures, SiteSnapshot } from "./model.ts";
import { sitePeriods } from "./periods.ts";
import { provinceOf } from "./province.ts";
import { SHOWN_INDICES } from "./official-details.ts";
import { DEFAULT_EXCLUDE } from "../../indices/options.ts";

/** The official indices the site lists: the two headline indices and their parts (SIPAS elements, PAR INDEX fields). */
export const SITE_OFFICIAL_INDICES = SHOWN_INDICES;
const ANNOUNCEMENTS_SHOWN = 10;
// Enough for every agency page to show its latest few; the overview shows the newest of them.
const ACTIONS_KEPT = 500;
const FIRST_OFFICIAL_YEAR = 2000;

/** The stores the site reads beside the indices. */
export type SiteStores = Pick<Stores, "officialResults" | "announcements" | "feedbackActions">;

export interface SnapshotDeps {
  db: Database;
  stores: SiteStores;
  minN: number;
  timeZone: string;
  now: () => Date;
  pace?: SlicePace;
}

function queryFor(period: Period, minN: number): IndicesQuery {
  return {
    period,
    previous: previousPeriod(period),
    by: "agency",
    filters: { agency: null, procedure: null, channel: null, questionnaire: null },
    format: "json",
    locale: "vi",
    minN,
    resamples: DEFAULT_RESAMPLES,
    seed: DEFAULT_SEED,
    exclude: DEFAULT_EXCLUDE,
  };
}

function publicRates(rates: ResponseRates | undefined, minN: number): ResponseRates | null {
  return rates && rates.invited >= minN ? rates : null;
}

/** A period's report with the responses the integrity checks flagged in it, by group key (subtree counted). */
interface PeriodReport {
  report: IndicesReport;
  byKey: Map<string, GroupFigures>;
  flagged: Map<string, number>;
}

function figuresOf(r: PeriodReport | undefined, key: string, period: Period, now: Date, minN: number): SitePeriodFigures {
  const finished = period.to.getTime() <= now.getTime();
  const g = r?.byKey.get(key);
  if (!g) {
    const none = { value: null, low: null, high: null, n: 0, sufficient: false, trend: null };
    return { period, finished, responses: 0, overall: none, elements: [], rates: null, integrity: { flagged: 0, excluded: 0 } };
  }
  const integrity = { flagged: r?.flagged.get(key) ?? 0, excluded: r?.report.integrity?.excluded.get(key) ?? 0 };
  return { period, finished, responses: g.responses, overall: g.overall, elements: g.elements, rates: publicRates(g.rates, minN), integrity };
}

function agenciesOf(reports: PeriodReport[], periods: Period[], now: Date, minN: number): SiteAgency[] {
  const latest = reports[reports.length - 1];
  if (!latest) return [];
  return latest.report.groups.map((g) => ({
    code: g.key,
    name: g.name ?? { vi: g.key, en: g.key },
    parentCode: g.parentKey,
    depth: g.depth,
    series: periods.map((p, i) => figuresOf(reports[i], g.key, p, now, minN)),
  }));
}

async function officialHistory(stores: SiteStores, unitCode: string, lastYear: number): Promise<StoredResult[]> {
  const store = stores.officialResults;
  const years = Array.from({ length: lastYear - FIRST_OFFICIAL_YEAR + 1 }, (_, i) => FIRST_OFFICIAL_YEAR + i);
  const lists = await Promise.all(SITE_OFFICIAL_INDICES.map((indexCode) => store.find({ indexCode, years, unitCode })));
  return lists.flat();
}

async function publishedAnnouncements(stores: SiteStores): Promise<PublicAnnouncement[]> {
  const posts = await stores.announcements.list({ statuses: ["published"], limit: ANNOUNCEMENTS_SHOWN });
  return posts
    .map((a) => ({
      id: a.id,
      publishedAt: a.publishedAt ?? a.updatedAt,
      text: { vi: a.textVi, en: a.textEn },
      agencyCode: a.source.kind === "index_report" ? a.source.agencyCode : null,
    }))
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
}

async function approvedActions(stores: SiteStores): Promise<SiteAction[]> {
  const list = await stores.feedbackActions.list({ statuses: ["approved"], limit: ACTIONS_KEPT });
  return list.map((a) => ({ id: a.id, agencyCode: a.agency.code, element: a.element, textVi: a.textVi, textEn: a.textEn, createdAt: a.createdAt }));
}

export async function buildSnapshot(deps: SnapshotDeps): Promise<SiteSnapshot> {
  const now = deps.now();
  const periods = sitePeriods(now, deps.timeZone);
  // One period at a time: each report is computed in slices, and running them together would only make
  // every request wait for all of them at once.
  const reports: PeriodReport[] = [];
  for (const p of periods) {
    const report = publicView(await computeIndices(deps.db, queryFor(p, deps.minN), deps.pace));
    const flagged = flaggedByGroup(await loadFlaggedResponses(deps.db, { from: p.from, to: p.to, agency: null }), report.groups);
    reports.push({ report, byKey: new Map(report.groups.map((g) => [g.key, g])), flagged });
  }
  const agencies = agenciesOf(reports, periods, now, deps.minN);
  const units = await deps.stores.officialResults.listUnits();
  const province = provinceOf(
    agencies.filter((a) => a.depth === 0).map((a) => a.name.vi),
    units.length ? units : OFFICIAL_UNITS,
  );
  const lastYear = Number(periods[periods.length - 1]?.lastDay.slice(0, 4) ?? FIRST_OFFICIAL_YEAR);
  const [official, announcements, actions] = await Promise.all([
    province ? officialHistory(deps.stores, province.code, lastYear) : Promise.resolve([]),
    publishedAnnouncements(deps.stores),
    approvedActions(deps.stores),
  ]);
  return { builtAt: now, minN: deps.minN, periods, agencies, province, official, announcements, actions };
}
