// An authenticated Telegram webhook call whose body is not an update gets a 400 and a log line, never a 5xx:
// a table of the usual suspects, then a bounded, seeded random corpus (garbage, truncations, mutations).
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type Service } from "../../src/main.ts";
import { tempDir } from "../helpers/databases.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";
import { fixture } from "../helpers/telegram-harness.ts";

const SECRET = "s3cret_token-for-hooks";

/** mulberry32: a tiny seeded generator, so a failing case is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("Telegram webhook: bodies that are not updates", () => {
  let s: Service;
  const lines: { msg: string; reason?: string; component?: string }[] = [];
  beforeAll(async () => {
    s = await startService({
      env: { HAILONG_DATA_DIR: tempDir(), TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, TELEGRAM_MODE: "webhook", TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_BASE_URL: "https://hailong.example.gov.vn" },
      logger: pino({ level: "info" }, { write: (l: string) => void lines.push(JSON.parse(l)) }),
      listen: false,
      telegramBotInfo: EMULATOR_BOT_INFO,
      telegramTransformer: async (_prev, method) =>
        ({ ok: true, result: method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: 1, type: "private" } } : true }) as never,
    });
  });
  afterAll(async () => s?.stop());

  const post = (body: BodyInit | undefined, headers: Record<string, string> = {}) =>
    s.http.request("/webhooks/telegram", {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET, ...headers },
      ...(body === undefined ? {} : { body }),
    });
  const refusals = () => lines.filter((l) => l.component === "telegram-webhook" && l.msg === "Telegram webhook body refused").length;

  const update = JSON.stringify(fixture("text-message"));
  const table: { name: string; body: BodyInit | undefined; headers?: Record<string, string> }[] = [
    { name: "no body", body: undefined },
    { name: "empty", body: "" },
    { name: "null", body: "null" },
    { name: "an array", body: "[]" },
    { name: "an array of updates", body: `[${update}]` },
    { name: "a number", body: "42" },
    { name: "a string", body: '"update"' },
    { name: "true", body: "true" },
    { name: "truncated JSON", body: update.slice(0, update.length / 2) },
    { name: "not JSON", body: "update_id=1&message=hi" },
    { name: "form content", body: "update_id=1", headers: { "content-type": "application/x-www-form-urlencoded" } },
    { name: "XML", body: "<update><id>1</id></update>", headers: { "content-type": "text/xml" } },
    { name: "not UTF-8", body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) },
    { name: "an empty object", body: "{}" },
    { name: "update_id as a string", body: '{"update_id":"1"}' },
    { name: "a negative update_id", body: '{"update_id":-1}' },
    { name: "message is a number", body: '{"update_id":1,"message":5}' },
    { name: "message without a chat", body: '{"update_id":1,"message":{"message_id":1,"date":0}}' },
    { name: "callback_query without from", body: '{"update_id":1,"callback_query":{"id":"x","data":"a"}}' },
    { name: "a NUL in the text", body: update.replace(/"text":"[^"]*"/, '"text":"4\\u0000"') },
    { name: "a lone surrogate in the text", body: update.replace(/"text":"[^"]*"/, '"text":"\\ud800"') },
  ];

  it.each(table)("$name → 400 with a log line", async ({ body, headers }) => {
    const before = refusals();
    const res = await post(body, headers);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("bad_update");
    expect(refusals()).toBe(before + 1);
  });

  it("still refuses a wrong secret before reading the body (401), and takes a real update (200)", async () => {
    expect((await post("null", { "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(401);
    expect((await post("null", { "x-telegram-bot-api-secret-token": "" })).status).toBe(401);
    expect((await post(update)).status).toBe(200);
  });

  it("answers a seeded random corpus of 400 authenticated calls without a single 5xx", async () => {
    const rand = seeded(0x5eed);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const atoms = [null, true, false, 0, -1, 1.5, 2 ** 60, "", "x", "\u0000", "\ud800", "😀", [], {}];
    const randomJson = (depth: number): unknown => {
      const r = rand();
      if (depth <= 0 || r < 0.4) return pick(atoms);
      if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(depth - 1));
      const keys = ["update_id", "message", "callback_query", "chat", "from", "id", "text", "data", "entities", "date"];
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [pick(keys), randomJson(depth - 1)]));
    };
    /** A real update with one field, at any depth, replaced by something random. */
    const mutated = (): string => {
      const u = fixture(pick(["text-message", "start-command", "callback-query", "sticker-message", "group-message"])) as unknown as Record<string, unknown>;
      let node: Record<string, unknown> = u;
      for (;;) {
        const key = pick(Object.keys(node));
        const inner = node[key];
        if (inner && typeof inner === "object" && !Array.isArray(inner) && rand() < 0.6) node = inner as Record<string, unknown>;
        else {
          node[key] = rand() < 0.3 ? undefined : randomJson(2);
          return JSON.stringify(u);
        }
      }
    };
    const kinds = [
      () => JSON.stringify(randomJson(4)) ?? "",
      () => {
        const text = JSON.stringify(fixture(pick(["text-message", "callback-query"])));
        return text.slice(0, Math.floor(rand() * text.length));
      },
      () => new Uint8Array(Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256))),
      mutated,
    ];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 400; i++) {
      const body = pick(kinds)();
      const res = await post(body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, typeof body === "string" ? body : `bytes ${Buffer.from(body).toString("hex")}`).toBeLessThan(500);
      expect([200, 400]).toContain(res.status);
    }
    // The corpus exercised both sides: refusals and updates the bot took.
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect(statuses.get(200)).toBeGreaterThan(10);
  });
});
