import { describe, expect, it } from "vitest";
import { choosePeriod, labelledPeriod, parsePeriodArgs } from "../../src/digest/period-choice.ts";
import { testNow } from "../helpers/clock.ts";

const TZ = "Asia/Ho_Chi_Minh";

describe("/digest periods", () => {
  it("reads what an official types, in either language, with or without diacritics", () => {
    const cases: [string, string, ReturnType<typeof parsePeriodArgs>][] = [
      ["", "weekly", { choice: "cw" }],
      ["", "monthly", { choice: "cm" }],
      ["last", "weekly", { choice: "lw" }],
      ["LAST", "monthly", { choice: "lm" }],
      ["last month", "weekly", { choice: "lm" }],
      ["tuần trước", "monthly", { choice: "lw" }],
      ["thang truoc", "weekly", { choice: "lm" }],
      ["this week", "monthly", { choice: "cw" }],
      ["2026-w47", "weekly", { label: "2026-W47" }],
      ["yesterday", "weekly", null],
    ];
    for (const [args, frequency, expected] of cases) expect(parsePeriodArgs(args, frequency as "weekly"), args).toEqual(expected);
  });

  it("on a Monday morning, 'last' is the week that ended last night, and last month the month before", () => {
    const now = testNow();
    // Whatever day the test clock is on, the next Monday 08:00 in Hà Nội:
    const day = new Date(now.getTime());
    while (new Intl.DateTimeFormat("en", { timeZone: TZ, weekday: "short" }).format(day) !== "Mon") day.setUTCDate(day.getUTCDate() + 1);
    const monday = new Date(`${day.toISOString().slice(0, 10)}T01:00:00Z`);
    const lw = choosePeriod("lw", monday, TZ);
    const cw = choosePeriod("cw", monday, TZ);
    expect(lw.finished).toBe(true);
    expect(cw.finished).toBe(false);
    expect(lw.period.to.getTime()).toBe(cw.period.from.getTime());
    expect(lw.period.to.getTime()).toBeLessThanOrEqual(monday.getTime());
    const lm = choosePeriod("lm", monday, TZ);
    expect(lm.period.kind).toBe("month");
    expect(lm.period.to.getTime()).toBe(choosePeriod("cm", monday, TZ).period.from.getTime());
  });

  it("takes a labelled week or month that has begun, not a future one", () => {
    const at = new Date("2026-11-30T02:00:00Z");
    expect(labelledPeriod("2026-W48", at, TZ)).toMatchObject({ finished: true, period: { label: "2026-W48" } });
    expect(labelledPeriod("2026-W49", at, TZ)).toMatchObject({ finished: false });
    expect(labelledPeriod("2026-W50", at, TZ)).toBeNull();
    expect(labelledPeriod("2026-13", at, TZ)).toBeNull();
  });
});
