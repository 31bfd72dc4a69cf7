// The digest text for fixed data, in both languages; the snapshots were read by a person once.
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/build.ts";
import { MAX_DIGEST_CHARS, renderDigestText } from "../../src/digest/render.ts";
import { createTranslator } from "../../src/i18n.ts";
import type { GroupFigures } from "../../src/indices/types.ts";
import { fixtureInput, fixtureReport } from "./fixture.ts";

const t = createTranslator();

describe("renderDigestText", () => {
  it("renders the Vietnamese digest", () => {
    expect(renderDigestText(buildDigest(fixtureInput(), "vi"), "vi", t)).toMatchInlineSnapshot(`
      "BẢN TIN MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN
      Kỳ 2026-W48: 23/11/2026 – 29/11/2026 (so với kỳ trước 2026-W47)

      Sở Tư pháp tỉnh Lạng Sơn
      • Số phiếu trả lời: 1.234 (kỳ trước: 1.180)
      • Tỷ lệ phản hồi: 40,00 % (1.234/3.085 lời mời)
      • Chỉ số hài lòng chung (trung bình cộng 5 yếu tố dưới đây): 84,57 %, khoảng tin cậy 95 %: [82,47; 86,46]
         – So với kỳ trước (82,10 %): +2,47 điểm, không có ý nghĩa thống kê (có thể chỉ là dao động ngẫu nhiên)
      • Năm yếu tố:
         – Tiếp cận dịch vụ: 88,26 % [86,36; 89,97]; +2,26 điểm, không có ý nghĩa thống kê · n = 1.230
         – Thủ tục hành chính: 81,00 % [78,80; 82,98]; +4,50 điểm, có ý nghĩa thống kê · n = 1.228
         – Công chức giải quyết công việc: 90,50 % [88,80; 92,03]; −1,25 điểm, không có ý nghĩa thống kê · n = 1.231
         – Kết quả dịch vụ: 85,10 % [83,10; 86,90]; −3,80 điểm, có ý nghĩa thống kê · n = 1.229
         – Tiếp nhận, xử lý góp ý: 77,95 % [73,35; 82,09] · n = 312
      • Hai nội dung được đánh giá thấp nhất:
         – Tiếp nhận, xử lý góp ý: 77,95 % (312 câu trả lời)
         – Thủ tục hành chính: 81,00 % (1.228 câu trả lời)

      UBND huyện Cao Lộc
      • Số phiếu trả lời: 24 (kỳ trước: 31)
      • Tỷ lệ phản hồi: chưa có lời mời nào trong kỳ
      • Chỉ số hài lòng chung: chưa đủ câu trả lời (cần ít nhất 30)
      • Năm yếu tố:
         – Tiếp cận dịch vụ: 83,33 % [74,33; 91,43]; +3,33 điểm, không có ý nghĩa thống kê · n = 30
         – Thủ tục hành chính: chưa đủ câu trả lời · n = 24
         – Công chức giải quyết công việc: chưa đủ câu trả lời · n = 24
         – Kết quả dịch vụ: chưa đủ câu trả lời · n = 24
         – Tiếp nhận, xử lý góp ý: chưa đủ câu trả lời · n = 0
      • Hai nội dung được đánh giá thấp nhất:
         – Tiếp cận dịch vụ: 83,33 % (30 câu trả lời)

      Người dân mong cơ quan cải thiện nhất (565 người chọn):
         – Ứng dụng CNTT, chuyển đổi số: 55 % (310)
         – Thái độ phục vụ: 21 % (120)
         – Thông tin cho người dân: 17 % (95)
         – Trụ sở, trang thiết bị: 7 % (40)

      Góp ý gần đây (đã ẩn thông tin cá nhân):
         – 27/11/2026: “Tôi là [tên], gọi lại giúp tôi qua số [số điện thoại] hoặc [email] nhé.”
         – 26/11/2026: “Phải chờ quá lâu ở quầy số 3, năm 2026 vẫn chưa có máy lấy số.”
         – 24/11/2026: “Cán bộ hướng dẫn rất tận tình, 5 sao!”

      Chỉ số là tỷ lệ câu trả lời “Hài lòng” hoặc “Rất hài lòng”. Số liệu có dưới 30 câu trả lời không được công bố."
    `);
  });

  it("renders the English digest", () => {
    expect(renderDigestText(buildDigest(fixtureInput(), "en"), "en", t)).toMatchInlineSnapshot(`
      "CITIZEN SATISFACTION DIGEST
      Period 2026-W48: 23 Nov 2026 – 29 Nov 2026 (compared with the previous period 2026-W47)

      Lạng Sơn Department of Justice
      • Responses: 1,234 (previous period: 1,180)
      • Response rate: 40.00% (1,234 of 3,085 invitations)
      • Overall satisfaction index (the mean of the five elements below): 84.57%, 95% confidence interval [82.47, 86.46]
         – Against the previous period (82.10%): +2.47 pts, not statistically significant (may be random variation)
      • The five elements:
         – Access to services: 88.26% [86.36, 89.97]; +2.26 pts, not significant · n = 1,230
         – Administrative procedures: 81.00% [78.80, 82.98]; +4.50 pts, significant · n = 1,228
         – Civil servants: 90.50% [88.80, 92.03]; −1.25 pts, not significant · n = 1,231
         – Service results: 85.10% [83.10, 86.90]; −3.80 pts, significant · n = 1,229
         – Feedback handling: 77.95% [73.35, 82.09] · n = 312
      • The two lowest-rated items:
         – Feedback handling: 77.95% (312 answers)
         – Administrative procedures: 81.00% (1,228 answers)

      Cao Lộc District People's Committee
      • Responses: 24 (previous period: 31)
      • Response rate: no invitations were issued in the period
      • Overall satisfaction index: not enough answers yet (at least 30 needed)
      • The five elements:
         – Access to services: 83.33% [74.33, 91.43]; +3.33 pts, not significant · n = 30
         – Administrative procedures: not enough answers yet · n = 24
         – Civil servants: not enough answers yet · n = 24
         – Service results: not enough answers yet · n = 24
         – Feedback handling: not enough answers yet · n = 0
      • The two lowest-rated items:
         – Access to services: 83.33% (30 answers)

      What citizens most want improved (565 chose a priority):
         – Online and digital services: 55% (310)
         – Staff attitude: 21% (120)
         – Information for citizens: 17% (95)
         – Premises and equipment: 7% (40)

      Recent comments (personal data removed):
         – 27 Nov 2026: “Tôi là [name], gọi lại giúp tôi qua số [phone] hoặc [email] nhé.”
         – 26 Nov 2026: “Phải chờ quá lâu ở quầy số 3, năm 2026 vẫn chưa có máy lấy số.”
         – 24 Nov 2026: “Cán bộ hướng dẫn rất tận tình, 5 sao!”

      The index is the share of answers “Satisfied” or “Very satisfied”. Figures resting on fewer than 30 answers are not published."
    `);
  });

  it("never shows a figure below the minimum n as a number", () => {
    const text = renderDigestText(buildDigest(fixtureInput({ agencyKeys: ["UBND-CL"] }), "vi"), "vi", t);
    // The raw report holds 79,30 (overall), 70,83, 91,67 and 87,50 for this agency, all on 24 answers.
    for (const withheld of ["79,3", "70,8", "91,6", "87,5", "80,00"]) expect(text).not.toContain(withheld);
    expect(text).toContain("Chỉ số hài lòng chung: chưa đủ câu trả lời (cần ít nhất 30)");
    expect(text).toContain("Thủ tục hành chính: chưa đủ câu trả lời");
    // The withheld overall's trend (−0,70 points against 80,00 %) goes with it.
    expect(text).not.toContain("0,70");
  });

  it("withholds improvement shares below the minimum n", () => {
    const d = buildDigest(fixtureInput({ improvements: { attitude: 20, digital: 9 } }), "en");
    expect(d.improvements).toEqual({ total: 29, sufficient: false, options: [] });
    expect(renderDigestText(d, "en", t)).toContain("Improvement priorities: not enough answers yet");
  });

  it("says plainly when a change is not significant, and names the direction when it is", () => {
    const vi = renderDigestText(buildDigest(fixtureInput({ agencyKeys: ["STP"] }), "vi"), "vi", t);
    expect(vi).toContain("+2,47 điểm, không có ý nghĩa thống kê");
    expect(vi).toContain("Thủ tục hành chính: 81,00 % [78,80; 82,98]; +4,50 điểm, có ý nghĩa thống kê");
    const report = fixtureReport();
    const stp = report.groups[0] as GroupFigures;
    stp.overall = { ...stp.overall, trend: { ...stp.overall.trend!, change: -5.2, previous: 89.77, significant: true } };
    const en = renderDigestText(buildDigest(fixtureInput({ report, agencyKeys: ["STP"] }), "en"), "en", t);
    expect(en).toContain("Against the previous period (89.77%): −5.20 pts, a statistically significant fall");
  });

  it("formats numbers per locale", () => {
    const vi = renderDigestText(buildDigest(fixtureInput(), "vi"), "vi", t);
    const en = renderDigestText(buildDigest(fixtureInput(), "en"), "en", t);
    expect(vi).toContain("1.234/3.085");
    expect(vi).toContain("84,57 %, khoảng tin cậy 95 %: [82,47; 86,46]");
    expect(en).toContain("1,234 of 3,085");
    expect(en).toContain("84.57%, 95% confidence interval [82.47, 86.46]");
  });

  it("stays within one message for many agencies, saying what it left out", () => {
    const report = fixtureReport();
    const base = report.groups[0] as GroupFigures;
    report.groups = Array.from({ length: 20 }, (_, i) => ({ ...base, key: `A${i}`, name: { vi: `Cơ quan số ${i + 1}`, en: `Agency ${i + 1}` } }));
    const d = buildDigest(fixtureInput({ report, agencyKeys: report.groups.map((g) => g.key) }), "vi");
    const text = renderDigestText(d, "vi", t);
    expect(text.length).toBeLessThanOrEqual(MAX_DIGEST_CHARS);
    expect(text).toContain("Phần góp ý được lược bớt");
    expect(text).toMatch(/… và \d+ cơ quan khác/);
  });

  it("lists agencies missing from the report and refuses a locale other than the digest's", () => {
    const d = buildDigest(fixtureInput({ agencyKeys: ["STP", "NOPE"] }), "en");
    expect(d.missing).toEqual(["NOPE"]);
    expect(renderDigestText(d, "en", t)).toContain("No figures for: NOPE");
    expect(() => renderDigestText(d, "vi", t)).toThrow(RangeError);
  });

  it("keeps only the three most recent comments, redacted and shortened", () => {
    const long = `${"Rất chậm. ".repeat(40)}Gọi 0912345678`;
    const d = buildDigest(fixtureInput({ comments: [{ text: long, at: new Date("2026-11-28T00:00:00Z") }, ...fixtureInput().comments] }), "vi");
    expect(d.comments).toHaveLength(3);
    expect(d.comments[0]?.text.length).toBeLessThanOrEqual(280);
    expect(d.comments.map((c) => c.text).join(" ")).not.toMatch(/0912|@example|Nguyễn Văn An/);
  });
});
