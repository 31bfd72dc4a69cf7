// The vocabulary of the index computation: what the store hands in (samples) and what comes out (a report).
// Every number in a report is unrounded; rounding happens only when it is rendered (json.ts, table.ts, csv.ts).
import type { Element } from "../survey/types.ts";
import type { Period } from "./period.ts";

/** Answers to one scored item: counts[s - 1] answers with score s (1–5); skipped answers are not counted. */
export interface ItemTally {
  itemId: string;
  /** null for items outside the five elements, e.g. the separate overall-satisfaction item. */
  element: Element | null;
  counts: [number, number, number, number, number];
}

/**
 * The element items of a report in a fixed order (sorted by id, code-unit order), so a respondent's
 * answers can be written as a pattern string with one character per item:
 * "0" = not answered (or skipped), "1" = answered 1–3, "2" = answered 4–5.
 */
export interface ItemSpace {
  ids: string[];
  elements: Element[];
}

/** Everything the method needs about one group of responses in one period. */
export interface GroupSample {
  /** Completed responses. */
  responses: number;
  /** Scored items by id. */
  items: Map<string, ItemTally>;
  /** Respondents (with at least one element answer) per pattern over the item space. */
  patterns: Map<string, number>;
}

export type GroupBy = "agency" | "procedure" | "channel" | "element";

export interface GroupDef {
  key: string;
  name: { vi: string; en: string } | null;
  /** The group it is ranked under and whose figures include it (its parent agency); null for top-level groups. */
  parentKey: string | null;
  depth: number;
}

export interface ReportInput {
  period: Period;
  previous: Period;
  by: GroupBy;
  filters: IndicesFilters;
  groups: GroupDef[];
  space: ItemSpace;
  /** Each group's own responses (not its subtree: the report adds children into parents), by group key. */
  current: Map<string, GroupSample>;
  before: Map<string, GroupSample>;
}

export interface IndicesFilters {
  agency: string | null;
  procedure: string | null;
  channel: string | null;
  questionnaire: string | null;
}

export interface MethodOptions {
  /** Figures resting on fewer respondents are marked insufficient. */
  minN: number;
  /** Bootstrap resamples (at least 1,000 for published figures). */
  resamples: number;
  seed: number;
}

export interface Trend {
  /** The same figure in the previous period, or null when it had no answers. */
  previous: number | null;
  previousN: number;
  /** Current − previous, in percentage points. */
  change: number | null;
  /** 95 % interval of the change (bootstrap for composites, normal approximation for item shares). */
  low: number | null;
  high: number | null;
  /** Item shares: the two-proportion z statistic and its two-sided p-value. */
  z: number | null;
  pValue: number | null;
  /** True only when both periods have enough data and the change is significant at 95 %. */
  significant: boolean;
  /** Both periods reach the minimum n. */
  sufficient: boolean;
}

export interface Estimate {
  /** Percent 0–100, or null when nothing was answered. */
  value: number | null;
  low: number | null;
  high: number | null;
  /** Respondents (composites) or answers (items) the figure rests on. */
  n: number;
  /** n ≥ minN; an insufficient figure is withheld from anything public. */
  sufficient: boolean;
  trend: Trend | null;
}

export interface ItemFigure extends Estimate {
  itemId: string;
  element: Element | null;
  /** Mean score 1–5. */
  mean: number | null;
  counts: [number, number, number, number, number];
}

export interface ElementFigure extends Estimate {
  element: Element;
  /** Items of the element with answers in this group. */
  items: number;
}

/** Invitations issued in the period and what became of them; rate = completed / invited × 100. */
export interface ResponseRates {
  invited: number;
  delivered: number;
  started: number;
  completed: number;
  rate: number | null;
}

export interface GroupFigures {
  key: string;
  name: { vi: string; en: string } | null;
  parentKey: string | null;
  depth: number;
  /** Completed responses in the period, and in the previous period. */
  responses: number;
  previousResponses: number;
  /** Mean of the element indices that have answers (SIPAS 2017–2021 structure). */
  overall: Estimate;
  elements: ElementFigure[];
  /** Every scored item, the separate overall-satisfaction item included (element null). */
  items: ItemFigure[];
  /** The separate overall-satisfaction item ("overall"), reported on its own. */
  overallItem: ItemFigure | null;
  /** Competition rank (1, 2, 2, 4) among siblings with enough data; null when not ranked. */
  rank: number | null;
  rankOf: number | null;
  /** Response rates of the invitations issued in the period (set by the indices service). */
  rates?: ResponseRates;
}

export interface IndicesReport {
  period: Period;
  previous: Period;
  by: GroupBy;
  filters: IndicesFilters;
  minN: number;
  resamples: number;
  seed: number;
  groups: GroupFigures[];
  /** What the integrity rule did to this report: set by the service (src/reports/indices-service.ts). */
  integrity?: ReportIntegrity;
}

export interface ReportIntegrity {
  exclude: "flagged" | "none";
  /** Completed responses of the current period the rule left out, by group key (a parent counts its subtree). */
  excluded: Map<string, number>;
  /** The same, over the whole selection. */
  excludedTotal: number;
}

/** Item id of the separate overall-satisfaction question. */
export const OVERALL_ITEM_ID = "overall";
