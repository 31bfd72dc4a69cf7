// The digest's picture, laid out for a phone: one row per figure (the overall index first, then the five
// elements), each a horizontal bar on a 0–100 % track with its 95 % interval, the previous period as a
// thin bar beneath and the value at the right. Portrait, 360 × 500 layout units: Telegram for Android
// shows a photo at most 0.7 × the screen width wide and that width + 100 dp tall, so on a 360 px phone
// this picture is 252 px wide and every 16-unit label is 11.2 px there (test/charts measures it).
import { renderOption, type ChartSize } from "../charts/raster.ts";
import { wrapText, textWidth } from "../charts/text-wrap.ts";
import { BASE_TEXT, COLORS } from "../charts/theme.ts";
import { formatInteger, formatLocalDate, formatPercent } from "../format.ts";
import { createTranslator, type Locale, type Translate } from "../i18n.ts";
import type { Digest, DigestSection } from "./types.ts";

export const DIGEST_CHART_SIZE: ChartSize = { width: 360, height: 500 };
/** The smallest type in the picture, in layout units; see the header for what it becomes on a phone. */
export const DIGEST_CHART_MIN_FONT = 16;

const PAD = 14;
const TITLE_FONT = 18;
const FONT = DIGEST_CHART_MIN_FONT;
const LINE = 20;
const TITLE_LINE = 23;
const BAR = 14;
const PREVIOUS_BAR = 6;
const VALUE_COLUMN = 64;
/** Space between rows, tightened when a long agency name or wrapped labels would push the last row off the picture. */
const ROW_GAPS = [9, 6, 3];
/** The width estimate (measure.ts) is close, not exact: lines are broken a little early so none runs off the edge. */
const WRAP_SLACK = 0.94;

export interface ChartRow {
  kind: "overall" | "element";
  label: string;
  /** Shown to the right of the label: the figure's n. */
  n: string;
  value: number | null;
  low: number | null;
  high: number | null;
  previous: number | null;
  /** Said instead of the bar when the figure is withheld. */
  note: string | null;
}

export type LegendEntry = "current" | "previous" | "interval";

/** What the picture shows, before any geometry: tests read it to check that every legend entry has bars. */
export interface ChartModel {
  title: string;
  subtitle: string;
  rows: ChartRow[];
  legend: { entry: LegendEntry; text: string }[];
}

function nText(n: number, l: Locale): string {
  return `n = ${formatInteger(n, l)}`;
}

export function digestChartModel(d: Digest, s: DigestSection, t: Translate): ChartModel {
  const l = d.locale;
  const minN = formatInteger(d.minN, l);
  const withheldBy = s.overallWithheldBy.map((e) => t(l, `element.${e}`)).join(", ");
  const overall: ChartRow = {
    kind: "overall",
    label: t(l, "chart.overall"),
    n: nText(s.overall.n, l),
    value: s.overall.value,
    low: s.overall.low,
    high: s.overall.high,
    previous: s.overall.change?.previous ?? null,
    note: s.overall.value !== null ? null : withheldBy ? t(l, "chart.overall_withheld", { elements: withheldBy }) : t(l, "chart.not_enough", { minN }),
  };
  const elements = s.elements.map(
    (e): ChartRow => ({
      kind: "element",
      label: t(l, `element.${e.element}`),
      n: nText(e.n, l),
      value: e.value,
      low: e.low,
      high: e.high,
      previous: e.change?.previous ?? null,
      note: e.value === null ? t(l, "chart.not_enough", { minN }) : null,
    }),
  );
  const rows = [overall, ...elements];
  const legend: ChartModel["legend"] = [];
  // A legend entry only for what is drawn: a key to bars that are not there only confuses.
  if (rows.some((r) => r.value !== null)) legend.push({ entry: "current", text: t(l, "chart.current", { label: d.period.label }) });
  if (rows.some((r) => r.previous !== null)) legend.push({ entry: "previous", text: t(l, "chart.previous", { label: d.previous.label }) });
  if (rows.some((r) => r.value !== null && r.low !== null && r.high !== null)) legend.push({ entry: "interval", text: t(l, "chart.interval") });
  return {
    title: s.agencyName,
    subtitle: t(l, "chart.digest_subtitle", {
      label: d.period.label,
      from: formatLocalDate(d.period.firstDay, l),
      to: formatLocalDate(d.period.lastDay, l),
      n: formatInteger(s.responses, l),
    }),
    rows,
    legend,
  };
}

type Graphic = Record<string, unknown>;

function text(x: number, y: number, value: string, style: Record<string, unknown> = {}): Graphic {
  return {
    type: "text",
    x,
    y,
    style: { text: value, fontFamily: BASE_TEXT.fontFamily, fontSize: FONT, fill: COLORS.text, verticalAlign: "top", ...style },
  };
}

function rect(x: number, y: number, width: number, height: number, fill: string): Graphic {
  return { type: "rect", shape: { x, y, width, height }, style: { fill } };
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, lineWidth = 2): Graphic {
  return { type: "line", shape: { x1, y1, x2, y2 }, style: { stroke, lineWidth } };
}

function legendGraphics(model: ChartModel, top: number, width: number): { graphics: Graphic[]; bottom: number } {
  const graphics: Graphic[] = [];
  const swatch = 14;
  let x = PAD;
  let y = top;
  for (const item of model.legend) {
    const w = swatch + 6 + textWidth(item.text, FONT);
    if (x > PAD && x + w > PAD + (width - 2 * PAD) * WRAP_SLACK) {
      x = PAD;
      y += LINE;
    }
    const cy = y + LINE / 2 - 2;
    if (item.entry === "current") graphics.push(rect(x, cy - 6, swatch, 12, COLORS.current));
    if (item.entry === "previous") graphics.push(rect(x, cy - PREVIOUS_BAR / 2, swatch, PREVIOUS_BAR, COLORS.previous));
    if (item.entry === "interval") {
      graphics.push(line(x + 1, cy, x + swatch - 1, cy, COLORS.interval), line(x + 1, cy - 5, x + 1, cy + 5, COLORS.interval), line(x + swatch - 1, cy - 5, x + swatch - 1, cy + 5, COLORS.interval));
    }
    graphics.push(text(x + swatch + 6, y, item.text));
    x += w + 18;
  }
  return { graphics, bottom: y + LINE };
}

function rowGraphics(row: ChartRow, top: number, width: number, l: Locale): { graphics: Graphic[]; bottom: number } {
  const g: Graphic[] = [];
  const bold = row.kind === "overall";
  const nWidth = textWidth(row.n, FONT);
  const labelLines = wrapText(row.label, FONT, (width - 2 * PAD - nWidth - 10) * WRAP_SLACK, bold);
  labelLines.forEach((ln, i) => g.push(text(PAD, top + i * LINE, ln, bold ? { fontWeight: 700 } : {})));
  g.push(text(width - PAD, top, row.n, { fill: COLORS.muted, align: "right" }));
  let y = top + labelLines.length * LINE + 2;
  const trackLeft = PAD;
  const trackWidth = width - 2 * PAD - VALUE_COLUMN;
  const at = (v: number) => trackLeft + (trackWidth * Math.max(0, Math.min(100, v))) / 100;
  if (row.value === null) {
    const noteLines = wrapText(row.note ?? "", FONT, (width - 2 * PAD) * WRAP_SLACK);
    noteLines.forEach((ln, i) => g.push(text(PAD, y + i * LINE, ln, { fill: COLORS.muted })));
    return { graphics: g, bottom: y + noteLines.length * LINE };
  }
  const color = row.kind === "overall" ? COLORS.overall : COLORS.current;
  g.push(rect(trackLeft, y, trackWidth, BAR, COLORS.track), rect(trackLeft, y, at(row.value) - trackLeft, BAR, color));
  if (row.low !== null && row.high !== null) {
    const mid = y + BAR / 2;
    const [x1, x2] = [at(row.low), at(row.high)];
    g.push(line(x1, mid, x2, mid, COLORS.interval), line(x1, y - 2, x1, y + BAR + 2, COLORS.interval), line(x2, y - 2, x2, y + BAR + 2, COLORS.interval));
  }
  g.push(text(width - PAD, y + BAR / 2 - LINE / 2 + 1, formatPercent(row.value, l, 1), { fontWeight: 700, align: "right" }));
  y += BAR + 3;
  if (row.previous !== null) g.push(rect(trackLeft, y, at(row.previous) - trackLeft, PREVIOUS_BAR, COLORS.previous));
  return { graphics: g, bottom: y + PREVIOUS_BAR };
}

function layout(model: ChartModel, l: Locale, gap: number): { graphics: Graphic[]; bottom: number } {
  const { width } = DIGEST_CHART_SIZE;
  const graphics: Graphic[] = [];
  let y = PAD;
  for (const ln of wrapText(model.title, TITLE_FONT, (width - 2 * PAD) * WRAP_SLACK, true)) {
    graphics.push(text(PAD, y, ln, { fontSize: TITLE_FONT, fontWeight: 700 }));
    y += TITLE_LINE;
  }
  for (const ln of wrapText(model.subtitle, FONT, (width - 2 * PAD) * WRAP_SLACK)) {
    graphics.push(text(PAD, y, ln, { fill: COLORS.muted }));
    y += LINE;
  }
  const legend = legendGraphics(model, y + 4, width);
  graphics.push(...legend.graphics);
  y = legend.bottom + gap + 2;
  model.rows.forEach((row, i) => {
    const r = rowGraphics(row, y, width, l);
    graphics.push(...r.graphics);
    y = r.bottom + gap;
    // The overall stands apart from the elements it is the mean of.
    if (i === 0) {
      graphics.push(line(PAD, y, width - PAD, y, COLORS.grid, 1));
      y += gap;
    }
  });
  return { graphics, bottom: y - gap };
}

export function digestChartOption(d: Digest, s: DigestSection, t: Translate) {
  const model = digestChartModel(d, s, t);
  let drawn = layout(model, d.locale, ROW_GAPS[0]!);
  for (const gap of ROW_GAPS.slice(1)) {
    if (drawn.bottom <= DIGEST_CHART_SIZE.height - PAD) break;
    drawn = layout(model, d.locale, gap);
  }
  return { textStyle: BASE_TEXT, graphic: drawn.graphics };
}

/** The chart of one agency of the digest (the first unless `agencyKey` names another) as a PNG. */
export function renderDigestChart(digest: Digest, locale: Locale, opts: { agencyKey?: string; t?: Translate } = {}): Buffer {
  if (digest.locale !== locale) throw new RangeError(`digest built for "${digest.locale}" cannot be charted in "${locale}"`);
  const section = opts.agencyKey === undefined ? digest.sections[0] : digest.sections.find((s) => s.agencyKey === opts.agencyKey);
  if (!section) throw new RangeError(`the digest has no agency ${opts.agencyKey ?? "at all"}`);
  return renderOption(digestChartOption(digest, section, opts.t ?? createTranslator()), DIGEST_CHART_SIZE);
}
