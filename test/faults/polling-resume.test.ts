// Long polling after a long run of Bot API failures: once Telegram answers again, a citizen's message is
// answered within seconds, not after a backoff grown during the outage (getUpdates used to go through
// auto-retry, whose 5xx backoff doubles to 12 s and more inside a single call).
import fs from "node:fs";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { testClock } from "../helpers/clock.ts";
import { tempDir } from "../helpers/databases.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";
import { faultServiceEnv, sleep } from "./citizens.ts";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.ts";

const OUTAGE_MS = 20_000;
/** getUpdates is retried every 3 s during an outage; a long poll of the fake lasts at most 0.5 s. */
const RESUME_WITHIN_MS = 4_000;

describe("long polling after a Bot API outage", () => {
  let api: FakeBotApi;
  let service: Service;
  const dir = tempDir();
  beforeAll(async () => {
    api = await startFakeBotApi();
    service = await startService({
      env: { HAILONG_DATA_DIR: dir, PORT: "0", ...faultServiceEnv(api.apiRoot, "polling", TEST_BOT_TOKEN), LOG_LEVEL: "silent" },
      logger: silentLogger(),
      now: testClock().now,
      telegramBotInfo: EMULATOR_BOT_INFO,
    });
  }, 60_000);
  afterAll(async () => {
    if (api) api.fault = undefined;
    await service?.stop();
    await api?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const message = (updateId: number, chatId: number, text: string): Update =>
    ({
      update_id: updateId,
      message: { message_id: updateId, date: 0, chat: { id: chatId, type: "private", first_name: "Lan" }, from: { id: chatId, is_bot: false, first_name: "Lan", language_code: "vi" }, text },
    }) as Update;

  it("answers a message sent right after the outage within seconds", { timeout: 60_000 }, async () => {
    // Polling works before the outage.
    api.push(message(1, 5001, "/help"));
    for (let i = 0; i < 100 && api.to(5001).length === 0; i++) await sleep(100);
    expect(api.to(5001).length).toBeGreaterThan(0);

    api.fault = { kind: "5xx" };
    await sleep(OUTAGE_MS);
    const failedDuring = api.failed;
    api.fault = undefined;
    const back = performance.now();
    api.push(message(2, 5002, "/help"));
    while (api.to(5002).length === 0 && performance.now() - back < 30_000) await sleep(50);
    const waited = performance.now() - back;
    console.log(`[polling resume] ${failedDuring} calls failed in ${OUTAGE_MS / 1000} s; answered ${Math.round(waited)} ms after the Bot API was back`);
    expect(failedDuring).toBeGreaterThanOrEqual(3);
    expect(api.to(5002).length).toBeGreaterThan(0);
    expect(waited).toBeLessThan(RESUME_WITHIN_MS);
  });
});
