// The announcement's picture of official results, laid out for a phone (360 units wide, at most 500 tall,
// type never under 16 units: see card-draw.ts): a band with the province's or agency's name, the title, one
// block per index (value, rank, and lines for its change, record, sample, average), then the sub-indices as
// bars with their change where held, the series where two or more years are held, and the source. What does
// not fit goes first: the series, then the sub-indices' spacing and the second line of their names, then the
// lines marked optional (averages, then the sample), then the sub-indices. The words come in ready (announce/result-card-model.ts); this file
// only places them.
import { CHART_SCALE, optionToSvg, svgToPng, type ChartSize } from "./raster.ts";
import { CARD_MAX_HEIGHT, CARD_WIDTH, INNER, LINE, PAD, line, paragraph, rect, text, toneLine, type Graphic, type Tone } from "./card-draw.ts";
import { partsSection, type CardParts } from "./card-parts.ts";
import { trendSection, TREND_MIN_POINTS, type CardTrend } from "./card-trend.ts";
import { BASE_TEXT, COLORS } from "./theme.ts";

export type { CardParts, CardPartRow } from "./card-parts.ts";
export type { CardTrend } from "./card-trend.ts";
export { CARD_MAX_HEIGHT, CARD_MIN_FONT, CARD_WIDTH } from "./card-draw.ts";

export interface CardLine {
  text: string;
  tone: Tone;
  /** May be left out when the card is too tall: 1 goes first (an average the post states anyway), then 2. */
  optional?: 1 | 2;
}

export interface CardBlock {
  /** "PAR INDEX", "SIPAS"; empty when the title already names the one index. */
  label: string;
  /** "87,07 %", or null when only a rank was published. */
  value: string | null;
  /** "Xếp hạng" / "Rank", and "31/63". */
  rankLabel: string;
  rank: string | null;
  lines: CardLine[];
}

export interface ResultCard {
  /** The province's emblem text or the agency's name: "TỈNH LẠNG SƠN". */
  header: string;
  title: string;
  blocks: CardBlock[];
  parts: CardParts | null;
  trend: CardTrend | null;
  /** "Nguồn: hanhchinhcong.langson.gov.vn". */
  source: string;
}

const BAND = 38;
const VALUE_FONT = 44;
const RANK_FONT = 26;
const MIN_HEIGHT = 260;
const PART_GAPS = [8, 4, 1];

function blockGraphics(b: CardBlock, top: number, dropped: number): { graphics: Graphic[]; bottom: number } {
  const g: Graphic[] = [];
  let y = top;
  if (b.label) {
    g.push(text(PAD, top, b.label, { fontWeight: 700, fill: COLORS.muted }));
    y += LINE + 2;
  }
  g.push(text(PAD - 2, y, b.value ?? "–", { fontSize: VALUE_FONT, fontWeight: 700, fill: COLORS.current }));
  if (b.rank) {
    g.push(text(PAD + INNER, y + 2, b.rankLabel, { align: "right", fill: COLORS.muted }));
    g.push(text(PAD + INNER, y + LINE, b.rank, { align: "right", fontSize: RANK_FONT, fontWeight: 700 }));
  }
  y += VALUE_FONT + 10;
  for (const l of b.lines) {
    if (l.optional !== undefined && l.optional <= dropped) continue;
    const drawn = toneLine(y, l.text, l.tone);
    g.push(...drawn.graphics);
    y = drawn.bottom;
  }
  return { graphics: g, bottom: y };
}

interface Variant {
  trend: boolean;
  parts: boolean;
  partGap: number;
  /** Sub-indices' names cut to one line. */
  compact: boolean;
  /** Optional lines up to this level are left out. */
  dropped: number;
}

function layout(c: ResultCard, v: Variant): { graphics: Graphic[]; bottom: number } {
  const g: Graphic[] = [rect(0, 0, CARD_WIDTH, BAND, COLORS.current), text(PAD, 10, c.header, { fontWeight: 700, fill: "#ffffff", width: INNER, overflow: "truncate" })];
  const title = paragraph(PAD, BAND + 10, c.title, INNER, { fontSize: 18, bold: true }, 23);
  g.push(...title.graphics);
  let y = title.bottom + 8;
  c.blocks.forEach((b, i) => {
    if (i > 0) {
      g.push(line(PAD, y, PAD + INNER, y, COLORS.grid, 1));
      y += 8;
    }
    const drawn = blockGraphics(b, y, v.dropped);
    g.push(...drawn.graphics);
    y = drawn.bottom + 8;
  });
  if (v.parts && c.parts && c.parts.rows.length > 0) {
    g.push(line(PAD, y, PAD + INNER, y, COLORS.grid, 1));
    const drawn = partsSection(c.parts, y + 8, v.partGap, v.compact);
    g.push(...drawn.graphics);
    y = drawn.bottom + 10;
  }
  if (v.trend && c.trend && c.trend.points.length >= TREND_MIN_POINTS) {
    g.push(line(PAD, y, PAD + INNER, y, COLORS.grid, 1));
    const drawn = trendSection(c.trend, y + 8);
    g.push(...drawn.graphics);
    y = drawn.bottom + 10;
  }
  const source = paragraph(PAD, y + 4, c.source, INNER, { fill: COLORS.muted });
  g.push(...source.graphics);
  return { graphics: g, bottom: source.bottom };
}

// The sub-indices' bars are worth more than an average the post states anyway, and less than the headline.
const TIGHT = PART_GAPS.at(-1)!;
const VARIANTS: Variant[] = [
  { trend: true, parts: true, partGap: PART_GAPS[0]!, compact: false, dropped: 0 },
  ...PART_GAPS.map((partGap) => ({ trend: false, parts: true, partGap, compact: false, dropped: 0 })),
  { trend: false, parts: true, partGap: TIGHT, compact: true, dropped: 0 },
  { trend: false, parts: true, partGap: TIGHT, compact: true, dropped: 1 },
  { trend: false, parts: true, partGap: TIGHT, compact: true, dropped: 2 },
  { trend: false, parts: false, partGap: 0, compact: false, dropped: 2 },
];

/** The option and the size it needs: as tall as its content, within CARD_MAX_HEIGHT. */
export function resultCardLayout(c: ResultCard): { option: Record<string, unknown>; size: ChartSize; shown: { trend: boolean; parts: boolean } } {
  let chosen = VARIANTS[VARIANTS.length - 1]!;
  let drawn = layout(c, chosen);
  for (const v of VARIANTS) {
    const d = layout(c, v);
    if (d.bottom + PAD <= CARD_MAX_HEIGHT) {
      chosen = v;
      drawn = d;
      break;
    }
  }
  const height = Math.min(CARD_MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(drawn.bottom + PAD)));
  const shown = {
    trend: chosen.trend && (c.trend?.points.length ?? 0) >= TREND_MIN_POINTS,
    parts: chosen.parts && (c.parts?.rows.length ?? 0) > 0,
  };
  return { option: { textStyle: BASE_TEXT, graphic: drawn.graphics }, size: { width: CARD_WIDTH, height }, shown };
}

/** The PNG, at CHART_SCALE pixels per unit or another scale (a phone's, in tests). */
export function renderResultCard(card: ResultCard, scale = CHART_SCALE): Buffer {
  const { option, size } = resultCardLayout(card);
  return svgToPng(optionToSvg(option, size), size.width, undefined, scale);
}
