// Webhook mode: Telegram's calls are accepted only with the secret token; the update reaches the survey.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type Service } from "../../../src/main.ts";
import { silentLogger } from "../../../src/logger.ts";
import { tempDir } from "../../helpers/databases.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../../helpers/telegram-emulator.ts";
import { fixture } from "../../helpers/telegram-harness.ts";

describe("Telegram webhook mode", () => {
  let s: Service;
  const calls: { method: string; payload: unknown }[] = [];
  beforeAll(async () => {
    s = await startService({
      env: {
        HAILONG_DATA_DIR: tempDir(),
        TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
        TELEGRAM_MODE: "webhook",
        TELEGRAM_WEBHOOK_SECRET: "s3cret_token-for-hooks",
        PUBLIC_BASE_URL: "https://hailong.example.gov.vn",
      },
      logger: silentLogger(),
      listen: false,
      telegramBotInfo: EMULATOR_BOT_INFO,
      telegramTransformer: async (prev, method, payload, signal) => {
        calls.push({ method, payload });
        // Handed on to grammY's client, which puts it in the webhook response rather than sending it.
        if (method === "answerCallbackQuery") return prev(method, payload, signal);
        return { ok: true, result: method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: 1, type: "private" } } : true } as never;
      },
    });
  });
  afterAll(async () => s?.stop());

  const post = (secret: string | undefined, body: unknown) =>
    s.http.request("/webhooks/telegram", {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
      body: JSON.stringify(body),
    });

  it("registers the webhook with the secret at PUBLIC_BASE_URL", () => {
    const set = calls.find((c) => c.method === "setWebhook");
    expect(set?.payload).toMatchObject({ url: "https://hailong.example.gov.vn/webhooks/telegram", secret_token: "s3cret_token-for-hooks" });
  });

  it("refuses calls without or with a wrong secret, and handles a real one", async () => {
    expect((await post(undefined, fixture("text-message"))).status).toBe(401);
    expect((await post("wrong", fixture("text-message"))).status).toBe(401);
    const before = calls.filter((c) => c.method === "sendMessage").length;
    const ok = await post("s3cret_token-for-hooks", fixture("start-command"));
    expect(ok.status).toBe(200);
    const replies = calls.filter((c) => c.method === "sendMessage").slice(before);
    expect(JSON.stringify(replies)).toContain("Không tìm thấy lời mời");
  });

  it("answers a button's tap in the webhook response itself: one request to Telegram fewer", async () => {
    const tap = fixture("callback-query") as { callback_query: { id: string } };
    const res = await post("s3cret_token-for-hooks", tap);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ method: "answerCallbackQuery", callback_query_id: tap.callback_query.id });
  });

  it("answers a typed message with an empty 200: its replies went out as requests", async () => {
    const res = await post("s3cret_token-for-hooks", { ...(fixture("text-message") as object), update_id: 9_000_001 });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});
