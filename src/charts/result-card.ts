// The announcement's picture of one official result: the value large, the rank and its change, and a
// small line of the unit's value over the years. 900×520 layout, PNG at twice that.
import { createTranslator, type Translate } from "../i18n.ts";
import { formatNumber, formatPercent, formatPoints, formatRank } from "../format.ts";
import type { Locale } from "../survey/types.ts";
import { renderOption, type ChartSize } from "./raster.ts";
import { BASE_TEXT, COLORS } from "./theme.ts";

export const RESULT_CARD_SIZE: ChartSize = { width: 900, height: 520 };

export interface ResultCard {
  unitName: string;
  indexName: string;
  year: number;
  /** Percent 0–100. */
  value: number | null;
  rank: number | null;
  of: number | null;
  /** Places gained since the previous year (positive = moved up), null when unknown. */
  change: number | null;
  /** Change of the value in points since the previous year, when known. */
  valueChange?: number | null;
  /** The year compared with; defaults to the year before. */
  previousYear?: number;
  history: { year: number; value: number }[];
}

function rankChange(c: ResultCard, l: Locale, t: Translate): { text: string; color: string } | null {
  if (c.change === null) return null;
  const year = c.previousYear ?? c.year - 1;
  const n = Math.abs(c.change);
  if (c.change > 0) return { text: t(l, n === 1 ? "chart.rank_up_one" : "chart.rank_up_other", { n, year }), color: COLORS.up };
  if (c.change < 0) return { text: t(l, n === 1 ? "chart.rank_down_one" : "chart.rank_down_other", { n, year }), color: COLORS.down };
  return { text: t(l, "chart.rank_same", { year }), color: COLORS.muted };
}

function text(left: number, top: number, value: string, style: Record<string, unknown>) {
  return { type: "text", left, top, style: { text: value, fontFamily: BASE_TEXT.fontFamily, fill: COLORS.text, ...style } };
}

export function resultCardOption(c: ResultCard, l: Locale, t: Translate) {
  const year = c.previousYear ?? c.year - 1;
  const change = rankChange(c, l, t);
  const history = [...c.history].sort((a, b) => a.year - b.year);
  const graphic = [
    { type: "rect", left: 0, top: 0, shape: { width: 10, height: RESULT_CARD_SIZE.height }, style: { fill: COLORS.current } },
    text(44, 34, c.unitName, { fontSize: 34, fontWeight: 700 }),
    text(44, 84, t(l, "chart.card_subtitle", { index: c.indexName, year: c.year }), { fontSize: 18, fill: COLORS.muted, width: 820, overflow: "truncate" }),
    text(40, 150, c.value === null ? "–" : formatPercent(c.value, l), { fontSize: 88, fontWeight: 700, fill: COLORS.current }),
  ];
  if (c.rank !== null && c.of !== null) graphic.push(text(44, 282, t(l, "chart.rank", { rank: formatRank(c.rank, c.of) }), { fontSize: 30, fontWeight: 600 }));
  if (change) graphic.push(text(44, 330, change.text, { fontSize: 22, fontWeight: 600, fill: change.color }));
  if (c.valueChange !== undefined && c.valueChange !== null) {
    graphic.push(text(44, 368, t(l, "chart.value_change", { change: formatPoints(c.valueChange, l), year }), { fontSize: 18, fill: COLORS.muted }));
  }
  return {
    textStyle: BASE_TEXT,
    graphic,
    title: { text: t(l, "chart.history"), left: 520, top: 150, textStyle: { ...BASE_TEXT, fontSize: 15, fontWeight: 600, color: COLORS.muted } },
    grid: { left: 540, right: 40, top: 190, bottom: 60 },
    xAxis: {
      type: "category",
      data: history.map((h) => String(h.year)),
      boundaryGap: false,
      axisTick: { show: false },
      axisLabel: { ...BASE_TEXT, color: COLORS.muted, fontSize: 12 },
    },
    yAxis: { type: "value", scale: true, show: false },
    series: [
      {
        type: "line",
        data: history.map((h) => h.value),
        symbolSize: 7,
        lineStyle: { color: COLORS.current, width: 3 },
        itemStyle: { color: COLORS.current },
        label: { show: true, position: "top", fontFamily: BASE_TEXT.fontFamily, fontSize: 12, color: COLORS.text, formatter: (p: { value: number }) => formatNumber(p.value, l, 1) },
      },
    ],
  };
}

export function renderResultCard(card: ResultCard, locale: Locale, t: Translate = createTranslator()): Buffer {
  return renderOption(resultCardOption(card, locale, t), RESULT_CARD_SIZE);
}
