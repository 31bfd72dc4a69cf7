// The report as a terminal table, in the reader's language: n, index, 95 % interval, trend arrow, rank.
import { formatInteger, formatInterval, formatLocalDate, formatNumber, formatPercent, formatPoints } from "../format.ts";
import type { Element } from "../survey/types.ts";
import type { Locale } from "../i18n.ts";
import { trendDirection } from "./json.ts";
import type { Estimate, GroupFigures, IndicesReport, Trend } from "./types.ts";

const ELEMENT_NAMES: Record<Element, { vi: string; en: string; short: { vi: string; en: string } }> = {
  access: { vi: "Tiếp cận dịch vụ", en: "Access to services", short: { vi: "Tiếp cận", en: "Access" } },
  procedures: { vi: "Thủ tục hành chính", en: "Administrative procedures", short: { vi: "TTHC", en: "Procedures" } },
  civil_servants: { vi: "Công chức giải quyết", en: "Civil servants", short: { vi: "Công chức", en: "Servants" } },
  results: { vi: "Kết quả dịch vụ", en: "Service results", short: { vi: "Kết quả", en: "Results" } },
  feedback: { vi: "Góp ý, phản ánh, kiến nghị", en: "Feedback handling", short: { vi: "PAKN", en: "Feedback" } },
};

const WORDS = {
  vi: {
    title: "Chỉ số hài lòng (phương pháp SIPAS)",
    compared: "so với",
    group: { agency: "Cơ quan", procedure: "Thủ tục", channel: "Kênh", element: "Yếu tố" },
    n: "n",
    rate: "Tỷ lệ trả lời",
    index: "Chỉ số",
    interval: "KTC 95 %",
    trend: "Xu hướng",
    rank: "Hạng",
    overallIndex: "Chỉ số hài lòng chung",
    overallItem: "Câu hài lòng chung",
    item: "câu",
    mean: "TB",
    all: "Tất cả",
    noProcedure: "(không mã)",
    legend: (minN: number) =>
      `▲/▼ thay đổi có ý nghĩa thống kê (95 %), → thay đổi không có ý nghĩa; * dưới ${minN} người trả lời: chưa đủ dữ liệu, không công bố.`,
  },
  en: {
    title: "Satisfaction indices (SIPAS method)",
    compared: "vs",
    group: { agency: "Agency", procedure: "Procedure", channel: "Channel", element: "Element" },
    n: "n",
    rate: "Response rate",
    index: "Index",
    interval: "95% CI",
    trend: "Trend",
    rank: "Rank",
    overallIndex: "Overall index",
    overallItem: "Overall satisfaction item",
    item: "item",
    mean: "mean",
    all: "All",
    noProcedure: "(no code)",
    legend: (minN: number) =>
      `▲/▼ significant change (95%), → change within noise; * fewer than ${minN} respondents: insufficient data, not for publication.`,
  },
} as const;

const width = (s: string) => [...s].length;
const pad = (s: string, w: number, right = false) => (right ? " ".repeat(Math.max(0, w - width(s))) + s : s + " ".repeat(Math.max(0, w - width(s))));

function renderGrid(header: string[], rows: string[][], rightAligned: Set<number>): string[] {
  const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c] ?? ""))));
  const line = (cells: string[]) => cells.map((x, c) => pad(x, widths[c] as number, rightAligned.has(c))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)];
}

function value(e: Estimate, locale: Locale): string {
  if (e.value === null) return "–";
  return formatPercent(e.value, locale) + (e.sufficient ? "" : "*");
}

function interval(e: Estimate, locale: Locale): string {
  return e.low === null || e.high === null ? "" : formatInterval(e.low, e.high, locale);
}

function trend(t: Trend | null, locale: Locale): string {
  const d = trendDirection(t);
  if (d === null || !t || t.change === null) return "";
  const arrow = d === "up" ? "▲" : d === "down" ? "▼" : "→";
  return `${arrow} ${formatPoints(t.change, locale)}`;
}

/** "12/40 (30,00 %)": completed of invited; "–" when nobody was invited in the period. */
function rateCell(g: GroupFigures, locale: Locale): string {
  const r = g.rates;
  if (!r || r.rate === null) return "–";
  return `${formatInteger(r.completed, locale)}/${formatInteger(r.invited, locale)} (${formatPercent(r.rate, locale)})`;
}

function groupLabel(g: GroupFigures, r: IndicesReport, locale: Locale): string {
  const w = WORDS[locale];
  if (r.by === "agency") return `${"  ".repeat(g.depth)}${g.key} ${g.name ? g.name[locale] : ""}`.trimEnd();
  if (r.by === "procedure" && g.key === "-") return w.noProcedure;
  if (r.by === "element") return g.name ? `${g.key} ${g.name[locale]}` : w.all;
  return g.key;
}

function summaryTable(r: IndicesReport, locale: Locale): string[] {
  const w = WORDS[locale];
  const header = [w.group[r.by], w.n, w.rate, w.index, w.interval, w.trend, w.rank, ...Object.values(ELEMENT_NAMES).map((e) => e.short[locale]), w.overallItem];
  const rows = r.groups.map((g) => [
    groupLabel(g, r, locale),
    formatInteger(g.responses, locale),
    rateCell(g, locale),
    value(g.overall, locale),
    interval(g.overall, locale),
    trend(g.overall.trend, locale),
    g.rank === null ? "" : `${g.rank}/${g.rankOf}`,
    ...g.elements.map((e) => value(e, locale)),
    g.overallItem ? value(g.overallItem, locale) : "–",
  ]);
  return renderGrid(header, rows, new Set([1, 2, 3, 6, 7, 8, 9, 10, 11, 12]));
}

function elementTable(g: GroupFigures, r: IndicesReport, locale: Locale): string[] {
  const w = WORDS[locale];
  const header = [w.group.element, w.n, w.index, w.interval, w.trend, w.mean];
  const rows: string[][] = [];
  if (g.rates && g.rates.rate !== null) rows.push([w.rate, "", rateCell(g, locale), "", "", ""]);
  for (const e of g.elements) {
    rows.push([ELEMENT_NAMES[e.element][locale], formatInteger(e.n, locale), value(e, locale), interval(e, locale), trend(e.trend, locale), ""]);
    for (const i of g.items.filter((x) => x.element === e.element)) {
      rows.push([`  ${w.item} ${i.itemId}`, formatInteger(i.n, locale), value(i, locale), interval(i, locale), trend(i.trend, locale), i.mean === null ? "" : formatNumber(i.mean, locale)]);
    }
  }
  rows.push([w.overallIndex, formatInteger(g.overall.n, locale), value(g.overall, locale), interval(g.overall, locale), trend(g.overall.trend, locale), ""]);
  for (const i of g.items.filter((x) => x.element === null)) {
    const label = i === g.overallItem ? w.overallItem : `${w.item} ${i.itemId}`;
    rows.push([label, formatInteger(i.n, locale), value(i, locale), interval(i, locale), trend(i.trend, locale), i.mean === null ? "" : formatNumber(i.mean, locale)]);
  }
  return [groupLabel(g, r, locale), ...renderGrid(header, rows, new Set([1, 2, 5]))];
}

export function reportToTable(r: IndicesReport, locale: Locale): string {
  const w = WORDS[locale];
  const span = (p: IndicesReport["period"]) => `${p.label} (${formatLocalDate(p.firstDay, locale)} – ${formatLocalDate(p.lastDay, locale)})`;
  const out = [`${w.title} — ${span(r.period)}, ${w.compared} ${span(r.previous)}`, ""];
  if (r.by === "element") {
    for (const g of r.groups) out.push(...elementTable(g, r, locale), "");
  } else {
    out.push(...summaryTable(r, locale), "");
  }
  out.push(w.legend(r.minN));
  return out.join("\n") + "\n";
}
