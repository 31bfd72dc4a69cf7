// The broadcaster through the REAL grammY Telegram channel against a loopback Bot API that enforces flood
// limits. Limits are scaled up so the test takes about a second of real time.
import type { UserFromGetMe } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { startRateLimitedBotApi, type RateLimitedBotApi } from "../../bench/lib/rate-limited-bot-api.ts";
import { createBroadcaster } from "../../src/broadcast/broadcaster.ts";
import { createTelegramBot } from "../../src/channels/telegram/bot.ts";
import { createTranslator } from "../../src/i18n.ts";
import { silentLogger } from "../../src/logger.ts";
import { messages } from "./fake-channel.ts";

const BOT_INFO = { id: 4242, is_bot: true, first_name: "Broadcast test", username: "BroadcastTestBot" } as UserFromGetMe;

let api: RateLimitedBotApi | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

function telegramChannel(apiRoot: string) {
  // maxDelaySeconds 0: auto-retry hands every 429 straight back, so the broadcaster is the one that waits.
  return createTelegramBot(
    { token: "4242:broadcast-test-token", apiRoot, botInfo: BOT_INFO, retry: { maxRetryAttempts: 0, maxDelaySeconds: 0 } },
    { handler: { handle: async () => [] }, t: createTranslator(), logger: silentLogger() },
  ).channel;
}

describe("broadcaster over the real Telegram channel", () => {
  it("sends 60 recipients under the server's limits with zero 429s, stopping the blocked ones", async () => {
    api = await startRateLimitedBotApi({ globalPerSecond: 60, perChatPerSecond: 1, blockedChatIds: ["c7", "c40"] });
    // Chats c0, c1, c2 get two messages each: their second one must wait a second, not trip the server.
    const chatOf = (i: number) => (i >= 60 ? `c${i - 60}` : `c${i}`);
    const job = { id: "loopback", messages: messages(63, chatOf) };
    const stopped: string[] = [];
    const b = createBroadcaster({
      channel: telegramChannel(api.apiRoot),
      logger: silentLogger(),
      limits: { globalPerSecond: 55, perChatPerSecond: 1 },
      onStopped: (chatId) => void stopped.push(chatId),
    });
    const report = await b.send(job);

    expect(api.counters.tooManyGlobal + api.counters.tooManyPerChat).toBe(0);
    expect(report.rateLimited).toBe(0);
    expect(api.counters.forbidden).toBe(2);
    expect(stopped.sort()).toEqual(["c40", "c7"]);
    expect(report.stopped.sort()).toEqual(["c40", "c7"]);
    expect(report.sent).toBe(61);
    expect(report.failed).toEqual([]);
    expect(api.deliveredTo.get("c0")).toBe(2);
    expect([...api.deliveredTo.values()].reduce((a, n) => a + n, 0)).toBe(61);
  });

  it("when pushed past the server's limit, waits out every 429 and still delivers each message once", async () => {
    api = await startRateLimitedBotApi({ globalPerSecond: 20, perChatPerSecond: 1 });
    const b = createBroadcaster({ channel: telegramChannel(api.apiRoot), logger: silentLogger(), limits: { globalPerSecond: 40 } });
    const report = await b.send({ id: "too-fast", messages: messages(30) });

    const serverSaid = api.counters.tooManyGlobal + api.counters.tooManyPerChat;
    expect(serverSaid).toBeGreaterThan(0);
    expect(report.rateLimited).toBe(serverSaid);
    expect(report.sent).toBe(30);
    expect(report.failed).toEqual([]);
    expect([...api.deliveredTo.values()].every((n) => n === 1)).toBe(true);
    expect(api.deliveredTo.size).toBe(30);
  });
});
