import { describe, expect, it } from "vitest";
import { loadZaloConfig } from "../../../src/channels/zalo/config.ts";
import { classifyZaloError, secondsUntilMidnight, secondsUntilMorning } from "../../../src/channels/zalo/errors.ts";
import { parseJsonLossless } from "../../../src/channels/zalo/json.ts";
import { normalizeVietnamPhone } from "../../../src/channels/zalo/phone.ts";

const FULL = {
  ZALO_APP_ID: "2553928453557884079",
  ZALO_APP_SECRET: "app-secret-abcdefgh",
  ZALO_OA_SECRET_KEY: "oa-secret-key-0123456789",
  ZALO_REFRESH_TOKEN: "refresh-token-xyz-123",
};

describe("loadZaloConfig", () => {
  it("is off when no ZALO_* variable is set", () => {
    expect(loadZaloConfig({})).toBeUndefined();
    expect(loadZaloConfig({ ZALO_API_ROOT: "http://127.0.0.1:1", ZALO_APP_ID: "  " })).toBeUndefined();
  });

  it("fills Zalo's own endpoints and defaults", () => {
    expect(loadZaloConfig(FULL)).toEqual({
      appId: FULL.ZALO_APP_ID,
      appSecret: FULL.ZALO_APP_SECRET,
      oaSecretKey: FULL.ZALO_OA_SECRET_KEY,
      refreshToken: FULL.ZALO_REFRESH_TOKEN,
      oaId: undefined,
      apiRoot: "https://openapi.zalo.me",
      oauthRoot: "https://oauth.zaloapp.com",
      znsRoot: "https://business.openapi.zalo.me",
      zns: undefined,
      maxButtons: 5,
      webhookMaxAgeSeconds: 300,
    });
  });

  it("reads the roots, the ZNS template and the button limit", () => {
    const c = loadZaloConfig({
      ...FULL,
      ZALO_API_ROOT: "http://127.0.0.1:9000",
      ZALO_OAUTH_ROOT: "http://127.0.0.1:9001",
      ZALO_ZNS_ROOT: "http://127.0.0.1:9002/zns",
      ZALO_ZNS_TEMPLATE_ID: "7895417a7d3f9461cd2e",
      ZALO_ZNS_MODE: "development",
      ZALO_MAX_BUTTONS: "3",
    });
    expect(c).toMatchObject({
      apiRoot: "http://127.0.0.1:9000",
      oauthRoot: "http://127.0.0.1:9001",
      znsRoot: "http://127.0.0.1:9002/zns",
      zns: { templateId: "7895417a7d3f9461cd2e", mode: "development" },
      maxButtons: 3,
    });
  });

  it("names each missing variable when half-configured", () => {
    expect(() => loadZaloConfig({ ZALO_APP_ID: FULL.ZALO_APP_ID, ZALO_APP_SECRET: FULL.ZALO_APP_SECRET })).toThrow(
      /ZALO_OA_SECRET_KEY is required.*ZALO_REFRESH_TOKEN is required/,
    );
  });

  it("names malformed variables", () => {
    expect(() => loadZaloConfig({ ...FULL, ZALO_APP_ID: "abc" })).toThrow(/ZALO_APP_ID must be the numeric app id/);
    expect(() => loadZaloConfig({ ...FULL, ZALO_API_ROOT: "http://x/" })).toThrow(/ZALO_API_ROOT must be an http\(s\) URL/);
    expect(() => loadZaloConfig({ ...FULL, ZALO_MAX_BUTTONS: "many" })).toThrow(/ZALO_MAX_BUTTONS/);
  });
});

describe("parseJsonLossless", () => {
  it("keeps integers beyond 2^53 exact, as strings, and leaves everything else alone", () => {
    const v = parseJsonLossless(
      '{"a":6142494823190448412,"b":-9007199254740993,"c":42,"d":1.5e3,"e":"6142494823190448412","f":"x\\"12345678901234567890","g":[9007199254740991,9007199254740992]}',
    );
    expect(v).toEqual({
      a: "6142494823190448412",
      b: "-9007199254740993",
      c: 42,
      d: 1500,
      e: "6142494823190448412",
      f: 'x"12345678901234567890',
      g: [9007199254740991, "9007199254740992"],
    });
  });
  it("still rejects invalid JSON", () => {
    expect(() => parseJsonLossless("{")).toThrow();
  });
});

describe("normalizeVietnamPhone", () => {
  it.each([
    ["0987654321", "84987654321"],
    ["+84987654321", "84987654321"],
    ["84987654321", "84987654321"],
    ["0084 987 654 321", "84987654321"],
    ["098.765.4321", "84987654321"],
    ["(+84) 398-765-432", "84398765432"],
  ])("%s → %s", (input, out) => expect(normalizeVietnamPhone(input)).toBe(out));
  it.each(["", "12345", "02438123456", "+1 415 555 0100", "849876543210", "abc"])("refuses %j", (input) =>
    expect(normalizeVietnamPhone(input)).toBeUndefined(),
  );
});

describe("classifyZaloError", () => {
  const at = Date.UTC(2026, 10, 27, 16, 0, 0); // 23:00 in Vietnam
  it.each([
    [-230, "window-expired", false],
    [-232, "window-expired", false],
    [-213, "recipient-stopped", false],
    [-227, "recipient-stopped", false],
    [-32, "rate-limited", true],
    [-133, "quiet-hours", true],
    [-144, "quota", true],
    [-137, "quota", false],
    [-108, "bad-request", false],
    [-99999, "unknown", false],
  ] as const)("%i → %s (retryable %s)", (code, failure, retryable) => {
    expect(classifyZaloError(code, "m", at)).toMatchObject({ ok: false, failure, retryable, code });
  });
  it("reschedules night-window refusals to 06:00 Vietnam time and quotas to midnight", () => {
    expect(secondsUntilMorning(at)).toBe(7 * 3600);
    expect(classifyZaloError(-133, undefined, at).retryAfterSeconds).toBe(7 * 3600);
    expect(secondsUntilMorning(Date.UTC(2026, 10, 26, 22, 30))).toBe(30 * 60); // 05:30 local
    expect(secondsUntilMidnight(at)).toBe(3600);
    expect(classifyZaloError(-32, undefined, at).retryAfterSeconds).toBe(60);
  });
});
