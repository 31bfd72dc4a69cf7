// Image comparison for the chart tests: the share of "ink" pixels that differ, so a sample that is
// mostly white background cannot hide a wrong glyph behind a tiny whole-image ratio.
import { PNG } from "pngjs";

export function decode(buf: Buffer): PNG {
  return PNG.sync.read(buf);
}

const INK = 200; // a channel below this (on white) is part of a glyph
const DIFF = 64; // anti-aliasing differences between builds stay below this per channel

function isInk(d: Buffer, i: number): boolean {
  return d[i]! < INK || d[i + 1]! < INK || d[i + 2]! < INK;
}

/** Differing pixels ÷ pixels that are ink in either image; 1 when sizes differ. */
export function inkDifference(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let ink = 0;
  let diff = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const inked = isInk(a.data, i) || isInk(b.data, i);
    if (!inked) continue;
    ink++;
    const d = Math.max(Math.abs(a.data[i]! - b.data[i]!), Math.abs(a.data[i + 1]! - b.data[i + 1]!), Math.abs(a.data[i + 2]! - b.data[i + 2]!));
    if (d > DIFF) diff++;
  }
  return ink === 0 ? 0 : diff / ink;
}

export function inkPixels(p: PNG): number {
  let n = 0;
  for (let i = 0; i < p.data.length; i += 4) if (isInk(p.data, i)) n++;
  return n;
}

/** Pixels of exactly this colour (anti-aliased edges aside), e.g. a series' fill. */
export function countColor(p: PNG, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < p.data.length; i += 4) if (Math.abs(p.data[i]! - r!) <= 2 && Math.abs(p.data[i + 1]! - g!) <= 2 && Math.abs(p.data[i + 2]! - b!) <= 2) n++;
  return n;
}

/**
 * Text pixels are the chart's grey text colours, whatever their anti-aliased lightness: for a colour
 * blended with white, (blue − red) / (255 − red) stays that colour's own hue ratio, about 0.1–0.2 for the
 * text colours and 0.28 or more for the bars, tracks and interval marks, which are therefore left out.
 */
function isText(d: Buffer, i: number): boolean {
  const [r, g, b] = [d[i]!, d[i + 1]!, d[i + 2]!];
  const dark = 255 - Math.min(r, g, b);
  if (dark < 48) return false;
  const base = 255 - r;
  return (b - r) / base < 0.24 && (g - r) / base < 0.24;
}

/**
 * A band is one line of text: a run of pixel rows holding text pixels, where a single empty row (between
 * a letter and its diacritic at phone size) does not end the line.
 */
export function textBands(p: PNG): { top: number; bottom: number; height: number }[] {
  const rows: boolean[] = [];
  for (let y = 0; y < p.height; y++) {
    let text = false;
    for (let x = 0; x < p.width && !text; x++) text = isText(p.data, (y * p.width + x) * 4);
    rows.push(text);
  }
  const bands: { top: number; bottom: number; height: number }[] = [];
  let top = -1;
  for (let y = 0; y <= p.height; y++) {
    const text = rows[y] === true || (top >= 0 && rows[y + 1] === true && y < p.height);
    if (text && top < 0) top = y;
    if (!text && top >= 0) {
      bands.push({ top, bottom: y - 1, height: y - top });
      top = -1;
    }
  }
  return bands;
}
