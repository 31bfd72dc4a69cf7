// The digest's picture: the five elements as bars with their 95 % intervals, the previous period's value
// beside each, withheld elements labelled instead of drawn. 900×520 layout, PNG at twice that.
import { createTranslator, type Translate } from "../i18n.ts";
import type { Digest, DigestSection } from "../digest/types.ts";
import { formatInteger, formatLocalDate, formatNumber } from "../format.ts";
import type { Locale } from "../survey/types.ts";
import { renderOption, type ChartSize } from "./raster.ts";
import { BASE_TEXT, COLORS } from "./theme.ts";

export const DIGEST_CHART_SIZE: ChartSize = { width: 900, height: 520 };

// Bar geometry as fractions of a category's band, fixed so the error bars can be placed on the current
// bars: two bars of BAR each with a GAP between them, centred in the band.
const BAR = 0.32;
const GAP = 0.04;
const CURRENT_OFFSET = (BAR + GAP) / 2;

interface ErrorBarApi {
  value(dim: number): number;
  coord(point: [number, number]): [number, number];
  size(v: [number, number]): [number, number];
}

function errorBar(_params: unknown, api: ErrorBarApi) {
  const [x, low] = api.coord([api.value(0), api.value(1)]);
  const [, high] = api.coord([api.value(0), api.value(2)]);
  const band = api.size([1, 0])[0];
  const cx = x + band * CURRENT_OFFSET;
  const cap = band * BAR * 0.25;
  const style = { stroke: COLORS.interval, lineWidth: 2 };
  return {
    type: "group",
    children: [
      { type: "line", shape: { x1: cx, y1: low, x2: cx, y2: high }, style },
      { type: "line", shape: { x1: cx - cap, y1: low, x2: cx + cap, y2: low }, style },
      { type: "line", shape: { x1: cx - cap, y1: high, x2: cx + cap, y2: high }, style },
    ],
  };
}

export function digestChartOption(d: Digest, s: DigestSection, t: Translate) {
  const l = d.locale;
  const names = s.elements.map((e) => {
    const name = t(l, `element.${e.element}`);
    return e.sufficient ? name : `${name}\n(${t(l, "chart.not_enough")})`;
  });
  const current = s.elements.map((e) => (e.sufficient ? e.value : null));
  const previous = s.elements.map((e) => e.change?.previous ?? null);
  const intervals = s.elements.flatMap((e, i) => (e.sufficient && e.low !== null && e.high !== null ? [[i, e.low, e.high]] : []));
  const currentName = t(l, "chart.current", { label: d.period.label });
  const previousName = t(l, "chart.previous", { label: d.previous.label });
  const intervalName = t(l, "chart.interval");
  const pct = (v: number | null) => (v === null ? "" : formatNumber(v, l, 1));
  return {
    textStyle: BASE_TEXT,
    title: {
      text: t(l, "chart.digest_title", { agency: s.agencyName }),
      subtext: t(l, "chart.digest_subtitle", {
        label: d.period.label,
        from: formatLocalDate(d.period.firstDay, l),
        to: formatLocalDate(d.period.lastDay, l),
        n: formatInteger(s.responses, l),
      }),
      left: 24,
      top: 14,
      itemGap: 12,
      textStyle: { ...BASE_TEXT, fontSize: 20, fontWeight: 700 },
      subtextStyle: { ...BASE_TEXT, color: COLORS.muted, fontSize: 14 },
    },
    legend: { top: 80, left: 24, itemGap: 28, itemWidth: 18, itemHeight: 12, textStyle: { ...BASE_TEXT, fontSize: 13 }, data: [previousName, currentName, intervalName] },
    grid: { left: 56, right: 24, top: 118, bottom: 74 },
    xAxis: {
      type: "category",
      data: names,
      axisTick: { show: false },
      axisLabel: { ...BASE_TEXT, fontSize: 12, interval: 0, width: 156, overflow: "break", lineHeight: 16 },
    },
    yAxis: {
      type: "value",
      min: 0,
      max: 100,
      interval: 20,
      axisLabel: { ...BASE_TEXT, color: COLORS.muted, formatter: (v: number) => (l === "vi" ? `${v} %` : `${v}%`) },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series: [
      {
        name: previousName,
        type: "bar",
        data: previous,
        barWidth: `${BAR * 100}%`,
        barGap: `${(GAP / BAR) * 100}%`,
        itemStyle: { color: COLORS.previous },
        label: { show: true, position: "insideTop", color: COLORS.text, fontFamily: BASE_TEXT.fontFamily, fontSize: 12, formatter: (p: { value: number | null }) => pct(p.value) },
      },
      {
        name: currentName,
        type: "bar",
        data: current,
        barWidth: `${BAR * 100}%`,
        itemStyle: { color: COLORS.current },
        label: { show: true, position: "insideBottom", color: "#ffffff", fontFamily: BASE_TEXT.fontFamily, fontSize: 13, fontWeight: 700, formatter: (p: { value: number | null }) => pct(p.value) },
      },
      { name: intervalName, type: "custom", renderItem: errorBar, data: intervals, itemStyle: { color: COLORS.interval }, z: 10 },
    ],
  };
}

/** The chart of one agency of the digest (the first unless `agencyKey` names another) as a PNG. */
export function renderDigestChart(digest: Digest, locale: Locale, opts: { agencyKey?: string; t?: Translate } = {}): Buffer {
  if (digest.locale !== locale) throw new RangeError(`digest built for "${digest.locale}" cannot be charted in "${locale}"`);
  const section = opts.agencyKey === undefined ? digest.sections[0] : digest.sections.find((s) => s.agencyKey === opts.agencyKey);
  if (!section) throw new RangeError(`the digest has no agency ${opts.agencyKey ?? "at all"}`);
  return renderOption(digestChartOption(digest, section, opts.t ?? createTranslator()), DIGEST_CHART_SIZE);
}
