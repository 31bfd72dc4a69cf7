// A QR code label for receipt printers: the code, the agency's name and "Quét để đánh giá / Scan to rate".
// Composed as SVG by hand (the QR matrix comes from `qrcode`), rasterised by resvg with a font shipped
// on npm, so no browser, canvas or system font is needed and Vietnamese diacritics always render.
import { createRequire } from "node:module";
import { renderAsync, type ResvgRenderOptions } from "@resvg/resvg-js";
import QRCode from "qrcode";
import { cleanLine } from "../text-input.ts";

/** Printable widths in dots at 203 dpi: 58 mm paper prints 48 mm (384 dots), 80 mm prints 72 mm (576). */
export const RECEIPT_WIDTHS = { "58": 384, "80": 576 } as const;
export type ReceiptSize = keyof typeof RECEIPT_WIDTHS;

export interface QrLabel {
  /** What the code encodes (the landing page URL). */
  url: string;
  agencyName: string;
  /** The line under the name, e.g. "Quét để đánh giá / Scan to rate". */
  caption: string;
  size?: ReceiptSize;
}

const FONT_FAMILY = "Be Vietnam Pro";
const QUIET_ZONE = 4; // modules of white around the code, as the QR standard requires
const MAX_NAME_LINES = 3;

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Advance widths in em, a little generous for Be Vietnam Pro, so estimated lines never overflow.
 * resvg lays out text but cannot tell us where to break, and a name only needs a safe estimate.
 */
function charWidthEm(ch: string): number {
  if (ch === " ") return 0.28;
  if ("iljtfrI.,:;'!|()-/".includes(ch)) return 0.36;
  if ("mwMW".includes(ch)) return 0.92;
  if (/\p{Lu}/u.test(ch)) return 0.74;
  if (/\p{N}/u.test(ch)) return 0.64;
  return 0.6;
}

function textWidth(s: string, fontSize: number): number {
  let w = 0;
  for (const ch of s.normalize("NFC")) w += charWidthEm(ch);
  return w * fontSize;
}

/** Greedy word wrap to `maxWidth`; the last allowed line ends with "…" when the name is longer. */
export function wrapText(text: string, fontSize: number, maxWidth: number, maxLines: number): string[] {
  const words = text.normalize("NFC").trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (textWidth(candidate, fontSize) <= maxWidth || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  const fitted = lines.map((l) => shorten(l, fontSize, maxWidth));
  if (fitted.length <= maxLines) return fitted;
  const kept = fitted.slice(0, maxLines);
  kept[maxLines - 1] = shorten(`${kept[maxLines - 1]}…`, fontSize, maxWidth);
  return kept;
}

function shorten(line: string, fontSize: number, maxWidth: number): string {
  if (textWidth(line, fontSize) <= maxWidth) return line;
  const chars = [...line.replace(/…$/, "")];
  while (chars.length > 1 && textWidth(`${chars.join("")}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

/** Dark modules as one path in module units: one rectangle per horizontal run. */
function modulesPath(modules: QRCode.BitMatrix): string {
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      parts.push(`M${start} ${row}h${col - start}v1h${start - col}z`);
    }
  }
  return parts.join("");
}

export function renderQrSvg(label: QrLabel): string {
  const width = RECEIPT_WIDTHS[label.size ?? "58"];
  // Level M survives a smudged or creased receipt and keeps modules big enough for cheap thermal heads.
  const { modules } = QRCode.create(label.url, { errorCorrectionLevel: "M" });
  // Whole pixels per module keep every edge sharp when the image is printed dot for dot.
  const scale = Math.floor(width / (modules.size + 2 * QUIET_ZONE));
  const qrSide = scale * modules.size;
  const qrX = Math.floor((width - qrSide) / 2);
  const qrY = QUIET_ZONE * scale;

  const nameSize = Math.round(width * 0.06);
  const captionSize = Math.round(width * 0.055);
  const margin = Math.round(width * 0.05);
  // A name stored before names were checked may hold control characters, which XML forbids: resvg would
  // refuse the whole label, so they are drawn as spaces instead.
  const nameLines = wrapText(cleanLine(label.agencyName), nameSize, width - 2 * margin, MAX_NAME_LINES);
  // The caption is bold, a little wider than the regular weight the estimate is made for. When it does
  // not fit on one line, each language gets its own line rather than a break in mid-phrase.
  const boldSize = captionSize * 1.06;
  const captionLines =
    textWidth(label.caption, boldSize) <= width - 2 * margin
      ? [label.caption]
      : label.caption.split(/\s+\/\s+/).flatMap((part) => wrapText(part, boldSize, width - 2 * margin, 2));

  let y = qrY + qrSide + Math.round(scale * 2.5);
  const texts: string[] = [];
  const line = (text: string, size: number, weight: number) => {
    y += Math.round(size * 1.05);
    texts.push(`<text x="${width / 2}" y="${y}" font-size="${size}" font-weight="${weight}">${escapeXml(text)}</text>`);
    y += Math.round(size * 0.3);
  };
  for (const l of nameLines) line(l, nameSize, 400);
  y += Math.round(captionSize * 0.5);
  for (const l of captionLines) line(l, captionSize, 700);
  const height = y + margin;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<path transform="translate(${qrX} ${qrY}) scale(${scale})" shape-rendering="crispEdges" fill="#000" d="${modulesPath(modules)}"/>`,
    `<g font-family="${FONT_FAMILY}, sans-serif" text-anchor="middle" fill="#000">`,
    ...texts,
    `</g>`,
    `</svg>`,
  ].join("\n");
}

export interface QrRenderer {
  svg(label: QrLabel): string;
  /** A PNG at the printer's width in dots (one SVG pixel = one dot). */
  png(label: QrLabel): Promise<Buffer>;
}

/** Resolves the font files once per renderer (not at import), so the module stays cheap to load. */
export function createQrRenderer(): QrRenderer {
  let options: ResvgRenderOptions | undefined;
  const renderOptions = (): ResvgRenderOptions => {
    if (!options) {
      const require = createRequire(import.meta.url);
      const font = (weight: string) => require.resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`);
      options = {
        font: { loadSystemFonts: false, fontFiles: [font("400Regular"), font("700Bold")], defaultFontFamily: FONT_FAMILY },
        background: "#fff",
        fitTo: { mode: "original" },
        logLevel: "off",
      };
    }
    return options;
  };
  return {
    svg: renderQrSvg,
    async png(label) {
      // renderAsync runs on libuv's pool, so a burst of receipts does not stall the HTTP server.
      const image = await renderAsync(renderQrSvg(label), renderOptions());
      return image.asPng();
    },
  };
}

