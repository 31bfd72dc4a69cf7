// Staff command menus in Telegram: an admin from HAILONG_ADMINS gets theirs at start, a member's menu is
// the citizen commands plus their role's, in their language; a chat Telegram refuses is logged, not fatal.
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramStaffMenus } from "../../../src/channels/telegram/staff-menu.ts";
import { createTranslator } from "../../../src/i18n.ts";
import { silentLogger } from "../../../src/logger.ts";
import { startService, type Service } from "../../../src/main.ts";
import { tempDir } from "../../helpers/databases.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../../helpers/telegram-emulator.ts";

const t = createTranslator();
type Call = { method: string; payload: Record<string, unknown> };

function recordingApi(fail?: (method: string) => boolean) {
  const calls: Call[] = [];
  const api = new Api(TEST_BOT_TOKEN);
  api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    if (fail?.(method)) return { ok: false, error_code: 400, description: "Bad Request: chat not found" } as never;
    return { ok: true, result: true } as never;
  });
  return { api, calls };
}

const commandsOf = (c: Call | undefined) => (c?.payload.commands as { command: string; description: string }[] | undefined)?.map((x) => x.command);

describe("staff command menus", () => {
  it("shows the citizen commands plus the role's, in the member's language, in their chat only", async () => {
    const { api, calls } = recordingApi();
    const menus = createTelegramStaffMenus(api, { t, logger: silentLogger() });
    await menus.show({ chatId: "2001", role: "official", locale: "en" });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe("setMyCommands");
    expect(calls[0]!.payload.scope).toEqual({ type: "chat", chat_id: 2001 });
    expect(commandsOf(calls[0])).toEqual(["start", "about", "language", "help", "privacy", "cancel", "delete", "subscribe", "unsubscribe", "digest", "alerts", "action", "actions", "complaints", "whoami"]);
    expect((calls[0]!.payload.commands as { description: string }[])[7]!.description).toBe(t("en", "staff_menu.subscribe"));
    await menus.hide("2001");
    expect(calls[1]).toEqual({ method: "deleteMyCommands", payload: { scope: { type: "chat", chat_id: 2001 } } });
  });

  it("keeps every description within Telegram's limits", () => {
    for (const locale of ["vi", "en"] as const) {
      for (const key of ["invite", "staff", "revoke", "subscribe", "unsubscribe", "digest", "senddigest", "announce", "action", "actions", "whoami"]) {
        const d = t(locale, `staff_menu.${key}`);
        expect(d.length).toBeGreaterThan(0);
        expect(d.length).toBeLessThanOrEqual(256);
      }
    }
  });

  it("does not throw when Telegram refuses the chat (an admin who never wrote to the bot)", async () => {
    const { api, calls } = recordingApi(() => true);
    const menus = createTelegramStaffMenus(api, { t, logger: silentLogger() });
    await expect(menus.show({ chatId: "9", role: "admin", locale: "vi" })).resolves.toBeUndefined();
    await expect(menus.hide("9")).resolves.toBeUndefined();
    expect(calls.map((c) => c.method)).toEqual(["setMyCommands", "deleteMyCommands"]);
  });
});

describe("at start", () => {
  let s: Service;
  const calls: Call[] = [];
  beforeAll(async () => {
    s = await startService({
      env: { HAILONG_DATA_DIR: tempDir(), TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, HAILONG_ADMINS: "1001" },
      logger: silentLogger(),
      listen: false,
      telegramPolling: false,
      telegramBotInfo: EMULATOR_BOT_INFO,
      telegramTransformer: async (_prev, method, payload) => {
        calls.push({ method, payload: payload as Record<string, unknown> });
        return { ok: true, result: true } as never;
      },
    });
  });
  afterAll(async () => s?.stop());

  it("gives each HAILONG_ADMINS admin the admin menu in their chat", async () => {
    await expect.poll(() => calls.find((c) => c.method === "setMyCommands" && c.payload.scope !== undefined)).toBeDefined();
    const own = calls.find((c) => c.method === "setMyCommands" && c.payload.scope !== undefined);
    expect(own!.payload.scope).toEqual({ type: "chat", chat_id: 1001 });
    expect(commandsOf(own)).toContain("invite");
    expect(commandsOf(own)).toContain("senddigest");
  });
});
