// The digest as data: everything a renderer (text or chart) needs, already withheld below the minimum n,
// already redacted and labelled in one locale. Numbers stay unrounded; renderers format them.
import type { Element } from "../survey/types.ts";
import type { Locale } from "../i18n.ts";
import type { ComplaintFigures } from "../complaints/figures.ts";

export interface DigestPeriod {
  label: string;
  firstDay: string;
  lastDay: string;
  timeZone: string;
}

/** One figure as a digest may show it: value and interval are null whenever the figure is withheld. */
export interface DigestFigure {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  sufficient: boolean;
  /** Comparison with the previous period, or null when either period lacks enough answers. */
  change: { previous: number; change: number; significant: boolean } | null;
}

export interface DigestElement extends DigestFigure {
  element: Element;
}

export interface DigestItem {
  itemId: string;
  element: Element | null;
  label: string;
  value: number;
  n: number;
}

export interface DigestSection {
  agencyKey: string;
  agencyName: string;
  responses: number;
  previousResponses: number;
  /**
   * Responses of the period the integrity checks flagged, and how many of them the rule in force left out
   * of these figures (docs/indices-method.md, "Integrity flags"); null when none is flagged.
   */
  integrity: { flagged: number; excluded: number } | null;
  /** Complaints after low scores (the agency with its subtree): received, open, median times; null when there are none. */
  complaints: ComplaintFigures | null;
  /** Completed / invited × 100 for invitations issued in the period; null when no invitation was issued or rates are unknown. */
  responseRate: { invited: number; completed: number; rate: number | null } | null;
  /**
   * The SIPAS overall index, the mean of the five element indices. It is shown only next to all five of
   * them, so a reader can check it: when an element has too few answers, the overall is withheld too.
   */
  overall: DigestFigure;
  /** The elements (below the minimum n, or without answers) that keep an otherwise sufficient overall from being shown. */
  overallWithheldBy: Element[];
  elements: DigestElement[];
  /** The lowest-scoring items with enough answers, lowest first (at most two). */
  weakest: DigestItem[];
}

export interface DigestImprovements {
  /** Respondents who chose a priority. */
  total: number;
  sufficient: boolean;
  /** Most chosen first; empty when withheld. */
  options: { id: string; label: string; count: number; share: number }[];
}

export interface DigestComment {
  text: string;
  at: Date;
}

export interface Digest {
  locale: Locale;
  period: DigestPeriod;
  previous: DigestPeriod;
  minN: number;
  sections: DigestSection[];
  /** Agencies asked for but absent from the report (no group of that key). */
  missing: string[];
  improvements: DigestImprovements;
  comments: DigestComment[];
}
