// How fast an agency answers complaints, as the digest shows it (pure): complaints received in the period,
// those still open, and the median time from a complaint to its first reply and to its resolution, each
// agency with its subtree (as the indices report groups them). Times count the replies and resolutions
// that happened in the period, whenever the complaint came: a complaint answered next week then counts in
// next week's digest instead of vanishing from both.
import { formatInteger, formatNumber } from "../format.ts";
import type { Locale, Translate } from "../i18n.ts";
import type { ComplaintTimes } from "../store/complaints.ts";

export interface ComplaintFigures {
  received: number;
  /** Still open when the digest was read. */
  open: number;
  firstReply: { medianMs: number; n: number } | null;
  resolution: { medianMs: number; n: number } | null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const within = (d: Date | null, p: { from: Date; to: Date }) => d !== null && d >= p.from && d < p.to;

/** Per group key (each with its subtree); groups with no complaint to speak of are absent. */
export function complaintFiguresByGroup(
  rows: readonly ComplaintTimes[],
  groups: readonly { key: string; parentKey: string | null }[],
  period: { from: Date; to: Date },
): Record<string, ComplaintFigures> {
  const parent = new Map(groups.map((g) => [g.key, g.parentKey]));
  const acc = new Map<string, { received: number; open: number; reply: number[]; resolve: number[] }>();
  for (const r of rows) {
    const seen = new Set<string>();
    // Up the tree; the set stops a parent cycle in bad data from looping.
    for (let at: string | null | undefined = r.agencyCode; at && !seen.has(at) && parent.has(at); at = parent.get(at)) {
      seen.add(at);
      const a = acc.get(at) ?? { received: 0, open: 0, reply: [], resolve: [] };
      if (within(r.submittedAt, period)) a.received++;
      if (r.status === "open") a.open++;
      if (r.firstReplyAt && within(r.firstReplyAt, period)) a.reply.push(r.firstReplyAt.getTime() - r.submittedAt.getTime());
      if (r.resolvedAt && within(r.resolvedAt, period)) a.resolve.push(r.resolvedAt.getTime() - r.submittedAt.getTime());
      acc.set(at, a);
    }
  }
  const out: Record<string, ComplaintFigures> = {};
  for (const [key, a] of acc) {
    if (a.received === 0 && a.open === 0 && a.reply.length === 0 && a.resolve.length === 0) continue;
    out[key] = {
      received: a.received,
      open: a.open,
      firstReply: a.reply.length ? { medianMs: median(a.reply), n: a.reply.length } : null,
      resolution: a.resolve.length ? { medianMs: median(a.resolve), n: a.resolve.length } : null,
    };
  }
  return out;
}

/** "45 phút", "5 giờ", "1,5 ngày": minutes under an hour, hours under two days, days beyond. */
export function formatDuration(ms: number, t: Translate, locale: Locale): string {
  const minutes = ms / 60_000;
  if (minutes < 60) return t(locale, "complaint.digest.minutes", { n: formatInteger(Math.max(1, Math.round(minutes)), locale) });
  const hours = minutes / 60;
  if (hours < 48) return t(locale, "complaint.digest.hours", { n: formatInteger(Math.round(hours), locale) });
  const days = Math.round((hours / 24) * 10) / 10;
  return t(locale, "complaint.digest.days", { n: Number.isInteger(days) ? formatInteger(days, locale) : formatNumber(days, locale, 1) });
}

/** The digest's one line about an agency's complaints. */
export function complaintLine(f: ComplaintFigures, t: Translate, locale: Locale): string {
  const parts = [t(locale, "complaint.digest.line", { received: formatInteger(f.received, locale), open: formatInteger(f.open, locale) })];
  if (f.firstReply) parts.push(t(locale, "complaint.digest.first_reply", { median: formatDuration(f.firstReply.medianMs, t, locale), n: formatInteger(f.firstReply.n, locale) }));
  if (f.resolution) parts.push(t(locale, "complaint.digest.resolution", { median: formatDuration(f.resolution.medianMs, t, locale), n: formatInteger(f.resolution.n, locale) }));
  return parts.join("; ");
}
