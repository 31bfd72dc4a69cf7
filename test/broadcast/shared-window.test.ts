// Two bulk sends at once (a digest run and a publication) share one process-wide budget: together they
// still never start more than the global limit in any second.
import { describe, expect, it } from "vitest";
import { createBroadcaster } from "../../src/broadcast/broadcaster.ts";
import { RateWindow } from "../../src/broadcast/rate-window.ts";
import { silentLogger } from "../../src/logger.ts";
import { fakeChannel, maxPerSecond, messages } from "./fake-channel.ts";
import { VirtualTime } from "./virtual-time.ts";

describe("a shared send budget", () => {
  it("keeps two concurrent sends under the limit together, and both finish", async () => {
    const vt = new VirtualTime();
    const channel = fakeChannel(vt, undefined, 20);
    const window = new RateWindow(25);
    const make = () => createBroadcaster({ channel, logger: silentLogger(), now: vt.now, sleep: vt.sleep, window });
    const [a, b] = await vt.run(
      Promise.all([make().send({ id: "digests", messages: messages(200) }), make().send({ id: "post", messages: messages(50, (i) => `p${i}`) })]),
    );
    expect(a.sent + b.sent).toBe(250);
    expect(maxPerSecond(channel.calls.map((c) => c.at))).toBeLessThanOrEqual(25);
  });

  it("without sharing, the same two sends would add up past it (why the service shares one)", async () => {
    const vt = new VirtualTime();
    const channel = fakeChannel(vt, undefined, 20);
    const make = () => createBroadcaster({ channel, logger: silentLogger(), now: vt.now, sleep: vt.sleep });
    await vt.run(Promise.all([make().send({ id: "digests", messages: messages(200) }), make().send({ id: "post", messages: messages(50, (i) => `p${i}`) })]));
    expect(maxPerSecond(channel.calls.map((c) => c.at))).toBeGreaterThan(25);
  });
});
