// The announcement card as a reader sees it in Telegram on a 360 px phone: a photo at most 0.7 × the screen
// wide and that width + 100 dp tall, so the card is rendered at exactly that width and every line of text is
// measured in the pixels against the capitals of an 11 px line, as the digest chart is. Also: the series only
// from two years on, the sub-indices as bars, and what gives way when a card would be too tall.
import { describe, expect, it } from "vitest";
import { CARD_MAX_HEIGHT, CARD_WIDTH, renderResultCard, resultCardLayout, type ResultCard } from "../../src/charts/result-card.ts";
import { CHART_FONT_FAMILY, optionToSvg, svgToPng } from "../../src/charts/raster.ts";
import { COLORS } from "../../src/charts/theme.ts";
import { LANG_SON, NATIONAL_2021, NATIONAL_2023 } from "./lang-son-card.ts";
import { countColor, decode, textBands } from "./pixels.ts";

const SCREEN = 360;
const PHOTO_WIDTH = Math.floor(SCREEN * 0.7);
const PHOTO_MAX_HEIGHT = PHOTO_WIDTH + 100;

function atPhoneSize(card: ResultCard) {
  return decode(renderResultCard(card, PHOTO_WIDTH / CARD_WIDTH));
}

function capHeightOf11px(): number {
  const option = { graphic: [{ type: "text", x: 4, y: 4, style: { text: "HE0", fontFamily: CHART_FONT_FAMILY, fontSize: 11, fill: COLORS.text, verticalAlign: "top" } }] };
  const bands = textBands(decode(svgToPng(optionToSvg(option, { width: 60, height: 24 }), 60, undefined, 1)));
  return bands[0]!.height;
}

/** Eight fields with long names, a value and a change each, under a headline with every kind of line. */
const CROWDED: ResultCard = {
  ...NATIONAL_2021,
  blocks: [{ ...NATIONAL_2021.blocks[0]!, lines: [...NATIONAL_2021.blocks[0]!.lines, { text: "Khảo sát 400 phiếu / 3.366 người", tone: "muted", optional: 2 }, { text: "Trung bình 63 tỉnh, thành phố: 86,37 %", tone: "muted", optional: 1 }] }],
  parts: {
    title: "Lĩnh vực",
    rows: Array.from({ length: 8 }, (_, i) => ({ label: `Lĩnh vực số ${i + 1} có tên khá dài của chỉ số cải cách`, value: 80 + i, valueText: `${80 + i},00 %`, change: { text: "+1,00", tone: "up" as const } })),
  },
};

describe("announcement card on a 360 px phone", () => {
  const cards = { LANG_SON, NATIONAL_2021, NATIONAL_2023, CROWDED };

  it("is shown whole at Telegram's photo width, every line of text at least as tall as an 11 px label, nothing cut off", () => {
    const cap11 = capHeightOf11px();
    for (const [name, card] of Object.entries(cards)) {
      const png = atPhoneSize(card);
      expect(png.width, name).toBe(PHOTO_WIDTH);
      expect(png.height, name).toBeLessThanOrEqual(PHOTO_MAX_HEIGHT);
      const bands = textBands(png);
      expect(bands.length, name).toBeGreaterThanOrEqual(4);
      const smallest = Math.min(...bands.map((b) => b.height));
      expect(smallest, `${name}: smallest text line ${smallest} px, an 11 px capital is ${cap11} px`).toBeGreaterThanOrEqual(cap11);
      expect(bands.at(-1)!.bottom, name).toBeLessThan(png.height - 2);
      expect(resultCardLayout(card).size.height, name).toBeLessThanOrEqual(CARD_MAX_HEIGHT);
    }
  });

  it("draws the series only from two years on", () => {
    expect(resultCardLayout(NATIONAL_2021).shown.trend).toBe(true);
    const oneYear = { ...NATIONAL_2021, trend: { ...NATIONAL_2021.trend!, points: NATIONAL_2021.trend!.points.slice(-1) } };
    expect(resultCardLayout(oneYear).shown.trend).toBe(false);
    const line = (c: ResultCard) => JSON.stringify(resultCardLayout(c).option).split('"circle"').length - 1;
    expect(line(NATIONAL_2021)).toBe(4);
    expect(line(oneYear)).toBe(0);
  });

  it("draws the sub-indices as bars on a 0–100 track", () => {
    expect(resultCardLayout(NATIONAL_2023).shown.parts).toBe(true);
    const png = atPhoneSize(NATIONAL_2023);
    expect(countColor(png, COLORS.track)).toBeGreaterThan(500);
    expect(countColor(atPhoneSize(LANG_SON), COLORS.track)).toBe(0);
  });

  it("gives way in order when too tall: the series first, then the names' second lines and the optional lines, keeping the bars", () => {
    const shown = resultCardLayout(CROWDED);
    expect(shown.shown).toEqual({ trend: false, parts: true });
    const svg = optionToSvg(shown.option, shown.size);
    expect(svg).not.toContain("Trung bình 63 tỉnh");
    expect(svg).toMatch(/Lĩnh vực số 8 [^<]*…/);
    // The Lạng Sơn card keeps every line: it fits.
    expect(optionToSvg(resultCardLayout(LANG_SON).option, resultCardLayout(LANG_SON).size)).toContain("Khảo sát 400 phiếu / 3.366 người");
  });
});
