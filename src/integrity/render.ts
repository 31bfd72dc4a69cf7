// The integrity summary as text for a person, in their language (the bot's /integrity and `hailong integrity`).
import type { Translate } from "../i18n.ts";
import type { Locale } from "../i18n.ts";
import { formatInteger } from "../format.ts";
import type { IntegritySummary } from "./summary.ts";
import { FLAGS } from "./thresholds.ts";

/** At most this many agencies are listed; the rest are in the totals. */
const MAX_AGENCIES = 10;

export function renderIntegrity(t: Translate, locale: Locale, periodLabel: string, s: IntegritySummary): string {
  const n = (x: number) => formatInteger(x, locale);
  const lines = [t(locale, "integrity.title", { period: periodLabel }), t(locale, "integrity.totals", { completed: n(s.completed), flagged: n(s.flagged), excluded: n(s.excluded) })];
  if (s.flagged === 0) return [...lines, t(locale, "integrity.none")].join("\n");
  for (const f of FLAGS) if (s.byFlag[f] > 0) lines.push(`• ${t(locale, `integrity.flag.${f}`)}: ${n(s.byFlag[f])}`);
  lines.push("", t(locale, "integrity.by_agency"));
  for (const a of s.agencies.slice(0, MAX_AGENCIES)) lines.push(t(locale, "integrity.agency_line", { code: a.code, flagged: n(a.flagged), excluded: n(a.excluded) }));
  lines.push("", t(locale, "integrity.rule"));
  return lines.join("\n");
}
