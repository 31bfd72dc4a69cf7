// What each refusal means for the caller (no retry, retry later, reschedule), plus ZNS/template sends and
// the profile read, all against the loopback fake.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createZaloChannel } from "../../../src/channels/zalo/channel.ts";
import { createZaloClient, type ZaloClient } from "../../../src/channels/zalo/client.ts";
import { silentLogger } from "../../../src/logger.ts";
import { PATHS, startFakeZaloOa, type FakeZaloOa } from "../../fakes/zalo-oa.ts";
import { APP_ID, APP_SECRET, USER_ID, fakeClock, memoryCredentialStore, testConfig } from "./helpers.ts";

describe("Zalo send outcomes", () => {
  let fake: FakeZaloOa;
  let client: ZaloClient;
  // 23:30 in Vietnam (16:30 UTC): ZNS is inside the night window.
  const clock = fakeClock(Date.UTC(2026, 10, 27, 16, 30));

  beforeAll(async () => {
    fake = await startFakeZaloOa({ appId: APP_ID, appSecret: APP_SECRET, refreshToken: "RT-initial-from-env" });
    client = createZaloClient({ config: testConfig(fake.url), credentials: memoryCredentialStore(), logger: silentLogger(), now: clock.now });
  });
  afterAll(async () => fake?.close());
  beforeEach(() => {
    fake.calls.length = 0;
  });

  const channel = () => createZaloChannel({ client, logger: silentLogger() });
  const msg = { chatId: USER_ID, text: "Câu 1/8", locale: "vi" as const };

  it.each([
    [-230, { failure: "window-expired", retryable: false }],
    [-232, { failure: "window-expired", retryable: false }],
    [-213, { failure: "recipient-stopped", retryable: false }],
    [-32, { failure: "rate-limited", retryable: true, retryAfterSeconds: 60 }],
    [-133, { failure: "quiet-hours", retryable: true, retryAfterSeconds: 6.5 * 3600 }],
  ] as const)("CS send refused with %i → %o", async (code, expected) => {
    fake.failNext(PATHS.cs, code);
    const r = await channel().send(msg);
    expect(r).toEqual({ ok: false, ...expected, detail: expect.stringContaining(`zalo ${code}`) });
    // Exactly one attempt: the client never retries a refusal on its own (the caller decides, with the hint).
    expect(fake.callsTo(PATHS.cs)).toHaveLength(1);
  });

  it("the next send after a refusal goes through (nothing stuck)", async () => {
    fake.failNext(PATHS.cs, -32);
    expect((await channel().send(msg)).ok).toBe(false);
    expect(await channel().send(msg)).toMatchObject({ ok: true });
  });

  it("an unreachable Zalo is retryable; a non-JSON answer too", async () => {
    const down = createZaloClient({
      config: testConfig("http://127.0.0.1:1"),
      credentials: memoryCredentialStore(),
      logger: silentLogger(),
      now: clock.now,
      tokens: client.tokens,
      timeoutMs: 2000,
    });
    expect(await down.sendText(USER_ID, "x")).toMatchObject({ ok: false, failure: "unreachable", retryable: true });
  });

  it("ZNS by phone: 0… → 84…, tracking_id echoed, quota read", async () => {
    const r = await client.sendTemplateByPhone({
      phone: "0987 654 321",
      templateData: { customer_name: "Nguyễn Văn A".normalize("NFD"), dossier_code: "000.00.00.H00-261127-0001" },
      trackingId: "inv_8f3kQ2mZ",
    });
    expect(r).toEqual({ ok: true, messageId: expect.any(String), dailyQuota: "500", remainingQuota: "499" });
    const [call] = fake.callsTo(PATHS.zns);
    expect(call!.headers["access_token"]).toMatch(/^AT-/);
    expect(call!.json).toEqual({
      phone: "84987654321",
      template_id: "7895417a7d3f9461cd2e",
      template_data: { customer_name: "Nguyễn Văn A", dossier_code: "000.00.00.H00-261127-0001" },
      tracking_id: "inv_8f3kQ2mZ",
    });
  });

  it("ZNS in the night window → quiet-hours, rescheduled to 06:00 Vietnam time", async () => {
    fake.failNext(PATHS.zns, -133, 1, "Sending ZNS at night is not allowed");
    const r = await client.sendTemplateByPhone({ phone: "+84987654321", templateData: {}, trackingId: "inv_1" });
    expect(r).toMatchObject({ ok: false, failure: "quiet-hours", retryable: true, retryAfterSeconds: 6.5 * 3600, code: -133 });
  });

  it("ZNS input errors never reach Zalo", async () => {
    expect(await client.sendTemplateByPhone({ phone: "024 3812 3456", templateData: {}, trackingId: "inv_1" })).toMatchObject({ failure: "bad-request" });
    expect(await client.sendTemplateByPhone({ phone: "0987654321", templateData: {}, trackingId: "x".repeat(49) })).toMatchObject({ failure: "bad-request" });
    expect(await client.sendTemplateByPhone({ phone: "0987654321", templateData: {}, trackingId: "inv#1" })).toMatchObject({ failure: "bad-request" });
    expect(fake.callsTo(PATHS.zns)).toHaveLength(0);
    expect(await client.sendTemplateByPhone({ phone: "0987654321", templateData: {}, trackingId: "x".repeat(48) })).toMatchObject({ ok: true });
  });

  it("development mode is sent when configured", async () => {
    const dev = createZaloClient({
      config: testConfig(fake.url, { zns: { templateId: "tpl1", mode: "development" } }),
      credentials: memoryCredentialStore(),
      logger: silentLogger(),
      tokens: client.tokens,
    });
    await dev.sendTemplateByPhone({ phone: "0987654321", templateData: { a: 1 }, trackingId: "inv_2" });
    expect(fake.callsTo(PATHS.zns)[0]!.json).toMatchObject({ template_id: "tpl1", mode: "development" });
  });

  it("template by user id → /v3.0/oa/message/template; -213 → recipient-stopped", async () => {
    expect(await client.sendTemplateByUserId({ userId: USER_ID, templateData: { name: "A" } })).toMatchObject({ ok: true, messageId: expect.any(String) });
    expect(fake.callsTo(PATHS.templateByUid)[0]!.json).toEqual({ user_id: USER_ID, template_id: "7895417a7d3f9461cd2e", template_data: { name: "A" } });
    fake.failNext(PATHS.templateByUid, -213);
    expect(await client.sendTemplateByUserId({ userId: USER_ID, templateData: {} })).toMatchObject({ ok: false, failure: "recipient-stopped", retryable: false });
  });

  it("user profile: ids beyond 2^53 come back exact even when Zalo sends bare numbers", async () => {
    fake.profiles.set(
      USER_ID,
      `{"user_id":${USER_ID},"user_id_by_app":979122185046046317,"display_name":"Trần Thị B","user_is_follower":true,"user_last_interaction_date":"27/11/2026","shared_info":{"phone":84987654321,"name":"Trần Thị B"}}`,
    );
    const r = await client.getUserProfile(USER_ID);
    expect(r).toEqual({
      ok: true,
      data: {
        userId: USER_ID,
        userIdByApp: "979122185046046317",
        displayName: "Trần Thị B",
        isFollower: true,
        lastInteractionDate: "27/11/2026",
        sharedInfo: { name: "Trần Thị B", phone: "84987654321" },
      },
    });
    const [call] = fake.callsTo(PATHS.profile);
    expect(call!.method).toBe("GET");
    expect(call!.query).toEqual({ data: JSON.stringify({ user_id: USER_ID }) });
    expect(await client.getUserProfile("1234")).toMatchObject({ ok: false, failure: "recipient-stopped" });
  });
});
