// buildDigest: an indices report plus a few side facts → the Digest an official reads on Monday.
// Pure: no I/O, no clock. The report goes through publicView first, so a figure below the minimum n
// cannot reach a digest as a number even if a renderer forgets to check `sufficient`.
import { publicView } from "../indices/public-view.ts";
import type { Period } from "../indices/period.ts";
import type { Estimate, GroupFigures, IndicesReport } from "../indices/types.ts";
import { ELEMENTS, type Element } from "../survey/types.ts";
import { type Locale } from "../i18n.ts";
import { byAttention } from "./attention.ts";
import { shippedLabels, type DigestLabels } from "./labels.ts";
import { redact } from "./redact.ts";
import type { ComplaintFigures } from "../complaints/figures.ts";
import type { Digest, DigestComment, DigestFigure, DigestImprovements, DigestItem, DigestPeriod, DigestSection } from "./types.ts";

export interface DigestInput {
  /** The current period's report, with trends against the previous period. */
  report: IndicesReport;
  /** The agencies this digest is about; they are shown those needing attention first (see attention.ts). */
  agencyKeys: string[];
  /** Invitations issued in the period and completed responses, per agency key. */
  rates?: Record<string, { invited: number; completed: number }>;
  /** Recent free-text comments across the agencies (unredacted; redaction happens here). */
  comments: { text: string; at: Date }[];
  /** How many respondents chose each "improve" option, by option id. */
  improvements: Record<string, number>;
  /** Responses the integrity checks flagged in the period, per agency key (each with its subtree); absent = none. */
  flagged?: Record<string, number>;
  /** Complaints' counts and times per agency key (each with its subtree); absent = none. */
  complaints?: Record<string, ComplaintFigures>;
  /** Defaults to the shipped questionnaires' wording. */
  labels?: DigestLabels;
}

export const MAX_COMMENTS = 3;
export const WEAKEST_ITEMS = 2;
/** A long comment is cut so three of them never crowd out the figures in one message. */
export const MAX_COMMENT_CHARS = 280;

function period(p: Period): DigestPeriod {
  return { label: p.label, firstDay: p.firstDay, lastDay: p.lastDay, timeZone: p.timeZone };
}

function figure(e: Estimate): DigestFigure {
  const t = e.trend;
  const change =
    t && t.sufficient && t.change !== null && t.previous !== null ? { previous: t.previous, change: t.change, significant: t.significant } : null;
  return { value: e.value, low: e.low, high: e.high, n: e.n, sufficient: e.sufficient && e.value !== null, change };
}

function weakest(g: GroupFigures, labels: DigestLabels, locale: Locale): DigestItem[] {
  return g.items
    .filter((i) => i.element !== null && i.sufficient && i.value !== null)
    .sort((a, b) => (a.value as number) - (b.value as number) || (a.itemId < b.itemId ? -1 : 1))
    .slice(0, WEAKEST_ITEMS)
    .map((i) => ({ itemId: i.itemId, element: i.element, label: labels.items[i.itemId]?.[locale] ?? i.itemId, value: i.value as number, n: i.n }));
}

const WITHHELD: Pick<DigestFigure, "value" | "low" | "high" | "sufficient" | "change"> = { value: null, low: null, high: null, sufficient: false, change: null };

function section(g: GroupFigures, input: DigestInput, labels: DigestLabels, locale: Locale): DigestSection {
  const r = input.rates?.[g.key];
  const elements = g.elements.map((e) => ({ element: e.element, ...figure(e) }));
  const overall = figure(g.overall);
  // The overall is the mean of the five elements; shown beside a withheld one it could not be checked
  // (and would silently weigh that element's few answers like the others), so it is withheld with it.
  const shown = new Set(elements.filter((e) => e.sufficient).map((e) => e.element));
  const overallWithheldBy: Element[] = overall.sufficient ? ELEMENTS.filter((e) => !shown.has(e)) : [];
  const flagged = input.flagged?.[g.key] ?? 0;
  return {
    agencyKey: g.key,
    agencyName: g.name?.[locale] ?? g.key,
    responses: g.responses,
    previousResponses: g.previousResponses,
    integrity: flagged > 0 ? { flagged, excluded: input.report.integrity?.excluded.get(g.key) ?? 0 } : null,
    complaints: input.complaints?.[g.key] ?? null,
    responseRate: r ? { ...r, rate: r.invited > 0 ? (100 * r.completed) / r.invited : null } : null,
    overall: overallWithheldBy.length > 0 ? { ...overall, ...WITHHELD } : overall,
    overallWithheldBy,
    elements,
    weakest: weakest(g, labels, locale),
  };
}

function improvements(counts: Record<string, number>, minN: number, labels: DigestLabels, locale: Locale): DigestImprovements {
  const total = Object.values(counts).reduce((s, c) => s + c, 0);
  const sufficient = total >= minN && total > 0;
  const options = sufficient
    ? Object.entries(counts)
        .filter(([, c]) => c > 0)
        .sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : 1))
        .map(([id, count]) => ({ id, label: labels.improvements[id]?.[locale] ?? id, count, share: (100 * count) / total }))
    : [];
  return { total, sufficient, options };
}

function comments(raw: DigestInput["comments"], locale: Locale): DigestComment[] {
  return raw
    .map((c) => ({ text: c.text.replace(/\s+/g, " ").trim(), at: c.at }))
    .filter((c) => c.text !== "")
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, MAX_COMMENTS)
    .map((c) => {
      // Redact before cutting, so a phone number split by the cut cannot survive half-visible.
      const text = redact(c.text, locale);
      return { text: text.length > MAX_COMMENT_CHARS ? `${text.slice(0, MAX_COMMENT_CHARS - 1).trimEnd()}…` : text, at: c.at };
    });
}

export function buildDigest(input: DigestInput, locale: Locale): Digest {
  const report = publicView(input.report);
  const labels = input.labels ?? shippedLabels();
  const byKey = new Map(report.groups.map((g) => [g.key, g]));
  const sections: DigestSection[] = [];
  const missing: string[] = [];
  for (const key of input.agencyKeys) {
    const g = byKey.get(key);
    if (g) sections.push(section(g, input, labels, locale));
    else missing.push(key);
  }
  return {
    locale,
    period: period(report.period),
    previous: period(report.previous),
    minN: report.minN,
    sections: byAttention(sections),
    missing,
    improvements: improvements(input.improvements, report.minN, labels, locale),
    comments: comments(input.comments, locale),
  };
}
