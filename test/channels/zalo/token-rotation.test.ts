// Token rotation on the real store (embedded PGlite and PostgreSQL): refresh ahead of expiry, -216 mid-send,
// concurrent senders (one process and two "instances"), persistence before use, restart, failure → health.
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createZaloClient, type ZaloClient } from "../../../src/channels/zalo/client.ts";
import { silentLogger } from "../../../src/logger.ts";
import { openDatabase, type Database } from "../../../src/store/database.ts";
import { createOAuthCredentialStore } from "../../../src/store/oauth-credentials.ts";
import { PATHS, startFakeZaloOa, type FakeZaloOa } from "../../fakes/zalo-oa.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../../helpers/databases.ts";
import { APP_ID, APP_SECRET, USER_ID, fakeClock, testConfig } from "./helpers.ts";

const PROVIDER = `zalo-oa:${APP_ID}`;
const HOUR = 3600_000;

describe.each(await databaseKinds())("Zalo OAuth token rotation on %s", (kind) => {
  let t: TestDatabase;
  let fake: FakeZaloOa;
  let clock: ReturnType<typeof fakeClock>;
  const extra: Database[] = [];

  const clientOn = (db: Database, over: { logger?: pino.Logger } = {}): ZaloClient =>
    createZaloClient({
      config: testConfig(fake.url),
      credentials: createOAuthCredentialStore(db),
      logger: over.logger ?? silentLogger(),
      now: clock.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))),
    });
  const row = () => t.db.prisma.oAuthCredential.findUniqueOrThrow({ where: { provider: PROVIDER } });
  const oauthCalls = () => fake.callsTo(PATHS.oauth);

  // One database per engine (opening PGlite is slow); each test starts from an empty credential table.
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => t?.dispose());

  beforeEach(async () => {
    await t.db.prisma.oAuthCredential.deleteMany();
    clock = fakeClock();
    fake = await startFakeZaloOa({ appId: APP_ID, appSecret: APP_SECRET, refreshToken: "RT-initial-from-env", refreshDelayMs: 50 });
  });
  afterEach(async () => {
    await fake.close();
    for (const d of extra.splice(0)) await d.close();
  });

  it("bootstraps from ZALO_REFRESH_TOKEN once and stores the rotated pair", async () => {
    const client = clientOn(t.db);
    expect(await client.sendText(USER_ID, "a")).toMatchObject({ ok: true });
    expect(await client.sendText(USER_ID, "b")).toMatchObject({ ok: true });
    expect(oauthCalls()).toHaveLength(1);
    const r = await row();
    expect(r.refreshToken).toBe(fake.validRefreshToken);
    expect(r.refreshToken).not.toBe("RT-initial-from-env");
    expect(r.accessExpiresAt.getTime()).toBe(clock.now() + 90000 * 1000);
    expect(r.refreshingUntil).toBeNull();
    expect(r.lastError).toBeNull();
    expect(client.health()).toEqual({ ok: true });
  });

  it("refreshes ahead of expiry (at about 20 h of the 25 h), not before", async () => {
    const client = clientOn(t.db);
    await client.sendText(USER_ID, "a");
    clock.advance(19 * HOUR);
    await client.sendText(USER_ID, "b");
    expect(oauthCalls()).toHaveLength(1);
    clock.advance(1 * HOUR + 60_000);
    await client.sendText(USER_ID, "c");
    expect(oauthCalls()).toHaveLength(2);
    const sends = fake.callsTo(PATHS.cs);
    expect(sends[2]!.headers["access_token"]).toMatch(/^AT-2-/);
  });

  it("on -216 mid-send: refreshes once, retries once, the message is delivered exactly once", async () => {
    const client = clientOn(t.db);
    await client.sendText(USER_ID, "first");
    fake.revokeAccessTokens();
    const r = await client.sendText(USER_ID, "second");
    expect(r).toMatchObject({ ok: true });
    expect(oauthCalls()).toHaveLength(2);
    const cs = fake.callsTo(PATHS.cs).map((c) => (c.json as { message: { text: string } }).message.text);
    expect(cs).toEqual(["first", "second", "second"]); // the refused attempt, then the delivered one
    expect(fake.callsTo(PATHS.cs)[2]!.headers["access_token"]).toBe((await row()).accessToken);
  });

  it("a token refused again after the refresh is a failure, not a loop", async () => {
    const client = clientOn(t.db);
    await client.sendText(USER_ID, "warm up");
    fake.failNext(PATHS.cs, -216, 2);
    const r = await client.sendText(USER_ID, "x");
    expect(r).toMatchObject({ ok: false, failure: "unknown", retryable: true, code: -216 });
    expect(oauthCalls()).toHaveLength(2);
  });

  it("two concurrent sends needing a refresh → exactly one refresh call", async () => {
    const client = clientOn(t.db);
    const [a, b, c] = await Promise.all([client.sendText(USER_ID, "a"), client.sendText(USER_ID, "b"), client.sendText(USER_ID, "c")]);
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, true]);
    expect(oauthCalls()).toHaveLength(1);
    clock.advance(21 * HOUR);
    const [d, e] = await Promise.all([client.sendText(USER_ID, "d"), client.sendText(USER_ID, "e")]);
    expect([d.ok, e.ok]).toEqual([true, true]);
    expect(oauthCalls()).toHaveLength(2);
  });

  it("two instances (separate clients and connections) needing a refresh → exactly one refresh call", async () => {
    const db2 = t.databaseUrl ? await openDatabase({ databaseUrl: t.databaseUrl, dataDir: t.dataDir, poolSize: 2 }) : t.db;
    if (db2 !== t.db) extra.push(db2);
    const one = clientOn(t.db);
    const two = clientOn(db2);
    const results = await Promise.all([one.sendText(USER_ID, "1a"), two.sendText(USER_ID, "2a"), one.sendText(USER_ID, "1b"), two.sendText(USER_ID, "2b")]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(oauthCalls()).toHaveLength(1);
    // Everyone used the one stored token.
    const tokens = new Set(fake.callsTo(PATHS.cs).map((c) => c.headers["access_token"]));
    expect([...tokens]).toEqual([(await row()).accessToken]);
  });

  it("persists the new pair before using it", async () => {
    const client = clientOn(t.db);
    const seen: { used: string; accepted: boolean; stored: string; storedRefresh: string; valid: string }[] = [];
    fake.onCall = async (call) => {
      if (call.path !== PATHS.cs) return;
      const r = await row();
      const used = call.headers["access_token"]!;
      seen.push({ used, accepted: fake.accessTokens.has(used), stored: r.accessToken, storedRefresh: r.refreshToken, valid: fake.validRefreshToken });
    };
    await client.sendText(USER_ID, "a");
    fake.revokeAccessTokens();
    await client.sendText(USER_ID, "b");
    fake.onCall = undefined;
    // At the moment each request carrying a fresh token reached Zalo, that token and its refresh token were stored.
    const delivered = seen.filter((s) => s.accepted);
    expect(delivered).toHaveLength(2);
    for (const s of delivered) {
      expect(s.stored).toBe(s.used);
      expect(s.storedRefresh).toBe(s.valid);
    }
  });

  it("after a restart, the rotated refresh token from the database is used (not the one in the environment)", async () => {
    await clientOn(t.db).sendText(USER_ID, "before restart");
    const rotated = (await row()).refreshToken;
    await t.db.close();
    const reopened = await openDatabase(t.databaseUrl ? { databaseUrl: t.databaseUrl, dataDir: t.dataDir } : { dataDir: t.dataDir });
    t.db = reopened;
    clock.advance(26 * HOUR);
    const r = await clientOn(reopened).sendText(USER_ID, "after restart");
    expect(r).toMatchObject({ ok: true });
    const calls = oauthCalls();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.form!.refresh_token).toBe(rotated);
  });

  it("a refused refresh is logged loudly, reported by health(), backed off, and recovers", async () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: "info" }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    const client = clientOn(t.db, { logger });
    fake.failNext(PATHS.oauth, -14014, 1, "Refresh token is invalid");
    const r = await client.sendText(USER_ID, "x");
    expect(r).toMatchObject({ ok: false, failure: "unknown", retryable: true, retryAfterSeconds: 300 });
    expect(client.health()).toEqual({ ok: false, reason: expect.stringContaining("Zalo OA token refresh failed") });
    expect(lines.some((l) => l.level === 50 && /token refresh failed/.test(l.msg))).toBe(true);
    expect((await row()).lastError).toMatch(/-14014/);
    // Within the back-off nobody hammers the OAuth endpoint.
    await client.sendText(USER_ID, "y");
    expect(oauthCalls()).toHaveLength(1);
    clock.advance(61_000);
    expect(await client.sendText(USER_ID, "z")).toMatchObject({ ok: true });
    expect(client.health()).toEqual({ ok: true });
    expect((await row()).lastError).toBeNull();
  });

  it("falls back to ZALO_REFRESH_TOKEN when the stored refresh token is refused (after a re-consent)", async () => {
    await t.db.prisma.oAuthCredential.create({
      data: { provider: PROVIDER, accessToken: "", refreshToken: "RT-dead", accessExpiresAt: new Date(0), refreshExpiresAt: new Date(clock.now() + 1e9) },
    });
    const r = await clientOn(t.db).sendText(USER_ID, "x");
    expect(r).toMatchObject({ ok: true });
    expect(oauthCalls().map((c) => c.form!.refresh_token)).toEqual(["RT-dead", "RT-initial-from-env"]);
  });

  it("exchanges an authorization code and stores the pair", async () => {
    const client = clientOn(t.db);
    await client.exchangeCode(fake.issueCode(), "verifier-123");
    const call = oauthCalls()[0]!;
    expect(call.form).toMatchObject({ grant_type: "authorization_code", code_verifier: "verifier-123", app_id: APP_ID });
    expect((await row()).refreshToken).toBe(fake.validRefreshToken);
    expect(await client.sendText(USER_ID, "x")).toMatchObject({ ok: true });
    expect(oauthCalls()).toHaveLength(1);
    await expect(client.exchangeCode("code-unknown")).rejects.toThrow(/-14019/);
  });
});
