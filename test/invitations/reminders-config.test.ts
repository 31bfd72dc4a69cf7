// HAILONG_REMINDER_DELAY_HOURS: 24 by default, 0 switches reminders off, nonsense stops the start naming it.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";

describe("HAILONG_REMINDER_DELAY_HOURS", () => {
  it("defaults to 24 hours and accepts 0 (off) and fractions", () => {
    expect(loadConfig({}).reminderDelayHours).toBe(24);
    expect(loadConfig({ HAILONG_REMINDER_DELAY_HOURS: "0" }).reminderDelayHours).toBe(0);
    expect(loadConfig({ HAILONG_REMINDER_DELAY_HOURS: "36.5" }).reminderDelayHours).toBe(36.5);
  });

  it.each(["-1", "169", "tomorrow"])("refuses %s", (v) => {
    expect(() => loadConfig({ HAILONG_REMINDER_DELAY_HOURS: v })).toThrow(/HAILONG_REMINDER_DELAY_HOURS/);
  });
});
