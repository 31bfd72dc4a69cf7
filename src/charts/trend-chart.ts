// The public site's trend chart (pure option → SVG/PNG through raster.ts): an agency's index over periods
// with its 95 % interval as a band. A withheld period (under min-n) is a gap in the line, never a zero.
import { formatNumber, formatPercent } from "../format.ts";
import type { Locale } from "../i18n.ts";
import { CHART_FONT_FAMILY, optionToSvg, svgToPng, type ChartSize } from "./raster.ts";
import { BASE_TEXT, COLORS } from "./theme.ts";

// Narrow on purpose: shown full width on a 360 px phone, its labels stay at about the page's small text size.
// The SVG is also shown by browsers, which do not have Be Vietnam Pro: they fall back to a sans-serif
// rather than to their default serif. resvg takes the first family, the shipped font.
const FONT_FAMILY = `${CHART_FONT_FAMILY}, Noto Sans, sans-serif`;

export const TREND_CHART_SIZE: ChartSize = { width: 420, height: 300 };

export interface TrendPoint {
  label: string;
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface TrendChart {
  points: TrendPoint[];
  /** Shown in the middle when no period has a figure to draw. */
  emptyText: string;
  locale: Locale;
}

/** The lowest gridline worth showing: 10 points under the lowest interval end, never below 0. */
function axisMin(points: TrendPoint[]): number {
  const lows = points.flatMap((p) => (p.low ?? p.value) ?? []);
  if (lows.length === 0) return 0;
  return Math.max(0, Math.floor((Math.min(...lows) - 5) / 10) * 10);
}

export function trendChartOption(c: TrendChart) {
  const drawn = c.points.some((p) => p.value !== null);
  const min = axisMin(c.points);
  const band = (p: TrendPoint) => (p.low !== null && p.high !== null ? p.high - p.low : null);
  return {
    textStyle: { ...BASE_TEXT, fontFamily: FONT_FAMILY, fontSize: 17 },
    grid: { left: 44, right: 20, top: 34, bottom: 40 },
    xAxis: {
      type: "category",
      data: c.points.map((p) => p.label),
      axisLabel: { color: COLORS.text, fontFamily: FONT_FAMILY, fontSize: 16, interval: 0 },
      axisLine: { lineStyle: { color: COLORS.muted } },
      axisTick: { show: false },
    },
    yAxis: {
      type: "value",
      min,
      max: 100,
      interval: 20,
      axisLabel: { color: COLORS.muted, fontFamily: FONT_FAMILY, fontSize: 15, formatter: (v: number) => formatNumber(v, c.locale, 0) },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series: [
      // The interval band: an invisible base at the low end with the width of the interval stacked on it.
      { type: "line", stack: "interval", data: c.points.map((p) => p.low), lineStyle: { opacity: 0 }, symbol: "none", silent: true },
      {
        type: "line",
        stack: "interval",
        data: c.points.map(band),
        lineStyle: { opacity: 0 },
        symbol: "none",
        areaStyle: { color: COLORS.previous, opacity: 0.5 },
        silent: true,
      },
      {
        type: "line",
        data: c.points.map((p) => p.value),
        connectNulls: false,
        lineStyle: { color: COLORS.current, width: 3 },
        itemStyle: { color: COLORS.current },
        symbolSize: 9,
        label: {
          show: true,
          position: "top",
          color: COLORS.text,
          fontFamily: FONT_FAMILY,
          fontSize: 17,
          fontWeight: 600,
          formatter: (p: { value: number | null }) => (p.value === null ? "" : formatPercent(p.value, c.locale, 1)),
        },
      },
    ],
    graphic: drawn ? [] : [{ type: "text", left: "center", top: "middle", style: { text: c.emptyText, fontSize: 16, fill: COLORS.muted, fontFamily: FONT_FAMILY } }],
  };
}

export function trendChartSvg(c: TrendChart): string {
  return optionToSvg(trendChartOption(c), TREND_CHART_SIZE);
}

export function trendChartPng(c: TrendChart): Buffer {
  return svgToPng(trendChartSvg(c), TREND_CHART_SIZE.width);
}
