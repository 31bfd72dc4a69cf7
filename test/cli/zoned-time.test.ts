// Audit lines show instants in TZ_DISPLAY with the offset, not in UTC.
import { describe, expect, it } from "vitest";
import { zonedTimestamp } from "../../src/cli/zoned-time.ts";

describe("zonedTimestamp", () => {
  it.each([
    ["2026-11-30T17:05:09.999Z", "Asia/Ho_Chi_Minh", "2026-12-01 00:05:09 +07:00"],
    ["2026-12-31T23:59:59Z", "Asia/Ho_Chi_Minh", "2027-01-01 06:59:59 +07:00"],
    ["2026-07-01T12:00:00Z", "Europe/Berlin", "2026-07-01 14:00:00 +02:00"],
    ["2026-01-01T12:00:00Z", "America/St_Johns", "2026-01-01 08:30:00 -03:30"],
    ["2026-01-01T00:00:00Z", "UTC", "2026-01-01 00:00:00 +00:00"],
  ])("%s in %s is %s", (iso, tz, expected) => {
    expect(zonedTimestamp(new Date(iso), tz)).toBe(expected);
  });
});
