// How the broadcaster treats each kind of failure: 429 pauses everything and retries, 403 stops the
// recipient for good, non-retryable errors are reported at once, retryable ones back off a bounded number of times.
import { describe, expect, it, vi } from "vitest";
import { createBroadcaster } from "../../src/broadcast/broadcaster.ts";
import type { BroadcasterOptions } from "../../src/broadcast/types.ts";
import type { SendResult } from "../../src/messages.ts";
import { silentLogger } from "../../src/logger.ts";
import { fakeChannel, maxPerSecond, messages, type Script } from "./fake-channel.ts";
import { VirtualTime } from "./virtual-time.ts";

const LATENCY = 20;

function setup(script: Script, extra: Partial<BroadcasterOptions> = {}) {
  const vt = new VirtualTime();
  const channel = fakeChannel(vt, script, LATENCY);
  const b = createBroadcaster({ channel, logger: silentLogger(), now: vt.now, sleep: vt.sleep, ...extra });
  return { vt, channel, b };
}

const fail = (failure: Extract<SendResult, { ok: false }>["failure"], retryable: boolean, retryAfterSeconds?: number): SendResult => ({
  ok: false,
  failure,
  retryable,
  detail: failure,
  ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
});

describe("broadcaster failures", () => {
  it("on 429 pauses every send for retry_after, then retries that message: nothing lost, nothing doubled", async () => {
    const { vt, channel, b } = setup((_m, _attempt, index) => (index === 10 ? fail("rate-limited", true, 3) : undefined));
    const report = await vt.run(b.send({ id: "j", messages: messages(60) }));

    const limited = channel.calls[10]!;
    const answeredAt = limited.at + LATENCY;
    // Requests already in flight may land; nothing new starts until the pause is over.
    const startedDuringPause = channel.calls.filter((c) => c.at > answeredAt && c.at < answeredAt + 3000);
    expect(startedDuringPause).toEqual([]);
    const retry = channel.calls.find((c) => c.text === limited.text && c.attempt === 2)!;
    expect(retry.at).toBeGreaterThanOrEqual(answeredAt + 3000);

    expect(report.sent).toBe(60);
    expect(new Set(report.sentIds).size).toBe(60);
    expect(report.rateLimited).toBe(1);
    expect(report.retried).toBe(1);
    expect(report.failed).toEqual([]);
    expect(maxPerSecond(channel.calls.map((c) => c.at))).toBeLessThanOrEqual(25);
  });

  it("on 403 calls onStopped once, withholds the chat's other messages and never retries it", async () => {
    const onStopped = vi.fn();
    const chatOf = (i: number) => (i < 3 ? "blocked" : `c${i}`);
    const { vt, channel, b } = setup((m) => (m.chatId === "blocked" ? fail("recipient-stopped", false) : undefined), { onStopped });
    const report = await vt.run(b.send({ id: "j", messages: messages(10, chatOf) }));

    expect(channel.calls.filter((c) => c.chatId === "blocked")).toHaveLength(1);
    expect(onStopped).toHaveBeenCalledTimes(1);
    expect(onStopped).toHaveBeenCalledWith("blocked");
    expect(report.stopped).toEqual(["blocked"]);
    expect(report.withheld).toBe(3);
    expect(report.sent).toBe(7);
    expect(report.retried).toBe(0);
    expect(report.failed).toEqual([]);
  });

  it("reports a non-retryable failure after one attempt", async () => {
    const { vt, channel, b } = setup((m) => (m.text === "m2" ? fail("bad-request", false) : undefined));
    const report = await vt.run(b.send({ id: "j", messages: messages(5) }));
    expect(channel.calls.filter((c) => c.text === "m2")).toHaveLength(1);
    expect(report.failed).toEqual([{ id: "m2", chatId: "c2", failure: "bad-request", detail: "bad-request", attempts: 1 }]);
    expect(report.sent).toBe(4);
    expect(report.retried).toBe(0);
  });

  it("retries a retryable failure with growing backoff, then reports it failed after the attempt limit", async () => {
    const { vt, channel, b } = setup((m) => (m.text === "m0" ? fail("unreachable", true) : undefined), { retry: { maxAttempts: 4, baseDelayMs: 1000 } });
    const report = await vt.run(b.send({ id: "j", messages: messages(3) }));
    const tries = channel.calls.filter((c) => c.text === "m0").map((c) => c.at);
    expect(tries).toHaveLength(4);
    // Backoff counts from the failed answer: 1 s, 2 s, 4 s.
    expect(tries.slice(1).map((t, i) => t - tries[i]! - LATENCY)).toEqual([1000, 2000, 4000]);
    expect(report.failed).toEqual([{ id: "m0", chatId: "c0", failure: "unreachable", detail: "unreachable", attempts: 4 }]);
    expect(report.retried).toBe(3);
    expect(report.sent).toBe(2);
  });

  it("delivers a message whose retry succeeds, waiting at least the provider's retryAfterSeconds", async () => {
    const { vt, channel, b } = setup((m, attempt) => (m.text === "m1" && attempt === 1 ? fail("unknown", true, 5) : undefined));
    const report = await vt.run(b.send({ id: "j", messages: messages(3) }));
    const tries = channel.calls.filter((c) => c.text === "m1").map((c) => c.at);
    expect(tries[1]! - tries[0]!).toBe(5000 + LATENCY);
    expect(report.sent).toBe(3);
    expect(report.retried).toBe(1);
    expect(report.failed).toEqual([]);
  });

  it("halts on a flood ban longer than maxPauseSeconds and lists what was not sent", async () => {
    const { vt, b } = setup((_m, _a, index) => (index === 4 ? fail("rate-limited", true, 3600) : undefined), { retry: { maxPauseSeconds: 300 } });
    const report = await vt.run(b.send({ id: "j", messages: messages(20) }));
    expect(report.halted).toBe("flood-wait");
    expect(report.unsentIds).toContain("m4");
    expect(report.sent + report.unsentIds.length).toBe(20);
    expect(new Set([...report.sentIds, ...report.unsentIds]).size).toBe(20);
  });

  it("gives up on a message that keeps being rate-limited after maxRateLimited 429s", async () => {
    const { vt, channel, b } = setup((m) => (m.text === "m0" ? fail("rate-limited", true, 1) : undefined), { retry: { maxRateLimited: 2 } });
    const report = await vt.run(b.send({ id: "j", messages: messages(2) }));
    expect(channel.calls.filter((c) => c.text === "m0")).toHaveLength(3);
    expect(report.failed.map((f) => [f.id, f.failure])).toEqual([["m0", "rate-limited"]]);
    expect(report.rateLimited).toBe(3);
    expect(report.sent).toBe(1);
  });

  it("treats a channel that throws as a non-retryable failure", async () => {
    const { vt, channel, b } = setup((m) => {
      if (m.text === "m1") throw new Error("boom");
      return undefined;
    });
    const report = await vt.run(b.send({ id: "j", messages: messages(3) }));
    expect(channel.calls.filter((c) => c.text === "m1")).toHaveLength(1);
    expect(report.failed).toEqual([{ id: "m1", chatId: "c1", failure: "unknown", detail: "boom", attempts: 1 }]);
  });
});
