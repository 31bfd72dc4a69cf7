// ECharts option → SVG (server-side, no DOM) → PNG with resvg and the Be Vietnam Pro font shipped on
// npm. System fonts are never loaded: a server's fonts differ from a laptop's, and Debian's Noto Sans
// draws "≥" as a box, whereas Be Vietnam Pro covers all of Vietnamese and the symbols we print.
import { createRequire } from "node:module";
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import type * as echarts from "echarts";
import { echartsModule } from "./echarts-module.ts";
import { installTextMeasure } from "./measure.ts";

export const CHART_FONT_FAMILY = "Be Vietnam Pro";
/** Pixels per SVG unit in the PNG: sharp on phone screens without making the layout in tiny units. */
export const CHART_SCALE = 2;

export interface ChartSize {
  width: number;
  height: number;
}

export interface FontChoice {
  /** Font files to load; only these are available to the renderer. */
  files: string[];
  family: string;
}

let shipped: FontChoice | undefined;

/** Resolved once and reused: resvg-js takes font paths (not buffers), so the path list is what we share. */
export function shippedFont(): FontChoice {
  if (!shipped) {
    const require = createRequire(import.meta.url);
    const file = (weight: string) => require.resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`);
    shipped = { files: [file("400Regular"), file("600SemiBold"), file("700Bold")], family: CHART_FONT_FAMILY };
  }
  return shipped;
}

const optionsCache = new Map<string, ResvgRenderOptions>();

function resvgOptions(pixelWidth: number, font: FontChoice): ResvgRenderOptions {
  const key = `${pixelWidth}\u0000${font.family}\u0000${font.files.join("\u0000")}`;
  let o = optionsCache.get(key);
  if (!o) {
    o = {
      fitTo: { mode: "width", value: pixelWidth },
      // Generic families (ECharts' default is sans-serif) resolve to the shipped font too, never to a guess.
      font: { loadSystemFonts: false, fontFiles: font.files, defaultFontFamily: font.family, sansSerifFamily: font.family },
      background: "#ffffff",
      logLevel: "off",
    };
    optionsCache.set(key, o);
  }
  return o;
}

/** Renders an ECharts option to an SVG string; animation is off, as nothing would ever play it. */
export function optionToSvg(option: echarts.EChartsCoreOption, size: ChartSize): string {
  installTextMeasure();
  const chart = echartsModule().init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Rasterises an SVG of the given layout width at CHART_SCALE pixels per unit (or another scale, e.g. a phone's). */
export function svgToPng(svg: string, width: number, font: FontChoice = shippedFont(), scale = CHART_SCALE): Buffer {
  return new Resvg(svg, resvgOptions(Math.round(width * scale), font)).render().asPng();
}

export function renderOption(option: echarts.EChartsCoreOption, size: ChartSize, font: FontChoice = shippedFont()): Buffer {
  return svgToPng(optionToSvg(option, size), size.width, font);
}
