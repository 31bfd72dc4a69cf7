// The post about official results, in both languages, for fixed registry rows: every figure comes from the
// rows; a change the source printed keeps its figure, one computed from two years is in points; a record only
// where the series shows one; the parts that rose and fell; the sample; the average; both indices together;
// the same facts in both languages, each in its own number style, within what staff may edit.
import { describe, expect, it } from "vitest";
import { indexFacts, type ResultFacts } from "../../src/announce/result-facts.ts";
import { ordinal, resultTexts } from "../../src/announce/result-text.ts";
import { resultCardOf } from "../../src/announce/result-card-model.ts";
import { MAX_TEXT_CHARS } from "../../src/announce/lifecycle.ts";
import { createTranslator } from "../../src/i18n.ts";
import { OFFICIAL_INDICES, partsOf } from "../../src/results/indices.ts";
import { NO_DETAILS } from "../../src/results/row.ts";
import { OFFICIAL_UNITS } from "../../src/results/units.ts";
import type { StoredResult } from "../../src/store/official-results.ts";

const t = createTranslator();
const SRC = "https://hanhchinhcong.langson.gov.vn/sipas-2021";
const AVG_SRC = "https://giaoducthoidai.vn/sipas-2021";

function row(indexCode: string, unitCode: string, year: number, value: number | null, rank: number | null, extra: Partial<StoredResult> = {}): StoredResult {
  const unit = OFFICIAL_UNITS.find((u) => u.code === unitCode)!;
  return {
    ...NO_DETAILS,
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

/** The facts of a post about `codes` for the unit and year of `rows`' current rows. */
function factsOf(rows: StoredResult[], codes: string[], unitCode: string, year: number): ResultFacts {
  const unit = OFFICIAL_UNITS.find((u) => u.code === unitCode)!;
  return {
    unit,
    year,
    indices: codes.map((code) => {
      const index = OFFICIAL_INDICES.find((i) => i.code === code)!;
      const parts = partsOf(index, OFFICIAL_INDICES);
      const own = rows.filter((r) => r.indexCode === code && r.unitCode === unitCode);
      return indexFacts(
        {
          current: own.find((r) => r.year === year)!,
          own,
          parts: rows.filter((r) => parts.some((p) => p.code === r.indexCode) && r.unitCode === unitCode),
          average: rows.find((r) => r.indexCode === code && r.unitCode === "VN" && r.year === year) ?? null,
        },
        index,
        unit,
        parts,
      );
    }),
  };
}

function texts(rows: StoredResult[], year: number, codes = [rows.find((r) => r.year === year)!.indexCode], unitCode = rows.find((r) => r.year === year)!.unitCode) {
  const facts = factsOf(rows, codes, unitCode, year);
  return { ...resultTexts(facts, t), facts };
}

const first = (s: string) => s.split("\n")[0];

/** Lạng Sơn's 2021 results as the province's own report states them (the shipped registry holds the same). */
const LANG_SON_2021 = [
  row("PAR_INDEX", "20", 2021, 87.11, 23, { grade: "B", valueChange: 3.31, valueTrend: "up", rankChange: 13, rankTrend: "up", subUp: 5, subBasis: "score", highestSince: "start" }),
  row("PAR_PROCEDURES", "20", 2021, null, null, { valueTrend: "up" }),
  row("PAR_IMPACT", "20", 2021, null, null, { valueTrend: "up" }),
  row("PAR_INDEX", "VN", 2021, 86.37, null, { sourceUrl: "https://stttt.quangngai.gov.vn/par-2021" }),
  row("SIPAS", "20", 2021, 87.07, 31, { valueChange: 3.1, valueTrend: "up", rankChange: 8, rankTrend: "up", sampleSize: 400, sampleFrame: 3366, subUp: 1, subDown: 3, subBasis: "score_and_rank" }),
  row("SIPAS", "VN", 2021, 87.16, null, { sourceUrl: AVG_SRC }),
];

describe("official results → post text", () => {
  it("Lạng Sơn 2021, both indices together: what the province's report says, and only that", () => {
    const { vi, en } = texts(LANG_SON_2021, 2021, ["PAR_INDEX", "SIPAS"], "20");
    expect(vi).toBe(
      [
        "Năm 2021, Chỉ số cải cách hành chính (PAR INDEX) của tỉnh Lạng Sơn đạt 87,11 %, xếp hạng 23/63, thuộc nhóm B, tăng 3,31 và tăng 13 bậc so với năm 2020, là kết quả cao nhất từ khi có chỉ số này. Trong 8 lĩnh vực, 5 lĩnh vực tăng điểm, trong đó có Cải cách thủ tục hành chính và Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội. Trung bình 63 tỉnh, thành phố: 86,37 %.",
        "",
        "Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63, tăng 3,1 và tăng 8 bậc so với năm 2020. Trong 5 chỉ số thành phần, 3 chỉ số giảm cả điểm số và thứ hạng, 1 chỉ số tăng cả điểm số và thứ hạng. Khảo sát 400 phiếu trên tổng số 3.366 người. Trung bình 63 tỉnh, thành phố: 87,16 %.",
        "",
        `Nguồn: ${SRC}`,
        "Nguồn số liệu trung bình: https://stttt.quangngai.gov.vn/par-2021",
        AVG_SRC,
      ].join("\n"),
    );
    expect(en).toBe(
      [
        "In 2021, the Public Administration Reform Index (PAR INDEX) of Lang Son province was 87.11%, ranking 23rd of 63, in group B, up 3.31 and up 13 places from 2020, the highest since the index began. Of the 8 fields, 5 rose, among them Administrative procedure reform and Impact of reform on people, organisations and the economy. Average of the 63 provinces: 86.37%.",
        "",
        "In 2021, the SIPAS index of Lang Son province was 87.07%, ranking 31st of 63, up 3.1 and up 8 places from 2020. Of the 5 sub-indices, 3 fell in both score and rank, 1 rose in both score and rank. Survey of 400 questionnaires among 3,366 people. Average of the 63 provinces: 87.16%.",
        "",
        `Source: ${SRC}`,
        "Source of the averages: https://stttt.quangngai.gov.vn/par-2021",
        AVG_SRC,
      ].join("\n"),
    );
  });

  it("the same facts in both languages: every number of one is in the other, in each language's style", () => {
    const { vi, en } = texts(LANG_SON_2021, 2021, ["PAR_INDEX", "SIPAS"], "20");
    const numbers = (s: string, decimal: string) =>
      (s.replace(/https?:\/\/\S+/g, "").match(/\d[\d.,]*\d|\d/g) ?? []).map((n) => n.replace(decimal === "," ? /\./g : /,/g, "").replace(",", ".")).sort();
    expect(numbers(vi, ",")).toEqual(numbers(en, "."));
    expect(vi).toContain("87,07 %");
    expect(en).toContain("87.07%");
    expect(vi).toContain("3.366");
    expect(en).toContain("3,366");
  });

  it("one index at a time carries its own average and source", () => {
    const { vi, en } = texts(LANG_SON_2021, 2021, ["SIPAS"], "20");
    expect(vi).toBe(
      `Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63, tăng 3,1 và tăng 8 bậc so với năm 2020. Trong 5 chỉ số thành phần, 3 chỉ số giảm cả điểm số và thứ hạng, 1 chỉ số tăng cả điểm số và thứ hạng. Khảo sát 400 phiếu trên tổng số 3.366 người. Trung bình 63 tỉnh, thành phố: 87,16 %.\n\nNguồn: ${SRC}\nNguồn số liệu trung bình: ${AVG_SRC}`,
    );
    expect(first(en)).toBe(
      "In 2021, the SIPAS index of Lang Son province was 87.07%, ranking 31st of 63, up 3.1 and up 8 places from 2020. Of the 5 sub-indices, 3 fell in both score and rank, 1 rose in both score and rank. Survey of 400 questionnaires among 3,366 people. Average of the 63 provinces: 87.16%.",
    );
  });

  it("only a rank the year before in the registry: the rank's change alone, no invented value change", () => {
    const { vi, en } = texts([row("SIPAS", "20", 2020, null, 39), row("SIPAS", "20", 2021, 87.07, 31)], 2021);
    expect(vi).toBe(`Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63, tăng 8 bậc so với năm 2020.\n\nNguồn: ${SRC}`);
    expect(en).toBe(`In 2021, the SIPAS index of Lang Son province was 87.07%, ranking 31st of 63, up 8 places from 2020.\n\nSource: ${SRC}`);
  });

  it("computed from the year before's row: points, with the value they started from", () => {
    const { vi, en } = texts([row("SIPAS", "20", 2020, 84.5, 39), row("SIPAS", "20", 2021, 87.07, 31)], 2021);
    expect(first(vi)).toBe("Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63, tăng 2,57 điểm phần trăm (từ 84,50 %) và tăng 8 bậc so với năm 2020.");
    expect(first(en)).toBe("In 2021, the SIPAS index of Lang Son province was 87.07%, ranking 31st of 63, up 2.57 points (from 84.50%) and up 8 places from 2020.");
  });

  it("no year before: the figures alone", () => {
    const { vi, en } = texts([row("SIPAS", "20", 2021, 87.07, 31)], 2021);
    expect(first(vi)).toBe("Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63.");
    expect(first(en)).toBe("In 2021, the SIPAS index of Lang Son province was 87.07%, ranking 31st of 63.");
  });

  it("a rank that fell by one place (singular in English) or stayed; a fall in value", () => {
    const fell = texts([row("SIPAS", "56", 2020, 81.82, 55), row("SIPAS", "56", 2021, 84.4, 56)], 2021);
    expect(first(fell.vi)).toBe("Năm 2021, Chỉ số SIPAS của tỉnh Khánh Hòa đạt 84,40 %, xếp hạng 56/63, tăng 2,58 điểm phần trăm (từ 81,82 %) và giảm 1 bậc so với năm 2020.");
    expect(first(fell.en)).toBe("In 2021, the SIPAS index of Khanh Hoa province was 84.40%, ranking 56th of 63, up 2.58 points (from 81.82%) and down 1 place from 2020.");
    const same = texts([row("SIPAS", "22", 2020, null, 1), row("SIPAS", "22", 2021, null, 1, { rankChange: 0, rankTrend: "same" })], 2021);
    expect(first(same.vi)).toBe("Năm 2021, Chỉ số SIPAS của tỉnh Quảng Ninh xếp hạng 1/63, giữ nguyên thứ hạng so với năm 2020.");
    expect(first(same.en)).toBe("In 2021, the SIPAS index of Quang Ninh province ranked 1st of 63, the same rank as in 2020.");
    const down = texts([row("PAR_INDEX", "75", 2021, null, null, { valueChange: -0.49, valueTrend: "down" })], 2021);
    expect(first(down.vi)).toBe("Năm 2021, Chỉ số cải cách hành chính (PAR INDEX) của tỉnh Đồng Nai giảm 0,49 so với năm 2020.");
    expect(first(down.en)).toBe("In 2021, the Public Administration Reform Index (PAR INDEX) of Dong Nai province was down 0.49 from 2020.");
  });

  it("the highest since …: only when every year in between is held", () => {
    const series = [row("SIPAS", "72", 2017, 79.76, null), row("SIPAS", "72", 2018, 81.24, null), row("SIPAS", "72", 2019, 83.45, 40)];
    const { vi, en } = texts(series, 2019);
    expect(first(vi)).toBe("Năm 2019, Chỉ số SIPAS của tỉnh Tây Ninh đạt 83,45 %, xếp hạng 40/63, tăng 2,21 điểm phần trăm (từ 81,24 %) so với năm 2018, là kết quả cao nhất từ năm 2017 đến nay.");
    expect(first(en)).toBe("In 2019, the SIPAS index of Tay Ninh province was 83.45%, ranking 40th of 63, up 2.21 points (from 81.24%) from 2018, the highest of any year since 2017.");
    const gap = texts([series[0]!, series[2]!], 2019);
    expect(gap.vi).not.toContain("cao nhất");
    expect(gap.en).not.toContain("highest");
  });

  it("sub-indices: values listed when nothing is known of their moves; named when only some moved", () => {
    const elements = partsOf(OFFICIAL_INDICES.find((i) => i.code === "SIPAS")!, OFFICIAL_INDICES);
    const values = [83, 83.02, 83.12, 83.03, 82.27];
    const vn = texts([row("SIPAS", "VN", 2023, 82.66, null), ...elements.map((e, i) => row(e.code, "VN", 2023, values[i]!, null))], 2023);
    expect(first(vn.vi)).toBe(
      "Năm 2023, Chỉ số SIPAS trung bình 63 tỉnh, thành phố đạt 82,66 %. Chỉ số thành phần: Tiếp cận dịch vụ 83,00 %; Thủ tục hành chính 83,02 %; Công chức trực tiếp giải quyết công việc 83,12 %; Kết quả cung ứng dịch vụ 83,03 %; Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị 82,27 %.",
    );
    const ht = texts([row("SIPAS", "42", 2021, 91.17, 5, { rankChange: 6, rankTrend: "up" }), row("SIPAS_PROCEDURES", "42", 2021, null, null, { valueTrend: "down" }), row("SIPAS_RESULTS", "42", 2021, null, null, { valueTrend: "down" })], 2021);
    expect(first(ht.vi)).toBe("Năm 2021, Chỉ số SIPAS của tỉnh Hà Tĩnh đạt 91,17 %, xếp hạng 5/63, tăng 6 bậc so với năm 2020. Chỉ số thành phần giảm điểm: Thủ tục hành chính, Kết quả cung ứng dịch vụ.");
    expect(first(ht.en)).toBe("In 2021, the SIPAS index of Ha Tinh province was 91.17%, ranking 5th of 63, up 6 places from 2020. Sub-indices that fell: Administrative procedures, Service results.");
    // Every element's direction known from two years: counted, and named.
    const both = texts(
      [row("SIPAS", "20", 2021, 87.07, 31), ...elements.flatMap((e, i) => [row(e.code, "20", 2020, 85, 30), row(e.code, "20", 2021, i < 3 ? 86 : 84, 30)])],
      2021,
    );
    expect(both.vi.split("\n")[0]).toContain("Trong 5 chỉ số thành phần, 3 chỉ số tăng điểm (Tiếp cận dịch vụ, Thủ tục hành chính và Công chức trực tiếp giải quyết công việc), 2 chỉ số giảm điểm (Kết quả cung ứng dịch vụ và Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị).");
    expect(both.en.split("\n")[0]).toContain("Of the 5 sub-indices, 3 rose (Access to services, Administrative procedures and Civil servants), 2 fell (Service results and Handling feedback and petitions).");
  });

  it("a new method: no comparison with the old years, in the text and on the card", () => {
    const rows = [
      row("SIPAS", "22", 2021, 90, 1),
      row("SIPAS", "22", 2022, 87.59, 1, { note: "new method from 2022: not comparable with 2021" }),
      row("SIPAS", "22", 2023, 90.61, 1),
    ];
    const y2022 = texts(rows, 2022);
    expect(first(y2022.vi)).toBe(
      "Năm 2022, Chỉ số SIPAS của tỉnh Quảng Ninh đạt 87,59 %, xếp hạng 1/63. Từ năm 2022, chỉ số được đánh giá theo phương pháp mới nên không so sánh trực tiếp với các năm trước.",
    );
    expect(resultCardOf(y2022.facts, "vi", t).trend).toBeNull();
    const y2023 = texts(rows, 2023);
    expect(first(y2023.en)).toBe("In 2023, the SIPAS index of Quang Ninh province was 90.61%, ranking 1st of 63, up 3.02 points (from 87.59%) from 2022, at the same rank.");
    expect(resultCardOf(y2023.facts, "en", t).trend?.points.map((p) => p.label)).toEqual(["2022", "2023"]);
  });

  it("too long with every source's full address: sources named by their site, the same way in both languages", () => {
    const long = (s: string) => `https://example.gov.vn/${s}/${"x".repeat(150)}`;
    const rows = LANG_SON_2021.map((r) => ({ ...r, sourceUrl: long(`${r.indexCode}-${r.unitCode}`) }));
    const { vi, en } = texts(rows, 2021, ["PAR_INDEX", "SIPAS"], "20");
    for (const text of [vi, en]) expect([...text].length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(vi).toContain("Trung bình 63 tỉnh, thành phố: 87,16 %.");
    expect(en).toContain("Average of the 63 provinces: 87.16%.");
    expect(vi.split("\n").slice(-2)).toEqual(["Nguồn: example.gov.vn", "Nguồn số liệu trung bình: example.gov.vn"]);
    expect(en.split("\n").slice(-2)).toEqual(["Source: example.gov.vn", "Source of the averages: example.gov.vn"]);
  });

  it("a city, an aggregate and a SIPAS element are named as such", () => {
    const hcm = texts([row("SIPAS", "79", 2021, 83, 45)], 2021);
    expect(first(hcm.vi)).toBe("Năm 2021, Chỉ số SIPAS của thành phố Hồ Chí Minh đạt 83,00 %, xếp hạng 45/63.");
    expect(first(hcm.en)).toBe("In 2021, the SIPAS index of Ho Chi Minh City was 83.00%, ranking 45th of 63.");
    const vn = texts([row("SIPAS", "VN", 2020, 85.48, null), row("SIPAS", "VN", 2021, 87.16, null)], 2021);
    expect(first(vn.vi)).toBe("Năm 2021, Chỉ số SIPAS trung bình 63 tỉnh, thành phố đạt 87,16 %, tăng 1,68 điểm phần trăm (từ 85,48 %) so với năm 2020.");
    expect(first(vn.en)).toBe("In 2021, the SIPAS index (average of the 63 provinces) was 87.16%, up 1.68 points (from 85.48%) from 2020.");
    const access = texts([row("SIPAS_ACCESS", "20", 2021, 88.4, 20)], 2021);
    expect(first(access.vi)).toBe("Năm 2021, Chỉ số thành phần SIPAS “Tiếp cận dịch vụ” của tỉnh Lạng Sơn đạt 88,40 %, xếp hạng 20/63.");
    expect(first(access.en)).toBe("In 2021, the SIPAS component “Access to services” of Lang Son province was 88.40%, ranking 20th of 63.");
  });

  it("English ordinals", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31, 63, 101, 111].map(ordinal)).toEqual([
      "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st", "63rd", "101st", "111th",
    ]);
  });
});

describe("official results → card", () => {
  it("the card says what the post says: the province as on its emblem, each index's figures and changes, the source's site", () => {
    const facts = factsOf(LANG_SON_2021, ["PAR_INDEX", "SIPAS"], "20", 2021);
    const vi = resultCardOf(facts, "vi", t);
    expect(vi.header).toBe("TỈNH LẠNG SƠN");
    expect(vi.title).toBe("Kết quả công bố năm 2021");
    expect(vi.blocks.map((b) => [b.label, b.value, b.rank])).toEqual([
      ["PAR INDEX · nhóm B", "87,11 %", "23/63"],
      ["SIPAS", "87,07 %", "31/63"],
    ]);
    expect(vi.blocks[0]!.lines.map((l) => [l.text, l.tone])).toEqual([
      ["tăng 13 bậc so với năm 2020", "up"],
      ["tăng 3,31 so với năm 2020", "up"],
      ["Cao nhất từ khi có chỉ số này", "text"],
      ["Lĩnh vực: 5/8 tăng", "text"],
      ["Trung bình 63 tỉnh, thành phố: 86,37 %", "muted"],
    ]);
    expect(vi.blocks[1]!.lines.map((l) => l.text)).toContain("Chỉ số thành phần: 1/5 tăng, 3/5 giảm (cả điểm và hạng)");
    expect(vi.blocks[1]!.lines.map((l) => l.text)).toContain("Khảo sát 400 phiếu / 3.366 người");
    // Nothing held for two years, and parts on a post about two indices would not fit: neither is drawn.
    expect([vi.trend, vi.parts]).toEqual([null, null]);
    expect(vi.source).toBe("Nguồn: hanhchinhcong.langson.gov.vn");
    const en = resultCardOf(facts, "en", t);
    expect(en.header).toBe("LANG SON PROVINCE");
    expect(en.blocks[1]!.lines[0]).toEqual({ text: "up 8 places from 2020", tone: "up" });
  });

  it("one index's sub-indices become bars with their change; the count stays when the bars are not all of them", () => {
    const elements = partsOf(OFFICIAL_INDICES.find((i) => i.code === "SIPAS")!, OFFICIAL_INDICES);
    const rows = [row("SIPAS", "20", 2021, 87.07, 31), ...elements.flatMap((e, i) => [row(e.code, "20", 2020, 85, 30), row(e.code, "20", 2021, i < 3 ? 86.5 : 84, 30)])];
    const card = resultCardOf(factsOf(rows, ["SIPAS"], "20", 2021), "vi", t);
    expect(card.parts?.rows.map((r) => [r.label, r.valueText, r.change?.text, r.change?.tone])).toEqual([
      ["Tiếp cận dịch vụ", "86,50 %", "+1,50", "up"],
      ["Thủ tục hành chính", "86,50 %", "+1,50", "up"],
      ["Công chức trực tiếp giải quyết công việc", "86,50 %", "+1,50", "up"],
      ["Kết quả cung ứng dịch vụ", "84,00 %", "−1,00", "down"],
      ["Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", "84,00 %", "−1,00", "down"],
    ]);
    expect(card.blocks[0]!.lines.some((l) => l.text.startsWith("Chỉ số thành phần"))).toBe(false);
    const par = resultCardOf(factsOf(LANG_SON_2021, ["PAR_INDEX"], "20", 2021), "en", t);
    expect(par.parts?.rows.map((r) => [r.label, r.value, r.change?.text])).toEqual([
      ["Administrative procedure reform", null, "up"],
      ["Impact of reform on people, organisations and the economy", null, "up"],
    ]);
    expect(par.blocks[0]!.lines.map((l) => l.text)).toContain("Fields: 5/8 up");
  });
});
