// The digest as plain text for Telegram and Zalo: no markup (so citizen comments cannot break it), one
// line per fact, wording from the locale catalog and numbers from src/format.ts. Pure.
import { formatDate, formatInteger, formatInterval, formatLocalDate, formatPercent, formatPoints } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Locale } from "../i18n.ts";
import type { Digest, DigestFigure, DigestSection } from "./types.ts";
import { complaintLine } from "../complaints/figures.ts";

/** Zalo OA text messages stop at 2,000 characters per part, Telegram at 4,096; we split nothing and stay under both senders' budget. */
export const MAX_DIGEST_CHARS = 4000;

const BULLET = "• ";
const SUB = "   – ";

function changeLine(f: DigestFigure, locale: Locale, t: Translate): string {
  if (!f.change) return t(locale, "digest.change_none");
  const vars = { previous: formatPercent(f.change.previous, locale), change: formatPoints(f.change.change, locale) };
  if (!f.change.significant) return t(locale, "digest.change_not_significant", vars);
  return f.change.change > 0 ? t(locale, "digest.change_up", vars) : t(locale, "digest.change_down", vars);
}

function elementLine(name: string, f: DigestFigure, locale: Locale, t: Translate): string {
  // Every element carries its n, withheld or not: the overall above is their mean and rests on them.
  return t(locale, "digest.with_n", { line: elementFigure(name, f, locale, t), n: formatInteger(f.n, locale) });
}

function elementFigure(name: string, f: DigestFigure, locale: Locale, t: Translate): string {
  if (!f.sufficient || f.value === null) return t(locale, "digest.element_not_enough", { name });
  const interval = f.low !== null && f.high !== null ? formatInterval(f.low, f.high, locale) : "";
  const line = t(locale, "digest.element", { name, value: formatPercent(f.value, locale), interval }).trimEnd();
  if (!f.change) return line;
  const change = formatPoints(f.change.change, locale);
  return f.change.significant
    ? t(locale, "digest.element_change_significant", { line, change })
    : t(locale, "digest.element_change_not_significant", { line, change });
}

function sectionLines(s: DigestSection, d: Digest, t: Translate): string[] {
  const l = d.locale;
  const lines = [s.agencyName, BULLET + t(l, "digest.responses", { n: formatInteger(s.responses, l), previous: formatInteger(s.previousResponses, l) })];
  if (s.integrity) lines.push(BULLET + t(l, "digest.integrity", { flagged: formatInteger(s.integrity.flagged, l), excluded: formatInteger(s.integrity.excluded, l) }));
  if (s.complaints) lines.push(BULLET + complaintLine(s.complaints, t, l));
  if (s.responseRate) {
    const r = s.responseRate;
    lines.push(
      BULLET +
        (r.rate === null
          ? t(l, "digest.response_rate_none")
          : t(l, "digest.response_rate", { rate: formatPercent(r.rate, l), completed: formatInteger(r.completed, l), invited: formatInteger(r.invited, l) })),
    );
  }
  const o = s.overall;
  if (o.sufficient && o.value !== null && o.low !== null && o.high !== null) {
    lines.push(BULLET + t(l, "digest.overall", { value: formatPercent(o.value, l), interval: formatInterval(o.low, o.high, l) }));
    lines.push(SUB + changeLine(o, l, t));
  } else if (s.overallWithheldBy.length > 0) {
    const elements = s.overallWithheldBy.map((e) => t(l, `element.${e}`)).join(", ");
    lines.push(BULLET + t(l, "digest.overall_withheld", { elements, minN: formatInteger(d.minN, l) }));
  } else {
    lines.push(BULLET + t(l, "digest.overall_not_enough", { minN: formatInteger(d.minN, l) }));
  }
  lines.push(BULLET + t(l, "digest.elements"));
  for (const e of s.elements) lines.push(SUB + elementLine(t(l, `element.${e.element}`), e, l, t));
  if (s.weakest.length === 0) lines.push(BULLET + t(l, "digest.weakest_none"));
  else {
    lines.push(BULLET + t(l, "digest.weakest"));
    // An item that stands for a whole element (the short form asks one question per element) reads
    // better under the element's short name than as the full question.
    for (const w of s.weakest) {
      const label = w.itemId === w.element ? t(l, `element.${w.element}`) : w.label;
      lines.push(SUB + t(l, "digest.weakest_item", { label, value: formatPercent(w.value, l), n: formatInteger(w.n, l) }));
    }
  }
  return lines;
}

function improvementLines(d: Digest, t: Translate): string[] {
  const l = d.locale;
  const im = d.improvements;
  if (!im.sufficient) return [t(l, "digest.improvements_not_enough")];
  return [
    t(l, "digest.improvements", { n: formatInteger(im.total, l) }),
    ...im.options.map((o) => SUB + t(l, "digest.improvement", { label: o.label, share: formatPercent(o.share, l, 0), count: formatInteger(o.count, l) })),
  ];
}

function commentLines(d: Digest, t: Translate): string[] {
  const l = d.locale;
  if (d.comments.length === 0) return [t(l, "digest.comments_none")];
  return [
    t(l, "digest.comments"),
    ...d.comments.map((c) => SUB + t(l, "digest.comment", { date: formatDate(c.at, l, d.period.timeZone), text: c.text })),
  ];
}

function assemble(blocks: string[][]): string {
  return blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join("\n"))
    .join("\n\n");
}

export function renderDigestText(digest: Digest, locale: Locale, t: Translate): string {
  // Item labels and redaction marks were chosen when the digest was built: mixing languages is a caller bug.
  if (digest.locale !== locale) throw new RangeError(`digest built for "${digest.locale}" cannot be rendered in "${locale}"`);
  const d = digest;
  const l = locale;
  const head = [
    t(l, "digest.title"),
    t(l, "digest.period", {
      label: d.period.label,
      from: formatLocalDate(d.period.firstDay, l),
      to: formatLocalDate(d.period.lastDay, l),
      previous: d.previous.label,
    }),
  ];
  const sections = d.sections.map((s) => sectionLines(s, d, t));
  const missing = d.missing.length ? [t(l, "digest.missing", { keys: d.missing.join(", ") })] : [];
  const footer = [t(l, "digest.footer", { minN: formatInteger(d.minN, l) })];
  const tail = [improvementLines(d, t), commentLines(d, t), missing, footer];

  // Over the budget, comments go first (they are the least essential and the longest), then whole
  // agency sections from the end, each loss said in the message.
  let text = assemble([head, ...sections, ...tail]);
  if (text.length <= MAX_DIGEST_CHARS) return text;
  tail[1] = [t(l, "digest.comments_dropped")];
  for (let keep = sections.length; keep >= 1; keep--) {
    const more = keep < sections.length ? [[t(l, "digest.more_agencies", { n: formatInteger(sections.length - keep, l) })]] : [];
    text = assemble([head, ...sections.slice(0, keep), ...more, ...tail]);
    if (text.length <= MAX_DIGEST_CHARS) return text;
  }
  return text.slice(0, MAX_DIGEST_CHARS - 1) + "…";
}
