import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatInteger,
  formatInterval,
  formatLocalDate,
  formatNumber,
  formatPercent,
  formatPoints,
  roundTo,
} from "../../src/format.ts";

describe("locale formatting", () => {
  it("percentages: vi decimal comma and a space, en decimal point", () => {
    expect(formatPercent(87.11, "vi")).toBe("87,11 %");
    expect(formatPercent(87.11, "en")).toBe("87.11%");
    expect(formatPercent(87.0649999, "vi")).toBe("87,06 %");
    expect(formatPercent(100, "en")).toBe("100.00%");
  });
  it("rounds half away from zero without binary artefacts, only at output", () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(87.065, 2)).toBe(87.07);
    expect(roundTo(-0.001, 2)).toBe(0);
  });
  it("numbers, counts, points and intervals", () => {
    expect(formatInteger(1234567, "vi")).toBe("1.234.567");
    expect(formatInteger(1234567, "en")).toBe("1,234,567");
    expect(formatNumber(-1234.5, "vi")).toBe("-1.234,50");
    expect(formatPoints(3.1, "vi")).toBe("+3,10 điểm");
    expect(formatPoints(-0.49, "en")).toBe("−0.49 pts");
    expect(formatPoints(0.001, "en")).toBe("±0.00 pts");
    expect(formatInterval(85.2, 89.01, "vi")).toBe("[85,20; 89,01]");
    expect(formatInterval(85.2, 89.01, "en")).toBe("[85.20, 89.01]");
  });
  it("dates", () => {
    expect(formatLocalDate("2026-11-27", "vi")).toBe("27/11/2026");
    expect(formatLocalDate("2026-11-27", "en")).toBe("27 Nov 2026");
    // 20:00 UTC on the 26th is already the 27th in Hà Nội.
    expect(formatDate(new Date("2026-11-26T20:00:00Z"), "vi", "Asia/Ho_Chi_Minh")).toBe("27/11/2026");
  });
});
