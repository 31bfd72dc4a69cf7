// The drawing primitives of the announcement card (ECharts graphic elements in layout units), and its type
// scale. The card is laid out by hand, like the digest chart, so every section knows its height up front.
import { wrapText } from "./text-wrap.ts";
import { BASE_TEXT, COLORS } from "./theme.ts";

export type Graphic = Record<string, unknown>;

export type Tone = "up" | "down" | "text" | "muted";

export const CARD_WIDTH = 360;
/**
 * Telegram for Android shows a photo at most 0.7 × the screen width wide and that width + 100 dp tall: on a
 * 360 px phone 252 × 352. A card taller than 500 units would be shrunk to that height, its text with it.
 */
export const CARD_MAX_HEIGHT = 500;
/** The smallest type: 16 units are 11.2 px on that phone (the digest chart's rule, measured in test/charts). */
export const CARD_MIN_FONT = 16;
export const PAD = 16;
export const LINE = 21;
export const INNER = CARD_WIDTH - 2 * PAD;
/** The width estimate (measure.ts) is close, not exact: lines are broken a little early so none runs off the edge. */
export const WRAP_SLACK = 0.94;

export const TONE_COLOR: Record<Tone, string> = { up: COLORS.up, down: COLORS.down, text: COLORS.text, muted: COLORS.muted };

export function text(x: number, y: number, value: string, style: Record<string, unknown> = {}): Graphic {
  return {
    type: "text",
    x,
    y,
    style: { text: value, fontFamily: BASE_TEXT.fontFamily, fontSize: CARD_MIN_FONT, fill: COLORS.text, verticalAlign: "top", ...style },
  };
}

export function rect(x: number, y: number, width: number, height: number, fill: string): Graphic {
  return { type: "rect", shape: { x, y, width: Math.max(0, width), height }, style: { fill } };
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, lineWidth = 2): Graphic {
  return { type: "line", shape: { x1, y1, x2, y2 }, style: { stroke, lineWidth } };
}

/** A small triangle pointing up or down, centred on (cx, cy): the font is not trusted with ▲ and ▼. */
export function arrow(cx: number, cy: number, dir: "up" | "down", color: string, size = 10): Graphic {
  const h = size * 0.87;
  const points = dir === "up" ? [[cx - size / 2, cy + h / 2], [cx + size / 2, cy + h / 2], [cx, cy - h / 2]] : [[cx - size / 2, cy - h / 2], [cx + size / 2, cy - h / 2], [cx, cy + h / 2]];
  return { type: "polygon", shape: { points }, style: { fill: color } };
}

/** Wrapped lines of text from `top`, each `lineHeight` apart; returns the graphics and where they end. */
export function paragraph(x: number, top: number, value: string, width: number, style: { fontSize?: number; bold?: boolean; fill?: string } = {}, lineHeight = LINE) {
  const size = style.fontSize ?? CARD_MIN_FONT;
  const lines = wrapText(value, size, width * WRAP_SLACK, style.bold);
  const graphics = lines.map((ln, i) => text(x, top + i * lineHeight, ln, { fontSize: size, ...(style.bold ? { fontWeight: 700 } : {}), ...(style.fill ? { fill: style.fill } : {}) }));
  return { graphics, bottom: top + lines.length * lineHeight };
}

/** A line of the card with an arrow for a rise or a fall, coloured by its tone. */
export function toneLine(top: number, value: string, tone: Tone, width = INNER) {
  const indent = tone === "up" || tone === "down" ? 16 : 0;
  const p = paragraph(PAD + indent, top, value, width - indent, { fill: TONE_COLOR[tone] });
  const graphics = tone === "up" || tone === "down" ? [arrow(PAD + 5, top + LINE / 2 - 1, tone, TONE_COLOR[tone]), ...p.graphics] : p.graphics;
  return { graphics, bottom: p.bottom };
}
