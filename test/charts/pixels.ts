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
