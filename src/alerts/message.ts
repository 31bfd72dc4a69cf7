// The alert as an official reads it, in their language (pure): what dropped or fell under their threshold,
// from what to what with n, and what to do next. Numbers follow the method's number style (src/format.ts).
import { shippedLabels } from "../digest/labels.ts";
import { clipText, formatInteger, formatInterval, formatNumber, formatPercent, formatPoints } from "../format.ts";
import type { Locale, Translate } from "../i18n.ts";
import { parseTarget } from "./target.ts";
import type { AlertFacts } from "./types.ts";

const ITEM_NAME_MAX = 90;

export function agencyResultsUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl}/results/agencies/${encodeURIComponent(code)}`;
}

/** "the overall index", "the element “Access to services”", "the question “…”". */
export function targetName(t: Translate, locale: Locale, key: string): string {
  const target = parseTarget(key);
  if (!target || target.kind === "index") return t(locale, "alert.what_index");
  if (target.kind === "element") return t(locale, "alert.what_element", { name: t(locale, `element.${target.element}`) });
  const text = shippedLabels().items[target.itemId];
  return t(locale, "alert.what_item", { name: clipText(text ? text[locale] : target.itemId, ITEM_NAME_MAX) });
}

function figure(f: Pick<AlertFacts, "unit">, value: number, locale: Locale): string {
  return f.unit === "score" ? formatNumber(value, locale, 2) : formatPercent(value, locale);
}

/** One message for the conditions of one agency told together: its drops, or one threshold. */
export function renderAlert(t: Translate, locale: Locale, found: AlertFacts[], publicBaseUrl: string): string {
  const first = found[0]!;
  const agency = locale === "en" ? first.agency.en : first.agency.vi;
  const base = { agency, period: first.period, periodName: t(locale, `alert.running_${first.periodKind}`) };
  const lines: string[] = [];
  const drops = found.filter((f) => f.kind === "drop" && f.previous !== undefined);
  if (drops.length) {
    lines.push(t(locale, "alert.title_drop", { ...base, previousName: t(locale, `alert.previous_${first.periodKind}`), previousPeriod: first.previousPeriod ?? "" }));
    const rows = drops.map((f) =>
      t(locale, "alert.drop", {
        what: targetName(t, locale, f.target),
        value: formatPercent(f.value, locale),
        n: formatInteger(f.n, locale),
        previous: formatPercent(f.previous ?? 0, locale),
        previousN: formatInteger(f.previousN ?? 0, locale),
        change: formatPoints(f.value - (f.previous ?? 0), locale),
        interval: formatInterval(f.low ?? 0, f.high ?? 0, locale),
      }),
    );
    lines.push(rows.join("\n"), t(locale, "alert.drop_why"));
  }
  for (const f of found.filter((x) => x.kind === "below")) {
    const vars = { ...base, what: targetName(t, locale, f.target), n: formatInteger(f.n, locale), value: figure(f, f.value, locale) };
    lines.push(t(locale, "alert.title_below", vars));
    lines.push(t(locale, f.unit === "score" ? "alert.below_score" : "alert.below", { ...vars, threshold: figure(f, f.threshold ?? 0, locale) }));
  }
  lines.push(t(locale, "alert.todo", { link: agencyResultsUrl(publicBaseUrl, first.agency.code) }));
  lines.push(t(locale, "alert.once"));
  return lines.join("\n\n");
}
