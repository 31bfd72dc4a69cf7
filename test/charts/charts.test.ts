// The chart pictures: they decode, have the promised size, draw Vietnamese with the shipped font (a
// reference image catches missing glyphs). How fast they render: npm run bench:charts.
// UPDATE_CHART_FIXTURES=1 rewrites the reference; look at the new image before committing it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DIGEST_CHART_SIZE, renderDigestChart } from "../../src/digest/chart.ts";
import { CHART_FONT_FAMILY, CHART_SCALE, optionToSvg, renderOption, svgToPng } from "../../src/charts/raster.ts";
import { CARD_MAX_HEIGHT, CARD_WIDTH, renderResultCard, resultCardLayout } from "../../src/charts/result-card.ts";
import { buildDigest } from "../../src/digest/build.ts";
import { createTranslator } from "../../src/i18n.ts";
import { fixtureInput } from "../digest/fixture.ts";
import { LANG_SON, NATIONAL_2021, NATIONAL_2023 } from "./lang-son-card.ts";
import { decode, inkDifference, inkPixels } from "./pixels.ts";

const t = createTranslator();
const REFERENCE = path.resolve(import.meta.dirname, "../fixtures/charts/vietnamese-text.png");
const SAMPLE = "Chỉ số hài lòng – Tiếp cận dịch vụ ≥ 80 %";
const SAMPLE_SIZE = { width: 600, height: 80 };
const TOLERANCE = 0.02;

function sampleOption(text: string) {
  return { title: { text, left: 16, top: 22, textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 26, fontWeight: 400, color: "#000" } } };
}


describe("charts", () => {
  it("renders the Vietnamese sample like the reference image (missing glyphs would fail)", () => {
    const png = renderOption(sampleOption(SAMPLE), SAMPLE_SIZE);
    if (process.env.UPDATE_CHART_FIXTURES === "1") fs.writeFileSync(REFERENCE, png);
    const reference = decode(fs.readFileSync(REFERENCE));
    const actual = decode(png);
    expect([actual.width, actual.height]).toEqual([SAMPLE_SIZE.width * CHART_SCALE, SAMPLE_SIZE.height * CHART_SCALE]);
    expect(inkPixels(reference)).toBeGreaterThan(2000);
    expect(inkDifference(actual, reference)).toBeLessThan(TOLERANCE);
  });

  it("tells a render without the diacritics or without the font apart from the reference", () => {
    const reference = decode(fs.readFileSync(REFERENCE));
    // What a font without Vietnamese glyphs amounts to at best: the bare Latin letters.
    const stripped = SAMPLE.normalize("NFD").replace(/\p{M}/gu, "").replace("≥", ">=");
    expect(inkDifference(decode(renderOption(sampleOption(stripped), SAMPLE_SIZE)), reference)).toBeGreaterThan(10 * TOLERANCE);
    // No font at all (what resvg does with an unknown family and no system fonts): no text.
    const noFont = decode(svgToPng(optionToSvg(sampleOption(SAMPLE), SAMPLE_SIZE), SAMPLE_SIZE.width, { files: [], family: "Missing" }));
    expect(inkDifference(noFont, reference)).toBeGreaterThan(10 * TOLERANCE);
  });

  it("renders the digest chart at its size, for both languages and a withheld agency", () => {
    for (const locale of ["vi", "en"] as const) {
      const digest = buildDigest(fixtureInput(), locale);
      for (const agencyKey of ["STP", "UBND-CL"]) {
        const png = decode(renderDigestChart(digest, locale, { agencyKey, t }));
        expect([png.width, png.height]).toEqual([DIGEST_CHART_SIZE.width * CHART_SCALE, DIGEST_CHART_SIZE.height * CHART_SCALE]);
        expect(inkPixels(png)).toBeGreaterThan(50_000);
      }
    }
    expect(() => renderDigestChart(buildDigest(fixtureInput(), "vi"), "vi", { agencyKey: "NOPE", t })).toThrow(RangeError);
  });

  it("renders the result card as wide as a phone's photo and no taller than Telegram shows it whole", () => {
    for (const card of [LANG_SON, NATIONAL_2021, NATIONAL_2023]) {
      const png = decode(renderResultCard(card));
      expect(png.width).toBe(CARD_WIDTH * CHART_SCALE);
      expect(png.height).toBeLessThanOrEqual(CARD_MAX_HEIGHT * CHART_SCALE);
      expect(png.height).toBe(resultCardLayout(card).size.height * CHART_SCALE);
      expect(inkPixels(png)).toBeGreaterThan(30_000);
    }
  });

  it("puts the card's words and each locale's numbers into the picture", () => {
    const svgOf = (card: typeof LANG_SON) => optionToSvg(resultCardLayout(card).option, resultCardLayout(card).size);
    const vi = svgOf(LANG_SON);
    for (const s of ["TỈNH LẠNG SƠN", "87,11 %", "87,07 %", "23/63", "tăng 13 bậc so với năm 2020", "Nguồn: hanhchinhcong.langson.gov.vn"]) expect(vi).toContain(s);
    const en = svgOf(NATIONAL_2023);
    for (const s of ["82.66%", "Access to services", "83.02%", "Source: en.vietnamplus.vn"]) expect(en).toContain(s);
  });
});
