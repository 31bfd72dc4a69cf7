import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/logger.ts";
import { verifyZaloSignature } from "../../../src/channels/zalo/verify-signature.ts";
import { createInboxStore, type InboxStore } from "../../../src/store/inbox.ts";
import { createZaloWebhook } from "../../../src/http/zalo-webhook.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../../helpers/databases.ts";
import { APP_ID, OA_ID, OA_SECRET, fakeClock, fixtureText, sign, testConfig } from "./helpers.ts";

const clock = fakeClock();
const NOW = clock.now();

/** A real sample, as Zalo formats it (spaces, line breaks), with a fresh timestamp. */
function sample(name = "user_send_text.json", ts = String(NOW), msgId?: string): string {
  let raw = fixtureText(name).replace(/"timestamp": ?"\d+"/, `"timestamp": "${ts}"`);
  if (msgId) raw = raw.replace(/"msg_id": "[0-9a-f]+"/, `"msg_id": "${msgId}"`);
  return raw;
}

const verify = (raw: string | Buffer, header: string | undefined, over: { secret?: string; now?: number } = {}) =>
  verifyZaloSignature({
    rawBody: typeof raw === "string" ? Buffer.from(raw, "utf8") : raw,
    header,
    appId: APP_ID,
    oaSecretKey: over.secret ?? OA_SECRET,
    now: over.now ?? NOW,
    maxAgeMs: 300_000,
  });

describe("verifyZaloSignature", () => {
  const raw = sample();
  const ts = String(NOW);

  it("accepts a valid signature computed over the raw bytes", () => {
    expect(verify(raw, sign(raw, ts))).toMatchObject({ ok: true, variant: "app_id" });
    expect(verify(raw, sign(raw, ts).toUpperCase().replace("MAC=", "mac="))).toMatchObject({ ok: true });
  });

  it("refuses a tampered body", () => {
    expect(verify(raw.replace("Chào A4B", "Chào A4C"), sign(raw, ts))).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses a tampered timestamp (the signed one is in the hash)", () => {
    const later = String(NOW + 1000);
    const tampered = raw.replace(`"timestamp": "${ts}"`, `"timestamp": "${later}"`);
    expect(verify(tampered, sign(raw, ts))).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses a signature made with the wrong secret (e.g. the app secret)", () => {
    expect(verify(raw, sign(raw, ts, { secret: "app-secret-abcdefgh" }))).toEqual({ ok: false, reason: "bad-signature" });
    expect(verify(raw, sign(raw, ts), { secret: "another-oa-secret" })).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses an HMAC of the same inputs (a common wrong implementation)", async () => {
    const { createHmac } = await import("node:crypto");
    const hmac = createHmac("sha256", OA_SECRET).update(APP_ID + raw + ts).digest("hex");
    expect(verify(raw, `mac=${hmac}`)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses a missing or malformed header", () => {
    expect(verify(raw, undefined)).toEqual({ ok: false, reason: "missing-header" });
    expect(verify(raw, "")).toEqual({ ok: false, reason: "missing-header" });
    expect(verify(raw, sign(raw, ts).slice(4))).toEqual({ ok: false, reason: "malformed-header" });
    expect(verify(raw, "mac=abc")).toEqual({ ok: false, reason: "malformed-header" });
  });

  it("refuses stale and far-future timestamps even when correctly signed", () => {
    const old = sample("user_send_text.json", String(NOW - 301_000));
    expect(verify(old, sign(old, String(NOW - 301_000)))).toEqual({ ok: false, reason: "stale" });
    const edge = sample("user_send_text.json", String(NOW - 299_000));
    expect(verify(edge, sign(edge, String(NOW - 299_000)))).toMatchObject({ ok: true });
    const future = sample("user_send_text.json", String(NOW + 400_000));
    expect(verify(future, sign(future, String(NOW + 400_000)))).toEqual({ ok: false, reason: "stale" });
  });

  it("refuses the body once re-serialised (whitespace and key order differ from the signed bytes)", () => {
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(reserialised).not.toBe(raw);
    expect(verify(reserialised, sign(raw, ts))).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("verifies bodies whose ids are bare numbers > 2^53 on the exact bytes", () => {
    const numeric = fixtureText("user_send_text_numeric_ids.json").replace(/"timestamp":\d+/, `"timestamp":${NOW}`);
    expect(verify(numeric, sign(numeric, ts))).toMatchObject({ ok: true, body: { sender: { id: "6142494823190448412" } } });
    // A JavaScript round trip rounds the ids and breaks the signature.
    expect(verify(JSON.stringify(JSON.parse(numeric)), sign(numeric, ts))).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("accepts oa_id as the first term (community variant, §F.1) and says so", () => {
    const raw2 = sample("user_feedback.json");
    expect(verify(raw2, sign(raw2, ts, { id: OA_ID }))).toMatchObject({ ok: true, variant: "oa_id" });
  });

  it("refuses a correctly signed event for another app", () => {
    const other = raw.replace(`"app_id": "${APP_ID}"`, `"app_id": "1111111111111111111"`);
    expect(verify(other, sign(other, ts))).toEqual({ ok: false, reason: "wrong-app" });
  });

  it("refuses bodies that are not a JSON object with a timestamp", () => {
    expect(verify("not json", sign("not json", ts))).toEqual({ ok: false, reason: "malformed-body" });
    expect(verify("[1,2]", sign("[1,2]", ts))).toEqual({ ok: false, reason: "malformed-body" });
    expect(verify('{"event_name":"x"}', sign('{"event_name":"x"}', ts))).toEqual({ ok: false, reason: "malformed-body" });
  });
});

describe.each(await databaseKinds())("POST /webhooks/zalo on %s", (kind) => {
  let t: TestDatabase;
  let inbox: InboxStore;
  let kicks = 0;
  const app = () =>
    createZaloWebhook({ config: testConfig("http://127.0.0.1:9"), inbox, logger: silentLogger(), onStored: () => kicks++, now: clock.now });

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    inbox = createInboxStore(t.db, () => new Date(clock.now()));
  });
  afterAll(async () => t?.dispose());

  const post = (raw: string, headers: Record<string, string> = {}) =>
    app().request("/", { method: "POST", body: raw, headers: { "content-type": "application/json", ...headers } });
  const count = () => t.db.prisma.inboxEvent.count();

  it("stores a valid event before answering 200, and kicks the processor", async () => {
    const raw = sample("user_send_text.json", String(NOW), "aaaa000000000000000a");
    const before = kicks;
    const res = await post(raw, { "x-zevent-signature": sign(raw, String(NOW)) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(kicks).toBe(before + 1);
    const row = await t.db.prisma.inboxEvent.findUniqueOrThrow({ where: { dedupeKey: "zalo:msg:aaaa000000000000000a" } });
    expect(row.channel).toBe("zalo");
    expect(row.processedAt).toBeNull();
    expect((row.payload as { sender: { id: string } }).sender.id).toBe("6142494823190448412");
  });

  it("acknowledges a replayed msg_id without storing it again or kicking", async () => {
    const raw = sample("user_send_text.json", String(NOW), "aaaa000000000000000b");
    const header = { "x-zevent-signature": sign(raw, String(NOW)) };
    expect((await post(raw, header)).status).toBe(200);
    const n = await count();
    const before = kicks;
    const again = await post(raw, header);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    expect(await count()).toBe(n);
    expect(kicks).toBe(before);
  });

  it.each([
    ["missing header", (_raw: string) => ({}), 401],
    ["wrong secret", (raw: string) => ({ "x-zevent-signature": sign(raw, String(NOW), { secret: "nope-nope-nope" }) }), 401],
    ["tampered body", (raw: string) => ({ "x-zevent-signature": sign(raw.replace("Chào", "Chao"), String(NOW)) }), 401],
  ] as const)("refuses %s with a 4xx and stores nothing", async (_name, headers, status) => {
    const raw = sample("user_send_text.json", String(NOW), "aaaa000000000000000c");
    const n = await count();
    const res = await post(raw, headers(raw));
    expect(res.status).toBe(status);
    expect(await count()).toBe(n);
  });

  it("refuses a stale but correctly signed event", async () => {
    const ts = String(NOW - 10 * 60_000);
    const raw = sample("user_send_text.json", ts, "aaaa000000000000000d");
    const res = await post(raw, { "x-zevent-signature": sign(raw, ts) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "stale" });
  });

  it("refuses a 1 MB body with 413 (declared length, or streamed without one), never a 5xx", async () => {
    const big = `{"event_name":"user_send_text","pad":"${"x".repeat(1024 * 1024)}","timestamp":"${NOW}"}`;
    const n = await count();
    const declared = await post(big, { "x-zevent-signature": sign(big, String(NOW)), "content-length": String(Buffer.byteLength(big)) });
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        const chunk = Buffer.from(big);
        for (let i = 0; i < chunk.length; i += 64 * 1024) c.enqueue(chunk.subarray(i, i + 64 * 1024));
        c.close();
      },
    });
    const streamed = await app().request("/", {
      method: "POST",
      body: stream,
      headers: { "x-zevent-signature": sign(big, String(NOW)) },
      // @ts-expect-error Node's fetch needs duplex for a streamed body
      duplex: "half",
    });
    expect(streamed.status).toBe(413);
    expect(await count()).toBe(n);
  });

  it("accepts a large body under the 256 KB limit", async () => {
    const raw = sample("user_send_text.json", String(NOW), "aaaa000000000000000e").replace("Chào A4B", "y".repeat(200 * 1024));
    const res = await post(raw, { "x-zevent-signature": sign(raw, String(NOW)) });
    expect(res.status).toBe(200);
  });

  it("answers 400 to garbage and acknowledges unknown events without storing them", async () => {
    expect((await post("{oops", { "x-zevent-signature": sign("{oops", String(NOW)) })).status).toBe(400);
    const seen = sample("user_seen_message.json");
    const n = await count();
    const res = await post(seen, { "x-zevent-signature": sign(seen, String(NOW)) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, ignored: true });
    expect(await count()).toBe(n);
  });

  it("stores a user_feedback rating once even when Zalo delivers it twice", async () => {
    const raw = sample("user_feedback.json");
    const header = { "x-zevent-signature": sign(raw, String(NOW)) };
    expect((await post(raw, header)).status).toBe(200);
    expect((await post(raw, header)).status).toBe(200);
    expect(await t.db.prisma.inboxEvent.count({ where: { dedupeKey: "zalo:feedback:6f3a1c9e2b7d4f0a8c51" } })).toBe(1);
  });

  it("answers 503 (so Zalo redelivers) when the event cannot be stored", async () => {
    const broken = createZaloWebhook({
      config: testConfig("http://127.0.0.1:9"),
      inbox: { append: async () => Promise.reject(new Error("database down")) },
      logger: silentLogger(),
      now: clock.now,
    });
    const raw = sample("user_send_text.json", String(NOW), "aaaa000000000000000f");
    const res = await broken.request("/", { method: "POST", body: raw, headers: { "x-zevent-signature": sign(raw, String(NOW)) } });
    expect(res.status).toBe(503);
  });
});
