// Progress for the person who started a send (throttled, never overlapping, always a final one), the log
// lines, and resuming an interrupted job through the isSent/markSent hooks without sending anything twice.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createBroadcaster } from "../../src/broadcast/broadcaster.ts";
import type { BroadcastProgress } from "../../src/broadcast/types.ts";
import { silentLogger } from "../../src/logger.ts";
import { fakeChannel, messages } from "./fake-channel.ts";
import { VirtualTime } from "./virtual-time.ts";

describe("broadcaster progress", () => {
  it("reports at most every progressEveryMs, never overlapping, and once more at the end", async () => {
    const vt = new VirtualTime();
    const seen: { at: number; p: BroadcastProgress }[] = [];
    let running = 0;
    let overlapped = false;
    const lines: string[] = [];
    const b = createBroadcaster({
      channel: fakeChannel(vt),
      logger: pino({ level: "info" }, { write: (l: string) => void lines.push(l) }),
      now: vt.now,
      sleep: vt.sleep,
      progressEveryMs: 1000,
      // A slow message edit (1.5 s) must delay the next report rather than run beside it.
      onProgress: async (p) => {
        overlapped ||= running > 0;
        running++;
        seen.push({ at: vt.now(), p });
        await vt.sleep(1500);
        running--;
      },
    });
    const report = await vt.run(b.send({ id: "j", messages: messages(100) }));

    expect(overlapped).toBe(false);
    const gaps = seen.slice(1, -1).map((s, i) => s.at - seen[i]!.at);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(1000);
    expect(seen.at(-1)!.p).toEqual({ jobId: "j", done: 100, total: 100, sent: 100, failed: 0 });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.p.done).toBeGreaterThanOrEqual(seen[i - 1]!.p.done);
    // 100 messages at 25/s take ~4 s: a handful of reports, not one per message.
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeLessThanOrEqual(5);
    expect(report.durationMs).toBeGreaterThanOrEqual(seen.at(-1)!.at);

    const logged = lines.map((l) => JSON.parse(l) as { msg: string; jobId?: string; done?: number });
    expect(logged.filter((l) => l.msg === "broadcast progress")).toHaveLength(seen.length);
    expect(logged.find((l) => l.msg === "broadcast finished")).toMatchObject({ jobId: "j", sent: 100 });
  });

  it("keeps sending when the progress callback fails", async () => {
    const vt = new VirtualTime();
    const b = createBroadcaster({
      channel: fakeChannel(vt),
      logger: silentLogger(),
      now: vt.now,
      sleep: vt.sleep,
      onProgress: () => Promise.reject(new Error("message to edit was deleted")),
    });
    const report = await vt.run(b.send({ id: "j", messages: messages(10) }));
    expect(report.sent).toBe(10);
  });
});

describe("broadcaster resumability", () => {
  it("an aborted job resumes from what markSent persisted: every message exactly once", async () => {
    const vt = new VirtualTime();
    const channel = fakeChannel(vt);
    const b = createBroadcaster({ channel, logger: silentLogger(), now: vt.now, sleep: vt.sleep });
    const job = { id: "j", messages: messages(80) };
    const persisted = new Set<string>();
    const stop = new AbortController();

    const first = await vt.run(
      b.send(job, {
        markSent: (id) => {
          persisted.add(id);
          if (persisted.size === 30) stop.abort();
        },
        signal: stop.signal,
      }),
    );
    expect(first.halted).toBe("aborted");
    // Requests already on the wire when the stop came are awaited and counted, never abandoned.
    expect(first.sent).toBeGreaterThanOrEqual(30);
    expect(new Set([...first.sentIds, ...first.unsentIds]).size).toBe(80);
    expect([...persisted].sort()).toEqual([...first.sentIds].sort());

    const second = await vt.run(b.send(job, { isSent: (id) => persisted.has(id), markSent: (id) => void persisted.add(id) }));
    expect(second.halted).toBeUndefined();
    expect(second.alreadySent).toBe(first.sent);
    expect(second.sent).toBe(80 - first.sent);
    expect(persisted.size).toBe(80);
    const perText = new Map<string, number>();
    for (const c of channel.calls) perText.set(c.text, (perText.get(c.text) ?? 0) + 1);
    expect([...perText.values()].every((n) => n === 1)).toBe(true);
    expect(perText.size).toBe(80);
  });

  it("reports a message failed rather than risk a double send when isSent cannot answer", async () => {
    const vt = new VirtualTime();
    const channel = fakeChannel(vt);
    const b = createBroadcaster({ channel, logger: silentLogger(), now: vt.now, sleep: vt.sleep });
    const report = await vt.run(
      b.send(
        { id: "j", messages: messages(3) },
        {
          isSent: async (id) => {
            if (id === "m1") throw new Error("database gone");
            return false;
          },
        },
      ),
    );
    expect(channel.calls.map((c) => c.text)).toEqual(["m0", "m2"]);
    expect(report.failed).toEqual([{ id: "m1", chatId: "c1", failure: "unknown", detail: "isSent failed: database gone", attempts: 0 }]);
  });

  it("refuses a job whose message ids are not unique", async () => {
    const vt = new VirtualTime();
    const b = createBroadcaster({ channel: fakeChannel(vt), logger: silentLogger(), now: vt.now, sleep: vt.sleep });
    const dup = [...messages(2), { ...messages(1)[0]!, chatId: "other" }];
    await expect(b.send({ id: "j", messages: dup })).rejects.toThrow(/m0.*twice/);
  });
});
