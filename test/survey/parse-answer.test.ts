import { describe, expect, it } from "vitest";
import { foldText, isBackWord, isSkipWord, parseChoice, parseLikert } from "../../src/survey/parse-answer.ts";
import type { ChoiceItem } from "../../src/survey/types.ts";

const nfd = (s: string) => s.normalize("NFD");

describe("foldText", () => {
  it.each([
    ["Rất Hài Lòng", "rat hai long"],
    [nfd("Rất Hài Lòng"), "rat hai long"],
    ["  ĐƯỢC   rồi  ", "duoc roi"],
    ["đ Đ", "d d"],
    ["«bỏ qua!»", "bo qua"],
    ["4️⃣", "4"],
    ["line\nbreak\ttab", "line break tab"],
  ])("%j → %j", (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });
});

describe("parseLikert", () => {
  const positives: [string, number][] = [
    ["4", 4],
    [" 4 ", 4],
    ["1", 1],
    ["5", 5],
    ["4 sao", 4],
    ["4sao", 4],
    ["4 điểm", 4],
    ["4đ", 4],
    ["4/5", 4],
    ["4 / 5", 4],
    ["4 stars", 4],
    ["4.", 4],
    ["4️⃣", 4],
    ["4⃣", 4],
    ["1️⃣", 1],
    ["⭐", 1],
    ["⭐⭐⭐⭐", 4],
    ["⭐️⭐️⭐️⭐️⭐️", 5],
    ["★★★", 3],
    ["hài lòng", 4],
    ["Hài lòng", 4],
    ["hai long", 4],
    ["rất hài lòng", 5],
    ["rat hai long", 5],
    ["Rất hài lòng!", 5],
    ["RẤT KHÔNG HÀI LÒNG", 1],
    ["rat khong hai long", 1],
    ["không hài lòng", 2],
    ["khong hai long", 2],
    ["chưa hài lòng", 2],
    ["bình thường", 3],
    ["binh thuong", 3],
    ["very satisfied", 5],
    ["Satisfied", 4],
    ["neutral", 3],
    ["ok", 3],
    ["OK", 3],
    ["dissatisfied", 2],
    ["unsatisfied", 2],
    ["very dissatisfied", 1],
    ["4 - Hài lòng", 4],
    ["5 – Rất hài lòng", 5],
  ];
  it.each(positives)("NFC %j → %i", (text, score) => {
    expect(parseLikert(text.normalize("NFC"))).toBe(score);
  });
  it.each(positives)("NFD %j → %i", (text, score) => {
    expect(parseLikert(nfd(text))).toBe(score);
  });

  it.each([
    "6",
    "0",
    "45",
    "4.5",
    "",
    "   ",
    "👍",
    "😡😡",
    "⭐⭐⭐⭐⭐⭐",
    "'; DROP TABLE answer;--",
    "<b>4</b>",
    "4 - rất hài lòng",
    "hài lòng lắm nhưng chậm",
    "tôi không hài lòng về thời gian chờ",
    "khong",
    "long",
    "4".repeat(200),
    "hello",
  ])("%j → null", (text) => {
    expect(parseLikert(text)).toBeNull();
    expect(parseLikert(nfd(text))).toBeNull();
  });

  it("does not read 'không hài lòng' as 'hài lòng'", () => {
    expect(parseLikert("khong hai long")).not.toBe(4);
    expect(parseLikert("rat khong hai long")).not.toBe(5);
  });
});

describe("parseChoice", () => {
  const item: ChoiceItem = {
    id: "improve",
    kind: "choice",
    element: null,
    text: { vi: "Cải thiện gì?", en: "Improve what?" },
    optional: true,
    options: [
      { id: "information", text: { vi: "Thông tin cho người dân", en: "Information for citizens" } },
      { id: "attitude", text: { vi: "Thái độ phục vụ", en: "Staff attitude" } },
      { id: "digital", text: { vi: "Ứng dụng CNTT, chuyển đổi số", en: "Online and digital services" } },
    ],
  };

  it.each([
    ["1", "information"],
    [" 2 ", "attitude"],
    ["3.", "digital"],
    ["Thái độ phục vụ", "attitude"],
    ["thai do phuc vu", "attitude"],
    [nfd("THÁI ĐỘ PHỤC VỤ"), "attitude"],
    ["staff attitude", "attitude"],
    ["ung dung cntt, chuyen doi so", "digital"],
  ])("%j → %s", (text, id) => {
    expect(parseChoice(item, text)).toBe(id);
  });

  it.each(["0", "4", "01x", "", "thái độ", "attitude", "1 2", "<b>1</b>"])("%j → null", (text) => {
    expect(parseChoice(item, text)).toBeNull();
  });
});

describe("skip and back words", () => {
  it.each(["bỏ qua", "Bỏ qua", nfd("BỎ QUA"), "bo qua", "skip", "Skip.", "/skip"])("skip: %j", (t) => {
    expect(isSkipWord(t)).toBe(true);
  });
  it.each(["quay lại", nfd("Quay lại"), "quay lai", "back", "BACK", "trở lại"])("back: %j", (t) => {
    expect(isBackWord(t)).toBe(true);
  });
  it.each(["bỏ", "qua", "4", "hài lòng", "skipping", "go back now"])("neither: %j", (t) => {
    expect(isSkipWord(t)).toBe(false);
    expect(isBackWord(t)).toBe(false);
  });
});
