// ECharts lays text out (legend spacing, label wrapping) with its own width estimate when there is no
// canvas, tuned for Helvetica; Be Vietnam Pro is wider, so the legend items ran into each other. This
// estimate uses Be Vietnam Pro's proportions and leans wide: extra space is harmless, overlap is not.
import { echartsModule } from "./echarts-module.ts";

const NARROW = new Set([..." .,:;'’|!()[]-–/ijlIfrt"]);
const WIDE = new Set([..."mwMW%@"]);
// Be Vietnam Pro's figures are tabular and wider than its average lowercase letter.
const DIGITS = new Set([..."0123456789"]);

function emWidth(ch: string, bold: boolean): number {
  // Vietnamese letters are their base letter plus marks that take no advance width.
  const base = ch.normalize("NFD")[0] ?? ch;
  let w = NARROW.has(base) ? 0.32 : WIDE.has(base) ? 0.9 : DIGITS.has(base) ? 0.68 : base >= "A" && base <= "Z" ? 0.7 : 0.6;
  if (base === " ") w = 0.27;
  return bold ? w * 1.06 : w;
}

export function measureText(text: string, font?: string): { width: number } {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? "")?.[1] ?? 12);
  const bold = /\bbold\b|\b[6-9]00\b/.test(font ?? "");
  let em = 0;
  for (const ch of text) em += emWidth(ch, bold);
  return { width: em * size };
}

let installed = false;

/** Installs the estimate into ECharts once; the setting is process-wide and only charts here use ECharts. */
export function installTextMeasure(): void {
  if (installed) return;
  echartsModule().setPlatformAPI({ measureText });
  installed = true;
}
