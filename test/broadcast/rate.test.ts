// The broadcaster's pacing on virtual time: the global window and the per-chat spacing hold exactly.
import { describe, expect, it } from "vitest";
import { createBroadcaster } from "../../src/broadcast/broadcaster.ts";
import { silentLogger } from "../../src/logger.ts";
import { fakeChannel, maxPerSecond, messages } from "./fake-channel.ts";
import { VirtualTime } from "./virtual-time.ts";

function setup(latencyMs: number, limits: { globalPerSecond?: number; perChatPerSecond?: number; maxInFlight?: number } = {}) {
  const vt = new VirtualTime();
  const channel = fakeChannel(vt, undefined, latencyMs);
  const b = createBroadcaster({ channel, logger: silentLogger(), now: vt.now, sleep: vt.sleep, limits });
  return { vt, channel, b };
}

describe("broadcaster pacing", () => {
  it("never starts more than the global limit in any 1-second window, and runs close to it", async () => {
    const { vt, channel, b } = setup(20);
    const report = await vt.run(b.send({ id: "j", messages: messages(300) }));
    expect(report.sent).toBe(300);
    expect(maxPerSecond(channel.calls.map((c) => c.at))).toBe(25);
    // 300 evenly spaced starts at 25/s: the last one at 299 × 40 ms, plus its answer.
    expect(report.durationMs).toBe(299 * 40 + 20);
    expect(report.rate).toBeGreaterThan(24.9);
  });

  it("holds a fractional limit to its floor per window, and bounds requests in flight when the provider is slow", async () => {
    const { vt, channel, b } = setup(450, { globalPerSecond: 28.5 });
    const report = await vt.run(b.send({ id: "j", messages: messages(400) }));
    expect(report.sent).toBe(400);
    expect(maxPerSecond(channel.calls.map((c) => c.at))).toBeLessThanOrEqual(28);
    // Each request takes 450 ms, so at most 8 overlap (the default maxInFlight), which caps the rate at 8/0.45 s.
    const overlapping = channel.calls.map((c) => channel.calls.filter((o) => o.at <= c.at && c.at < o.at + 450).length);
    expect(Math.max(...overlapping)).toBe(8);
    expect(report.rate).toBeGreaterThan((8 / 0.45) * 0.95);
  });

  it("spaces several messages to one chat at least a second apart, in job order, without holding back others", async () => {
    const { vt, channel, b } = setup(20);
    // Chats a and b get five messages each, interleaved with 40 single-message chats.
    const chatOf = (i: number) => (i % 10 === 0 ? "a" : i % 10 === 5 ? "b" : `c${i}`);
    const report = await vt.run(b.send({ id: "j", messages: messages(50, chatOf) }));
    expect(report.sent).toBe(50);
    for (const chat of ["a", "b"]) {
      const mine = channel.calls.filter((c) => c.chatId === chat);
      expect(mine.map((c) => c.text)).toEqual(
        messages(50, chatOf)
          .filter((m) => m.chatId === chat)
          .map((m) => m.text),
      );
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.at - mine[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    }
    // The single-message chats are not made to wait for a and b: all 40 go out within 40 slots (1.6 s).
    const singles = channel.calls.filter((c) => c.chatId.startsWith("c"));
    expect(Math.max(...singles.map((c) => c.at))).toBeLessThan(45 * 40);
    expect(maxPerSecond(channel.calls.map((c) => c.at))).toBeLessThanOrEqual(25);
  });

  it("honours a per-chat limit other than one a second", async () => {
    const { vt, channel, b } = setup(10, { perChatPerSecond: 0.5 });
    await vt.run(b.send({ id: "j", messages: messages(3, () => "group") }));
    expect(channel.calls.map((c) => c.at)).toEqual([0, 2000, 4000]);
  });
});
