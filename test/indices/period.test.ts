import { describe, expect, it } from "vitest";
import { parsePeriod, parseRange, periodDays, previousPeriod } from "../../src/indices/period.ts";

const TZ = "Asia/Ho_Chi_Minh";

describe("periods in Asia/Ho_Chi_Minh", () => {
  it("a quarter starts at local midnight (17:00 UTC the day before) and compares with the previous quarter", () => {
    const q = parsePeriod("2026-Q4", TZ);
    expect([q.firstDay, q.lastDay]).toEqual(["2026-10-01", "2026-12-31"]);
    expect(q.from.toISOString()).toBe("2026-09-30T17:00:00.000Z");
    expect(q.to.toISOString()).toBe("2026-12-31T17:00:00.000Z");
    const p = previousPeriod(q);
    expect([p.label, p.firstDay, p.lastDay]).toEqual(["2026-Q3", "2026-07-01", "2026-09-30"]);
    expect(p.to.getTime()).toBe(q.from.getTime());
    expect(previousPeriod(parsePeriod("2026-q1", TZ)).label).toBe("2025-Q4");
  });

  it("a month, and January's previous month", () => {
    const m = parsePeriod("2026-11", TZ);
    expect([m.firstDay, m.lastDay, m.from.toISOString()]).toEqual(["2026-11-01", "2026-11-30", "2026-10-31T17:00:00.000Z"]);
    expect(previousPeriod(parsePeriod("2026-01", TZ)).label).toBe("2025-12");
  });

  it("ISO weeks: W48 of 2026 is 23–29 November; W01 of 2026 starts in 2025; 2026 has 53 weeks, 2025 has 52", () => {
    const w = parsePeriod("2026-W48", TZ);
    expect([w.firstDay, w.lastDay]).toEqual(["2026-11-23", "2026-11-29"]);
    expect(new Date(`${w.firstDay}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(parsePeriod("2026-W01", TZ).firstDay).toBe("2025-12-29");
    expect(parsePeriod("2026-W53", TZ).lastDay).toBe("2027-01-03");
    expect(() => parsePeriod("2025-W53", TZ)).toThrow(/weeks 1–52/);
    expect(previousPeriod(parsePeriod("2027-W01", TZ)).label).toBe("2026-W53");
    expect(previousPeriod(parsePeriod("2026-W01", TZ)).label).toBe("2025-W52");
  });

  it("an inclusive range compares with the same number of days just before", () => {
    const r = parseRange("2026-11-01", "2026-11-30", TZ);
    expect(periodDays(r)).toBe(30);
    expect(r.to.toISOString()).toBe("2026-11-30T17:00:00.000Z");
    const p = previousPeriod(r);
    expect([p.firstDay, p.lastDay]).toEqual(["2026-10-02", "2026-10-31"]);
    const one = parseRange("2026-11-27", "2026-11-27", TZ);
    expect(previousPeriod(one).label).toBe("2026-11-26..2026-11-26");
  });

  it("rejects what is not a period", () => {
    for (const bad of ["2026-Q5", "2026-13", "2026-00", "2026", "Q4-2026", "2026-W0", "1999-Q1", ""]) {
      expect(() => parsePeriod(bad, TZ), bad).toThrow();
    }
    expect(() => parseRange("2026-02-30", "2026-03-01", TZ)).toThrow(/not a valid date/);
    expect(() => parseRange("2026-03-02", "2026-03-01", TZ)).toThrow(/after/);
    expect(() => parsePeriod("2026-Q4", "Mars/Olympus")).toThrow(/time zone/);
  });

  it("follows the configured zone", () => {
    expect(parsePeriod("2026-11", "UTC").from.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    // Paris switches to winter time on 25 October 2026: November starts at UTC+1.
    expect(parsePeriod("2026-11", "Europe/Paris").from.toISOString()).toBe("2026-10-31T23:00:00.000Z");
  });
});
