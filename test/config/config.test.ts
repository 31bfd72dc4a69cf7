import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";

describe("configuration", () => {
  it("has working defaults: embedded database, port 3000, Telegram off", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ databaseUrl: undefined, dataDir: "./data", port: 3000, host: "127.0.0.1", apiKeys: [], telegram: undefined, invitationTtlDays: 7 });
    expect(c.publicBaseUrl).toBe("http://127.0.0.1:3000");
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ PORT: "eighty" }, "PORT"],
    [{ HAILONG_API_KEYS: "short" }, "HAILONG_API_KEYS"],
    [{ HAILONG_SECRET: "too-short" }, "HAILONG_SECRET"],
    [{ TELEGRAM_BOT_TOKEN: "abc" }, "TELEGRAM_BOT_TOKEN"],
    [{ TELEGRAM_API_ROOT: "http://x/" }, "TELEGRAM_API_ROOT"],
    [{ TELEGRAM_MODE: "push" }, "TELEGRAM_MODE"],
    [{ TELEGRAM_MODE: "webhook", PUBLIC_BASE_URL: "https://x.gov.vn" }, "TELEGRAM_WEBHOOK_SECRET"],
    [{ HAILONG_INVITATION_TTL_DAYS: "0" }, "HAILONG_INVITATION_TTL_DAYS"],
    [{ TZ_DISPLAY: "Asia/Ho_Chi_Min" }, "TZ_DISPLAY"],
  ])("%o is refused with a message naming %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });

  it("reads Telegram and API keys", () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: "123456:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-ra", HAILONG_API_KEYS: "k1-0123456789abcdef, k2-0123456789abcdef" });
    expect(c.telegram).toMatchObject({ mode: "polling", apiRoot: "https://api.telegram.org" });
    expect(c.apiKeys).toEqual(["k1-0123456789abcdef", "k2-0123456789abcdef"]);
  });
});
