// Personal data in citizen comments: each kind is hidden, and ordinary numbers and words are kept.
import { describe, expect, it } from "vitest";
import { redact } from "../../src/digest/redact.ts";

describe("redact", () => {
  it.each([
    ["mobile, plain", "Gọi 0912345678 giúp tôi", "Gọi [số điện thoại] giúp tôi"],
    ["mobile, spaces", "SĐT: 0912 345 678.", "SĐT: [số điện thoại]."],
    ["mobile, dots", "liên hệ 091.234.5678 nhé", "liên hệ [số điện thoại] nhé"],
    ["mobile, dashes", "0912-345-678", "[số điện thoại]"],
    ["landline, 11 digits", "gọi 0205 3870 123", "gọi [số điện thoại]"],
    ["+84 with spaces", "Zalo +84 912 345 678", "Zalo [số điện thoại]"],
    ["84 without plus", "số 84912345678", "số [số điện thoại]"],
    ["(+84)", "(+84) 912.345.678", "[số điện thoại]"],
    ["e-mail", "gửi về an.nguyen+hs@mail.example.vn nhé", "gửi về [email] nhé"],
    ["CCCD, 12 digits", "CCCD 001203012345 của tôi", "CCCD [số giấy tờ] của tôi"],
    ["CMND, 9 digits", "CMND số 123456789.", "CMND số [số giấy tờ]."],
    ["tôi là …", "Tôi là Nguyễn Văn An, ở Cao Lộc", "Tôi là [tên], ở Cao Lộc"],
    ["tên tôi là …", "tên tôi là Trần Thị Bình. Cảm ơn", "tên tôi là [tên]. Cảm ơn"],
    ["tôi tên là …", "Tôi tên là Lò Văn Páo!", "Tôi tên là [tên]!"],
    ["name runs to the end", "xin cảm ơn, tôi là Hoàng Minh", "xin cảm ơn, tôi là [tên]"],
  ])("hides %s", (_case, input, expected) => {
    expect(redact(input, "vi")).toBe(expected);
  });

  it.each([
    ["my name is …", "My name is John Smith, thanks", "My name is [name], thanks"],
    ["I am + capital", "I am Mai Anh; please call +84 912 345 678", "I am [name]; please call [phone]"],
    ["I'm + capital", "I'm Tuan.", "I'm [name]."],
    ["ID in English", "ID 001203012345", "ID [ID number]"],
  ])("hides %s (en marks)", (_case, input, expected) => {
    expect(redact(input, "en")).toBe(expected);
  });

  it.each([
    ["stars", "Tôi cho 4 sao", "vi"],
    ["a year", "Năm 2026 phục vụ tốt hơn năm 2025", "vi"],
    ["a date", "Hẹn trả ngày 27/11/2026 nhưng trễ", "vi"],
    ["an amount with separators", "Lệ phí 1.500.000 đồng là quá cao", "vi"],
    ["a counter number", "Quầy số 3 đông quá", "vi"],
    ["a dossier code", "Hồ sơ 000.00.12.H33-261127-0001", "vi"],
    ["a short number", "chờ 45 phút", "vi"],
    ["I am + adjective", "I am satisfied with the staff", "en"],
    ["I am + number", "I am 70 years old", "en"],
    ["a percentage", "hài lòng 87,07 %", "vi"],
  ] as const)("keeps %s", (_case, input, locale) => {
    expect(redact(input, locale)).toBe(input);
  });
});
