// The global budget on its own: late timers do not erode the rate, idle time does not build up a burst.
import { describe, expect, it } from "vitest";
import { RateWindow } from "../../src/broadcast/rate-window.ts";

describe("RateWindow", () => {
  it("keeps the ideal schedule when a start is a little late, and restarts it after a long gap", () => {
    const w = new RateWindow(25);
    w.take(0);
    expect(w.nextAt()).toBe(40);
    w.take(41.5); // a timer fired 1.5 ms late
    expect(w.nextAt()).toBe(80);
    w.take(500); // idle for many slots: no credit for the missed ones
    expect(w.nextAt()).toBe(540);
  });

  it("never allows more than floor(R) starts in 1,000 ms even if spacing would", () => {
    const w = new RateWindow(2.5);
    w.take(0);
    w.take(w.nextAt());
    // Spacing alone (400 ms) would allow a third start at 800 ms; the window holds it until 1,000 ms.
    expect(w.nextAt()).toBe(1000);
  });

  it("rejects a limit below one a second", () => {
    expect(() => new RateWindow(0.5)).toThrow(/globalPerSecond/);
  });
});
