// Reminders never go out between 21:00 and 07:00 local time: a time inside the window moves to the next 07:00.
import { describe, expect, it } from "vitest";
import { isQuiet, outsideQuietHours } from "../../src/invitations/quiet-hours.ts";

const HCM = "Asia/Ho_Chi_Minh"; // UTC+7 all year (no daylight saving)

describe("outsideQuietHours (Asia/Ho_Chi_Minh)", () => {
  // [local time given, expected local time], both written in +07:00.
  const table: [string, string][] = [
    ["2026-11-27T20:59:59+07:00", "2026-11-27T20:59:59+07:00"], // last allowed second of the evening
    ["2026-11-27T21:00:00+07:00", "2026-11-28T07:00:00+07:00"], // exactly 21:00 is quiet
    ["2026-11-27T21:00:01+07:00", "2026-11-28T07:00:00+07:00"],
    ["2026-11-27T23:59:59+07:00", "2026-11-28T07:00:00+07:00"],
    ["2026-11-28T00:00:00+07:00", "2026-11-28T07:00:00+07:00"], // past midnight: the same morning
    ["2026-11-28T03:30:00+07:00", "2026-11-28T07:00:00+07:00"],
    ["2026-11-28T06:59:59+07:00", "2026-11-28T07:00:00+07:00"],
    ["2026-11-28T07:00:00+07:00", "2026-11-28T07:00:00+07:00"], // exactly 07:00 is allowed
    ["2026-11-28T12:00:00+07:00", "2026-11-28T12:00:00+07:00"],
    ["2026-12-31T22:00:00+07:00", "2027-01-01T07:00:00+07:00"], // across a year end
    ["2028-02-28T21:30:00+07:00", "2028-02-29T07:00:00+07:00"], // into a leap day
    ["2026-11-30T23:00:00+07:00", "2026-12-01T07:00:00+07:00"], // across a month end
  ];
  it.each(table)("%s → %s", (given, expected) => {
    expect(outsideQuietHours(new Date(given), HCM).toISOString()).toBe(new Date(expected).toISOString());
  });

  it("a UTC instant late in the UTC day can already be the next local morning", () => {
    // 23:30 UTC = 06:30 local on the next day: moved to 07:00 that day, not the day after.
    expect(outsideQuietHours(new Date("2026-11-27T23:30:00Z"), HCM).toISOString()).toBe("2026-11-28T00:00:00.000Z");
    expect(isQuiet(new Date("2026-11-27T14:00:00Z"), HCM)).toBe(true); // 21:00 local
    expect(isQuiet(new Date("2026-11-27T13:59:59Z"), HCM)).toBe(false);
  });
});

describe("outsideQuietHours in other zones", () => {
  it("uses the zone it is given", () => {
    expect(outsideQuietHours(new Date("2026-11-27T21:00:00Z"), "UTC").toISOString()).toBe("2026-11-28T07:00:00.000Z");
    expect(outsideQuietHours(new Date("2026-11-27T21:00:00Z"), HCM).toISOString()).toBe("2026-11-28T00:00:00.000Z");
  });

  it("lands on 07:00 local across a daylight-saving change", () => {
    // Berlin springs forward on 2026-03-29 (UTC+1 → UTC+2): 07:00 that morning is 05:00 UTC.
    expect(outsideQuietHours(new Date("2026-03-28T22:00:00Z"), "Europe/Berlin").toISOString()).toBe("2026-03-29T05:00:00.000Z");
    // ... and falls back on 2026-10-25 (UTC+2 → UTC+1): 07:00 is 06:00 UTC.
    expect(outsideQuietHours(new Date("2026-10-24T21:00:00Z"), "Europe/Berlin").toISOString()).toBe("2026-10-25T06:00:00.000Z");
  });
});
