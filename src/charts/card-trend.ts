// The card's series: the unit's value over the years as a line with its points, the years beneath and the
// values above. Only drawn from two years on: one dot "over the years" says nothing.
import { CARD_MIN_FONT, INNER, LINE, PAD, line, paragraph, text, type Graphic } from "./card-draw.ts";
import { textWidth } from "./text-wrap.ts";
import { COLORS } from "./theme.ts";

export interface CardTrend {
  title: string;
  points: { label: string; value: number; valueText: string }[];
}

export const TREND_MIN_POINTS = 2;
const PLOT = 70;

export function trendSection(tr: CardTrend, top: number): { graphics: Graphic[]; bottom: number } {
  const g: Graphic[] = [];
  const title = paragraph(PAD, top, tr.title, INNER, { bold: true, fill: COLORS.muted });
  g.push(...title.graphics);
  const plotTop = title.bottom + 6 + LINE;
  const n = tr.points.length;
  const values = tr.points.map((p) => p.value);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const span = hi - lo || 1;
  // Room at both ends for a centred label.
  const edge = Math.max(...tr.points.map((p) => Math.max(textWidth(p.valueText, CARD_MIN_FONT, true), textWidth(p.label, CARD_MIN_FONT)))) / 2 + 2;
  const x = (i: number) => (n === 1 ? PAD + INNER / 2 : PAD + edge + ((INNER - 2 * edge) * i) / (n - 1));
  const y = (v: number) => plotTop + PLOT - 8 - ((PLOT - 16) * (v - lo)) / span;
  const step = (INNER - 2 * edge) / Math.max(1, n - 1);
  // Labels that would touch their neighbours are thinned out, keeping the first and the last.
  const every = Math.max(1, Math.ceil((2 * edge + 6) / Math.max(1, step)));
  const shown = (i: number) => i === 0 || i === n - 1 || (i % every === 0 && n - 1 - i >= every);
  g.push(line(PAD, plotTop + PLOT, PAD + INNER, plotTop + PLOT, COLORS.grid, 1));
  for (let i = 1; i < n; i++) g.push(line(x(i - 1), y(values[i - 1]!), x(i), y(values[i]!), COLORS.current, 3));
  tr.points.forEach((p, i) => {
    g.push({ type: "circle", shape: { cx: x(i), cy: y(p.value), r: 4.5 }, style: { fill: COLORS.current } });
    if (!shown(i)) return;
    g.push(text(x(i), y(p.value) - LINE - 2, p.valueText, { align: "center", fontWeight: 700 }));
    g.push(text(x(i), plotTop + PLOT + 3, p.label, { align: "center", fill: COLORS.muted }));
  });
  return { graphics: g, bottom: plotTop + PLOT + 3 + LINE };
}
