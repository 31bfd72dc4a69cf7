// The digest chart as an official sees it in Telegram on a 360 px phone: Telegram for Android draws a
// photo at most 0.7 × the screen width wide (and that width + 100 dp tall), so the picture is rendered at
// exactly that size and the height of every line of text is measured in the pixels, then compared with
// the capitals of an 11 px line rendered the same way.
import { describe, expect, it } from "vitest";
import { DIGEST_CHART_SIZE, digestChartModel, digestChartOption } from "../../src/digest/chart.ts";
import { CHART_FONT_FAMILY, optionToSvg, svgToPng } from "../../src/charts/raster.ts";
import { COLORS } from "../../src/charts/theme.ts";
import { buildDigest } from "../../src/digest/build.ts";
import { createTranslator } from "../../src/i18n.ts";
import type { Digest } from "../../src/digest/types.ts";
import { fixtureInput } from "../digest/fixture.ts";
import { countColor, decode, textBands } from "./pixels.ts";

const t = createTranslator();
const SCREEN = 360;
const PHOTO_WIDTH = Math.floor(SCREEN * 0.7);
const PHOTO_MAX_HEIGHT = PHOTO_WIDTH + 100;
const MIN_LABEL_PX = 11;

function atPhoneSize(d: Digest, agencyKey: string) {
  const section = d.sections.find((s) => s.agencyKey === agencyKey)!;
  const svg = optionToSvg(digestChartOption(d, section, t), DIGEST_CHART_SIZE);
  return decode(svgToPng(svg, DIGEST_CHART_SIZE.width, undefined, PHOTO_WIDTH / DIGEST_CHART_SIZE.width));
}

/** Cap height, in pixels, of an 11 px line of the chart font rendered at 1 px per unit. */
function capHeightOf11px(): number {
  const option = { graphic: [{ type: "text", x: 4, y: 4, style: { text: "HE0", fontFamily: CHART_FONT_FAMILY, fontSize: MIN_LABEL_PX, fill: COLORS.text, verticalAlign: "top" } }] };
  const bands = textBands(decode(svgToPng(optionToSvg(option, { width: 60, height: 24 }), 60, undefined, 1)));
  expect(bands).toHaveLength(1);
  return bands[0]!.height;
}

function withoutPreviousPeriod(): Digest {
  const input = structuredClone(fixtureInput());
  for (const g of input.report.groups) {
    g.overall.trend = null;
    for (const e of g.elements) e.trend = null;
  }
  return buildDigest(input, "en");
}

describe("digest chart on a 360 px phone", () => {
  it("is a portrait picture that Telegram shows at its full photo width", () => {
    const { width, height } = DIGEST_CHART_SIZE;
    expect(height).toBeGreaterThan(width);
    // Taller than this and Telegram would shrink it to fit the height, making the text smaller still.
    expect((PHOTO_WIDTH * height) / width).toBeLessThanOrEqual(PHOTO_MAX_HEIGHT);
  });

  it("draws every line of text at least as tall as an 11 px label, in both languages", () => {
    const cap11 = capHeightOf11px();
    expect(cap11).toBeGreaterThanOrEqual(7);
    for (const locale of ["vi", "en"] as const) {
      const d = buildDigest(fixtureInput(), locale);
      for (const agency of ["STP", "UBND-CL"]) {
        const png = atPhoneSize(d, agency);
        expect(png.width).toBe(PHOTO_WIDTH);
        const bands = textBands(png);
        // Title, dates, legend and six rows: the measurement must be finding the text at all.
        expect(bands.length, `${locale} ${agency}`).toBeGreaterThanOrEqual(12);
        const smallest = Math.min(...bands.map((b) => b.height));
        expect(smallest, `${locale} ${agency}: smallest text line ${smallest} px, an 11 px capital is ${cap11} px`).toBeGreaterThanOrEqual(cap11);
        // Nothing runs off the bottom of the picture.
        expect(bands.at(-1)!.bottom).toBeLessThan(png.height - 2);
      }
    }
  });

  it("shows the overall index as a bar of its own above the five elements", () => {
    const d = buildDigest(fixtureInput(), "vi");
    const model = digestChartModel(d, d.sections.find((s) => s.agencyKey === "STP")!, t);
    expect(model.rows.map((r) => r.kind)).toEqual(["overall", "element", "element", "element", "element", "element"]);
    expect(model.rows[0]!.value).toBeCloseTo(84.567);
    expect(countColor(atPhoneSize(d, "STP"), COLORS.overall)).toBeGreaterThan(500);
  });

  it("has no legend entry without bars", () => {
    const d = withoutPreviousPeriod();
    const model = digestChartModel(d, d.sections[0]!, t);
    expect(model.legend.map((l) => l.entry)).toEqual(["current", "interval"]);
    expect(countColor(atPhoneSize(d, d.sections[0]!.agencyKey), COLORS.previous)).toBe(0);

    const full = buildDigest(fixtureInput(), "en");
    expect(digestChartModel(full, full.sections[0]!, t).legend.map((l) => l.entry)).toEqual(["current", "previous", "interval"]);
    expect(countColor(atPhoneSize(full, "STP"), COLORS.previous)).toBeGreaterThan(200);
  });

  it("says why a withheld overall is missing instead of drawing it", () => {
    const input = structuredClone(fixtureInput());
    // Enough answers for the overall, but one element below the minimum n.
    const stp = input.report.groups.find((g) => g.key === "STP")!;
    const feedback = stp.elements.find((e) => e.element === "feedback")!;
    Object.assign(feedback, { n: 12, sufficient: false });
    const d = buildDigest(input, "en");
    const row = digestChartModel(d, d.sections.find((s) => s.agencyKey === "STP")!, t).rows[0]!;
    expect(row.value).toBeNull();
    expect(row.note).toBe("not shown: too few answers for Feedback handling");
  });
});
