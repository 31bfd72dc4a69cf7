// The post about an agency's satisfaction index over a reporting period. Only figures that may leave the
// building appear: the caller passes the group through publicView, and a withheld overall figure means no
// post at all (the caller refuses the draft), so a number below the minimum n can never be published.
// The overall is the mean of the five elements and is published only with all five beside it (see
// docs/indices-method.md): an element below the minimum n holds the post back too.
// Pure: figures in, text out.
import { formatInteger, formatInterval, formatLocalDate, formatNumber, formatPercent } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Period } from "../indices/period.ts";
import type { GroupFigures } from "../indices/types.ts";
import { ELEMENTS, type Element } from "../survey/types.ts";
import { type Locale } from "../i18n.ts";

const EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const ROMAN = ["I", "II", "III", "IV"];

/** "tháng 11/2026", "quý IV/2026" / "November 2026", "Q4 2026". */
export function periodPhrase(p: Period, l: Locale, t: Translate): string {
  const m = /^(\d{4})-(?:Q(\d)|W(\d{2})|(\d{2}))$/.exec(p.label);
  if (p.kind === "month" && m?.[4]) return t(l, "announce.report.period_month", { month: m[4], monthName: EN_MONTHS[Number(m[4]) - 1], year: m[1] });
  if (p.kind === "quarter" && m?.[2]) return t(l, "announce.report.period_quarter", { roman: ROMAN[Number(m[2]) - 1], quarter: m[2], year: m[1] });
  if (p.kind === "week" && m?.[3]) return t(l, "announce.report.period_week", { week: Number(m[3]), year: m[1] });
  return t(l, "announce.report.period_range", { from: formatLocalDate(p.firstDay, l), to: formatLocalDate(p.lastDay, l) });
}

export interface ReportFacts {
  agencyName: string;
  period: Period;
  previous: Period;
  minN: number;
  /** The agency's figures after publicView. */
  group: GroupFigures;
}

/** The elements that keep an otherwise sufficient overall from being published (below the minimum n, or unanswered). */
export function withheldElements(g: GroupFigures): Element[] {
  return ELEMENTS.filter((el) => !g.elements.some((e) => e.element === el && e.sufficient && e.value !== null));
}

/** Whether the figures allow a public post at all. */
export function publishable(g: GroupFigures): boolean {
  return g.overall.sufficient && g.overall.value !== null && g.overall.low !== null && g.overall.high !== null && withheldElements(g).length === 0;
}

export function reportText(f: ReportFacts, l: Locale, t: Translate): string {
  const o = f.group.overall;
  if (!publishable(f.group)) throw new Error(`the index of ${f.group.key} is withheld: nothing to publish`);
  const sentences = [
    t(l, "announce.report.sentence", {
      period: periodPhrase(f.period, l, t),
      agency: f.agencyName,
      value: formatPercent(o.value as number, l),
      interval: formatInterval(o.low as number, o.high as number, l),
      n: formatInteger(o.n, l),
    }),
  ];
  const tr = o.trend;
  if (tr && tr.sufficient && tr.change !== null && tr.previous !== null) {
    const vars = {
      previous_period: periodPhrase(f.previous, l, t),
      previous: formatPercent(tr.previous, l),
      points: formatNumber(Math.abs(tr.change), l),
      change: `${tr.change > 0 ? "+" : tr.change < 0 ? "−" : "±"}${formatNumber(Math.abs(tr.change), l)}`,
    };
    const key = !tr.significant ? "change_not_significant" : tr.change > 0 ? "change_up" : "change_down";
    sentences.push(t(l, `announce.report.${key}`, vars));
  }
  const list = f.group.elements.map((e) =>
    t(l, "announce.report.element", { name: t(l, `element.${e.element}`), value: formatPercent(e.value as number, l) }),
  );
  sentences.push(t(l, "announce.report.elements", { list: list.join("; ") }));
  return `${sentences.join(" ")}\n\n${t(l, "announce.report.method", { minN: formatInteger(f.minN, l) })}`;
}
