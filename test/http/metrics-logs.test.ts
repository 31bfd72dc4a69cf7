// What operators read besides /metrics: the log lines. The HTTP layer's lines carry the request id (the
// caller's x-request-id when sane, else a new one, returned either way), the bot's lines about an update its
// update id; no chat id, phone number or invitation token reaches a line; JSON unless a person is reading
// at a terminal outside production.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { createPgDatabase, databaseKinds, tempDir } from "../helpers/databases.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";

const KEY = "test-key-0123456789abcdef";
const SECRET = "hook-secret_0123";
const CHAT_ID = 987654321;
/** A chat the fake Bot API refuses to write to, so the bot logs about the update. */
const GONE_CHAT_ID = 987654322;
const PHONE = "0912345678";

type Line = Record<string, unknown> & { msg: string };

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

function collector(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

describe.each(await databaseKinds())("log lines of a running service on %s", (kind) => {
  let s: Service;
  let drop: (() => Promise<void>) | undefined;
  const out = collector();
  const lines = () => out.lines.map((l) => JSON.parse(l) as Line);
  beforeAll(async () => {
    const env: Record<string, string> = {
      HAILONG_DATA_DIR: tempDir(),
      HAILONG_API_KEYS: KEY,
      TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PUBLIC_BASE_URL: "https://hailong.example.gov.vn",
    };
    if (kind === "postgresql") {
      const pg = await createPgDatabase();
      env.DATABASE_URL = pg.url;
      drop = pg.drop;
    }
    s = await startService({
      env,
      logger: createLogger({ level: "info", format: "json", destination: out.stream }),
      now: () => new Date("2026-11-27T03:00:00Z"),
      listen: false,
      telegramBotInfo: EMULATOR_BOT_INFO,
      telegramTransformer: async (_prev, method, payload) => {
        const chatId = Number((payload as { chat_id?: number | string }).chat_id);
        if (chatId === GONE_CHAT_ID) return { ok: false, error_code: 400, description: "Bad Request: chat not found" } as never;
        return { ok: true, result: method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: chatId, type: "private" } } : true } as never;
      },
    });
  });
  afterAll(async () => {
    await s?.stop();
    await drop?.();
  });

  const createDossier = (code: string, headers: Record<string, string> = {}) =>
    s.http.request("/api/v1/dossiers", {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...headers },
      body: JSON.stringify({
        dossierCode: code,
        agencyCode: `AG-${code}`,
        agencyName: "UBND phường Chi Lăng",
        completedAt: "2026-11-27T09:30:00+07:00",
        contact: { phone: PHONE },
      }),
    });

  it("tags the HTTP layer's lines with the caller's request id and returns it", async () => {
    const res = await createDossier("LOG-1", { "x-request-id": "centre-req-0001" });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toBe("centre-req-0001");
    expect(lines().filter((l) => l.requestId === "centre-req-0001")).toEqual([
      expect.objectContaining({ msg: "HTTP request", method: "POST", route: "/api/v1/dossiers", status: 201 }),
    ]);
    const batch = await s.http.request("/api/v1/dossiers:batch", {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", "x-request-id": "centre-batch-7" },
      body: JSON.stringify({ dossiers: [{ dossierCode: "LOG-B1", agencyCode: "AG-LOG-1", completedAt: "2026-11-27" }] }),
    });
    expect(batch.status).toBe(200);
    expect(lines().filter((l) => l.requestId === "centre-batch-7").map((l) => l.msg)).toEqual(["dossier batch", "HTTP request"]);
  });

  it("makes a new request id when none or a strange one is given", async () => {
    const none = await createDossier("LOG-2");
    const odd = await createDossier("LOG-3", { "x-request-id": `bad id\twith spaces ${"x".repeat(200)}` });
    for (const res of [none, odd]) {
      const id = res.headers.get("x-request-id");
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(lines().filter((l) => l.requestId === id).map((l) => l.msg)).toContain("HTTP request");
    }
    expect(none.headers.get("x-request-id")).not.toBe(odd.headers.get("x-request-id"));
    expect(out.lines.join("\n")).not.toContain("bad id");
  });

  const startOver = (updateId: number, chatId: number, token: string, requestId: string) =>
    s.http.request("/webhooks/telegram", {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET, "x-request-id": requestId },
      body: JSON.stringify({
        update_id: updateId,
        message: {
          message_id: 3,
          from: { id: chatId, is_bot: false, first_name: "Lan", language_code: "vi" },
          chat: { id: chatId, first_name: "Lan", type: "private" },
          date: 1795770031,
          text: `/start ${token}`,
          entities: [{ type: "bot_command", offset: 0, length: 6 }],
        },
      }),
    });

  it("tags the bot's lines about an update with its update id", async () => {
    const created = (await (await createDossier("LOG-4")).json()) as { token: string };
    expect((await startOver(734990001, CHAT_ID, created.token, "tg-delivery-1")).status).toBe(200);
    expect(lines().find((l) => l.msg === "survey started")).toMatchObject({ channel: "telegram" });
    expect(lines().find((l) => l.requestId === "tg-delivery-1" && l.msg === "HTTP request")).toMatchObject({ route: "/webhooks/telegram", status: 200, updateId: 734990001 });

    const other = (await (await createDossier("LOG-6")).json()) as { token: string };
    expect((await startOver(734990002, GONE_CHAT_ID, other.token, "tg-delivery-2")).status).toBe(200);
    expect(lines().find((l) => l.msg === "telegram reply not delivered")).toMatchObject({ updateId: 734990002, failure: expect.any(String) });
  });

  it("logs routes, not paths: a token in the URL is in no line", async () => {
    const created = (await (await createDossier("LOG-5")).json()) as { token: string };
    expect((await s.http.request(`/i/${created.token}`)).status).toBe(200);
    expect((await s.http.request(`/api/v1/invitations/${created.token}/qr.svg`)).status).toBe(401);
    expect(lines().filter((l) => l.msg === "HTTP request").map((l) => l.route)).toEqual(expect.arrayContaining(["/i/:token", "/api/v1/invitations/:token/qr.svg"]));
    expect(lines().find((l) => l.msg === "API request refused: missing or wrong key")).toMatchObject({ route: "/api/v1/invitations/:token/qr.svg" });
  });

  it("lets no chat id, phone number, token or key into any line", async () => {
    const text = out.lines.join("\n");
    const tokens = (await s.db.prisma.invitation.findMany({ select: { token: true } })).map((i) => i.token);
    expect(tokens.length).toBeGreaterThanOrEqual(5);
    for (const secret of [String(CHAT_ID), String(GONE_CHAT_ID), PHONE, PHONE.slice(1), KEY, SECRET, TEST_BOT_TOKEN, ...tokens]) expect(text).not.toContain(secret);
  });

  it("keeps probes and scrapes out of the info lines", async () => {
    const before = out.lines.length;
    await s.http.request("/healthz");
    await s.http.request("/healthz/ready");
    await s.http.request("/metrics");
    expect(out.lines.length).toBe(before);
  });
});

describe("createLogger", () => {
  it("redacts personal keys at the top of a line and one level down, grammY's request payload included", () => {
    const out = collector();
    const log = createLogger({ format: "json", destination: out.stream });
    log.info(
      { chatId: "5123456789", phone: PHONE, token: "tok", recipient: "84912345678", nested: { chatId: 1, zaloUserId: "4155" }, err: { message: "Forbidden", payload: { chat_id: 5123456789, text: "Cảm ơn" } } },
      "x",
    );
    const line = JSON.parse(out.lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      chatId: "[redacted]",
      phone: "[redacted]",
      token: "[redacted]",
      recipient: "[redacted]",
      nested: { chatId: "[redacted]", zaloUserId: "[redacted]" },
      err: { message: "Forbidden", payload: "[redacted]" },
    });
  });

  it("writes JSON unless told otherwise or a person reads at a terminal outside production", () => {
    const cases: { opts: Parameters<typeof createLogger>[0]; pretty: boolean }[] = [
      { opts: { format: "auto", isTty: false }, pretty: false },
      { opts: { format: "auto", isTty: true }, pretty: true },
      { opts: { format: "auto", isTty: true, production: true }, pretty: false },
      { opts: { format: "json", isTty: true }, pretty: false },
      { opts: { format: "pretty", isTty: false, production: true }, pretty: true },
    ];
    for (const c of cases) {
      const out = collector();
      createLogger({ ...c.opts, destination: out.stream }).info({ agency: "LSN" }, "HTTP listening");
      expect(isJson(out.lines[0]!), JSON.stringify(c.opts)).toBe(!c.pretty);
      expect(out.lines.join("\n")).toContain("HTTP listening");
    }
  });
});
