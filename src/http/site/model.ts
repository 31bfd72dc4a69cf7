// What the public results site shows, built once per data change and shared by every page, data file and
// chart, so the HTML, the CSV and the JSON can never disagree. Everything in it is already fit to publish:
// figures resting on fewer than min-n answers were withheld before they got here (indices/public-view.ts).
import type { Period } from "../../indices/period.ts";
import type { ElementFigure, Estimate, ResponseRates } from "../../indices/types.ts";
import type { PublicAction } from "../../actions/public-text.ts";
import type { OfficialUnitDef } from "../../results/units.ts";
import type { StoredResult } from "../../store/official-results.ts";

export interface SitePeriodFigures {
  period: Period;
  /** The period is over (its figures will not change any more except by late data corrections). */
  finished: boolean;
  /** Completed responses in the period (the agency's whole subtree). */
  responses: number;
  overall: Estimate;
  elements: ElementFigure[];
  /** Absent when fewer than min-n invitations were issued: a rate of 3 out of 5 says nothing. */
  rates: ResponseRates | null;
  /** Of `responses`, how many the integrity checks flagged and how many the rule in force left out of the figures. */
  integrity: SiteIntegrity;
}

export interface SiteIntegrity {
  flagged: number;
  excluded: number;
}

export interface SiteAgency {
  code: string;
  name: { vi: string; en: string };
  parentCode: string | null;
  depth: number;
  /** Oldest period first; the last one is the current period. */
  series: SitePeriodFigures[];
}

export interface PublicAnnouncement {
  id: string;
  publishedAt: Date;
  text: { vi: string; en: string };
  /** The agency an index-report post is about; null for posts about official results (the province). */
  agencyCode: string | null;
}

/** An approved "you said, we did" action, as the site shows it. */
export interface SiteAction extends PublicAction {
  id: string;
  agencyCode: string;
}

export interface SiteSnapshot {
  builtAt: Date;
  minN: number;
  periods: Period[];
  /** Depth-first (province → departments → communes), as the indices report orders them. */
  agencies: SiteAgency[];
  /** The province the top-level agencies belong to, when their names say which. */
  province: OfficialUnitDef | null;
  /** PAR INDEX and SIPAS (and SIPAS elements) of the province, every year in the registry. */
  official: StoredResult[];
  /** Newest first. */
  announcements: PublicAnnouncement[];
  /** Approved feedback actions, newest first. */
  actions: SiteAction[];
}

export function currentOf(a: SiteAgency): SitePeriodFigures | undefined {
  return a.series[a.series.length - 1];
}
