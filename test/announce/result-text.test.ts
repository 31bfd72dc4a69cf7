// The post about an official result, in both languages, for fixed registry rows: every figure comes from the
// rows, the comparison from the year before when it exists and was measured the same way.
import { describe, expect, it } from "vitest";
import { ordinal, resultCardOf, resultFacts, resultText } from "../../src/announce/result-text.ts";
import { createTranslator } from "../../src/i18n.ts";
import { OFFICIAL_INDICES } from "../../src/results/indices.ts";
import { OFFICIAL_UNITS } from "../../src/results/units.ts";
import type { StoredResult } from "../../src/store/official-results.ts";

const t = createTranslator();
const SRC = "https://hanhchinhcong.langson.gov.vn/sipas-2021";

function row(indexCode: string, unitCode: string, year: number, value: number | null, rank: number | null, extra: Partial<StoredResult> = {}): StoredResult {
  const unit = OFFICIAL_UNITS.find((u) => u.code === unitCode)!;
  return {
    indexCode,
    unitCode,
    year,
    value,
    rank,
    of: rank === null ? null : 63,
    grade: null,
    sourceUrl: SRC,
    verification: "verified",
    note: null,
    unitNameVi: unit.nameVi,
    unitNameEn: unit.nameEn,
    unitKind: unit.kind,
    ...extra,
  };
}

function texts(rows: StoredResult[], year: number) {
  const current = rows.find((r) => r.year === year)!;
  const facts = resultFacts(
    current,
    rows,
    OFFICIAL_INDICES.find((i) => i.code === current.indexCode)!,
    OFFICIAL_UNITS.find((u) => u.code === current.unitCode)!,
  );
  return { vi: resultText(facts, "vi", t), en: resultText(facts, "en", t), facts };
}

describe("official result → post text", () => {
  it("Lạng Sơn SIPAS 2021, 2020 in the registry: the sentence exactly as the press writes it", () => {
    const { vi, en } = texts([row("SIPAS", "20", 2020, null, 39), row("SIPAS", "20", 2021, 87.07, 31)], 2021);
    expect(vi.split("\n")[0]).toBe("Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63, tăng 8 bậc so với năm 2020.");
    expect(vi).toMatchInlineSnapshot(`
      "Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63, tăng 8 bậc so với năm 2020.

      Nguồn: https://hanhchinhcong.langson.gov.vn/sipas-2021"
    `);
    expect(en).toMatchInlineSnapshot(`
      "In 2021, the SIPAS index of Lang Son province was 87.07%, ranking 31st of 63, up 8 places from 2020.

      Source: https://hanhchinhcong.langson.gov.vn/sipas-2021"
    `);
  });

  it("both value and rank of the year before: the rank in the sentence, the value's change in one more", () => {
    const { vi, en } = texts([row("SIPAS", "20", 2020, 84.5, 39), row("SIPAS", "20", 2021, 87.07, 31)], 2021);
    expect(vi).toMatchInlineSnapshot(`
      "Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63, tăng 8 bậc so với năm 2020. Giá trị chỉ số tăng 2,57 điểm phần trăm so với năm 2020 (84,50 %).

      Nguồn: https://hanhchinhcong.langson.gov.vn/sipas-2021"
    `);
    expect(en).toMatchInlineSnapshot(`
      "In 2021, the SIPAS index of Lang Son province was 87.07%, ranking 31st of 63, up 8 places from 2020. The value rose by 2.57 points from 2020 (84.50%).

      Source: https://hanhchinhcong.langson.gov.vn/sipas-2021"
    `);
  });

  it("no year before in the registry: the figures alone, no invented comparison", () => {
    const { vi, en } = texts([row("SIPAS", "20", 2021, 87.07, 31)], 2021);
    expect(vi.split("\n")[0]).toBe("Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63.");
    expect(en.split("\n")[0]).toBe("In 2021, the SIPAS index of Lang Son province was 87.07%, ranking 31st of 63.");
  });

  it("a rank that fell (by one place: singular in English) or stayed", () => {
    const fell = texts([row("SIPAS", "56", 2020, 81.82, 55), row("SIPAS", "56", 2021, 84.4, 56)], 2021);
    expect(fell.vi.split("\n")[0]).toBe(
      "Năm 2021, Chỉ số SIPAS của tỉnh Khánh Hòa đạt 84,40 %, xếp hạng 56/63, giảm 1 bậc so với năm 2020. Giá trị chỉ số tăng 2,58 điểm phần trăm so với năm 2020 (81,82 %).",
    );
    expect(fell.en.split("\n")[0]).toBe(
      "In 2021, the SIPAS index of Khanh Hoa province was 84.40%, ranking 56th of 63, down 1 place from 2020. The value rose by 2.58 points from 2020 (81.82%).",
    );
    const same = texts([row("SIPAS", "22", 2020, null, 1), row("SIPAS", "22", 2021, null, 1)], 2021);
    expect(same.vi.split("\n")[0]).toBe("Năm 2021, Chỉ số SIPAS của tỉnh Quảng Ninh xếp hạng 1/63, giữ nguyên thứ hạng so với năm 2020.");
    expect(same.en.split("\n")[0]).toBe("In 2021, the SIPAS index of Quang Ninh province ranked 1st of 63, the same rank as in 2020.");
  });

  it("PAR INDEX carries its group; a fall of several places", () => {
    const { vi, en } = texts(
      [row("PAR_INDEX", "20", 2020, 88.2, 10, { grade: "B" }), row("PAR_INDEX", "20", 2021, 87.11, 23, { grade: "B" })],
      2021,
    );
    expect(vi.split("\n")[0]).toBe(
      "Năm 2021, Chỉ số cải cách hành chính (PAR INDEX) của tỉnh Lạng Sơn đạt 87,11 %, xếp hạng 23/63, thuộc nhóm B, giảm 13 bậc so với năm 2020. Giá trị chỉ số giảm 1,09 điểm phần trăm so với năm 2020 (88,20 %).",
    );
    expect(en.split("\n")[0]).toBe(
      "In 2021, the Public Administration Reform Index (PAR INDEX) of Lang Son province was 87.11%, ranking 23rd of 63, in group B, down 13 places from 2020. The value fell by 1.09 points from 2020 (88.20%).",
    );
  });

  it("a value without ranks joins the sentence; an aggregate and a city are named as such", () => {
    const vn = texts([row("SIPAS", "VN", 2020, 85.48, null), row("SIPAS", "VN", 2021, 87.16, null)], 2021);
    expect(vn.vi.split("\n")[0]).toBe("Năm 2021, Chỉ số SIPAS trung bình 63 tỉnh, thành phố đạt 87,16 %, tăng 1,68 điểm phần trăm so với năm 2020.");
    expect(vn.en.split("\n")[0]).toBe("In 2021, the SIPAS index (average of the 63 provinces) was 87.16%, up 1.68 points from 2020.");
    const hcm = texts([row("SIPAS", "79", 2021, 83, 45)], 2021);
    expect(hcm.vi.split("\n")[0]).toBe("Năm 2021, Chỉ số SIPAS của thành phố Hồ Chí Minh đạt 83,00 %, xếp hạng 45/63.");
    expect(hcm.en.split("\n")[0]).toBe("In 2021, the SIPAS index of Ho Chi Minh City was 83.00%, ranking 45th of 63.");
  });

  it("a SIPAS component is named after its part", () => {
    const { vi, en } = texts([row("SIPAS_ACCESS", "20", 2021, 88.4, 20)], 2021);
    expect(vi.split("\n")[0]).toBe("Năm 2021, Chỉ số thành phần SIPAS “Tiếp cận dịch vụ” của tỉnh Lạng Sơn đạt 88,40 %, xếp hạng 20/63.");
    expect(en.split("\n")[0]).toBe("In 2021, the SIPAS component “Access to services” of Lang Son province was 88.40%, ranking 20th of 63.");
  });

  it("a new method: no comparison with the old years, in the text and on the card", () => {
    const rows = [
      row("SIPAS", "22", 2021, 90, 1),
      row("SIPAS", "22", 2022, 87.59, 1, { note: "new method from 2022: not comparable with 2021" }),
      row("SIPAS", "22", 2023, 90.61, 1),
    ];
    const y2022 = texts(rows, 2022);
    expect(y2022.vi.split("\n")[0]).toBe(
      "Năm 2022, Chỉ số SIPAS của tỉnh Quảng Ninh đạt 87,59 %, xếp hạng 1/63. Từ năm 2022, chỉ số được đánh giá theo phương pháp mới nên không so sánh trực tiếp với các năm trước.",
    );
    expect(resultCardOf(y2022.facts, "vi")).toMatchObject({ change: null, valueChange: null, history: [{ year: 2022, value: 87.59 }] });
    const y2023 = texts(rows, 2023);
    expect(y2023.en.split("\n")[0]).toBe(
      "In 2023, the SIPAS index of Quang Ninh province was 90.61%, ranking 1st of 63, the same rank as in 2022. The value rose by 3.02 points from 2022 (87.59%).",
    );
    expect(resultCardOf(y2023.facts, "en").history).toEqual([
      { year: 2022, value: 87.59 },
      { year: 2023, value: 90.61 },
    ]);
  });

  it("the card gets the same figures: rank change, value change, history up to the year", () => {
    const { facts } = texts([row("SIPAS", "20", 2019, 80.1, 45), row("SIPAS", "20", 2020, 84.5, 39), row("SIPAS", "20", 2021, 87.07, 31)], 2021);
    expect(resultCardOf(facts, "vi")).toEqual({
      unitName: "Lạng Sơn",
      indexName: "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)",
      year: 2021,
      value: 87.07,
      rank: 31,
      of: 63,
      change: 8,
      valueChange: 2.57,
      previousYear: 2020,
      history: [
        { year: 2019, value: 80.1 },
        { year: 2020, value: 84.5 },
        { year: 2021, value: 87.07 },
      ],
    });
  });

  it("English ordinals", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31, 63, 101, 111].map(ordinal)).toEqual([
      "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st", "63rd", "101st", "111th",
    ]);
  });
});
