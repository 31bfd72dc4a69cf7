// Webhook → inbox → processor → SurveyHandler → replies through the Zalo channel, on both databases;
// restart safety; failures retried; notices routed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboundEvent, OutboundMessage } from "../../../src/messages.ts";
import { createZaloChannel } from "../../../src/channels/zalo/channel.ts";
import { createZaloClient } from "../../../src/channels/zalo/client.ts";
import type { ZaloNotice } from "../../../src/channels/zalo/to-inbound.ts";
import { createZaloInboxProcessor, createZaloWebhook } from "../../../src/http/zalo-webhook.ts";
import { silentLogger } from "../../../src/logger.ts";
import { createInboxStore } from "../../../src/store/inbox.ts";
import type { SurveyHandler } from "../../../src/survey/survey-service.types.ts";
import { PATHS, startFakeZaloOa, type FakeZaloOa } from "../../fakes/zalo-oa.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../../helpers/databases.ts";
import { testNow } from "../../helpers/clock.ts";
import { APP_ID, APP_SECRET, USER_ID, fakeClock, fixtureText, memoryCredentialStore, sign, testConfig } from "./helpers.ts";

describe.each(await databaseKinds())("Zalo inbox processor on %s", (kind) => {
  let t: TestDatabase;
  let fake: FakeZaloOa;
  const clock = fakeClock(testNow().getTime());
  const now = () => new Date(clock.now());
  let handled: InboundEvent[];
  let failNextHandle: number;

  const handler: SurveyHandler = {
    async handle(event) {
      if (failNextHandle > 0) {
        failNextHandle--;
        throw new Error("survey store busy");
      }
      handled.push(event);
      const reply: OutboundMessage = { chatId: event.chatId, text: `echo ${JSON.stringify(event.payload)}`, locale: "vi" };
      return [reply];
    },
  };

  // One credential store for the whole suite, as in one deployment: the fake's refresh tokens are single-use.
  const credentials = memoryCredentialStore();
  const channel = () =>
    createZaloChannel({
      client: createZaloClient({ config: testConfig(fake.url), credentials, logger: silentLogger() }),
      logger: silentLogger(),
    });

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    fake = await startFakeZaloOa({ appId: APP_ID, appSecret: APP_SECRET, refreshToken: "RT-initial-from-env" });
  });
  afterAll(async () => {
    await fake?.close();
    await t?.dispose();
  });
  beforeEach(async () => {
    handled = [];
    failNextHandle = 0;
    fake.calls.length = 0;
    await t.db.prisma.inboxEvent.deleteMany();
  });

  function delivery(text: string, msgId: string, name = "user_send_text.json"): { raw: string; header: string } {
    const ts = String(clock.now());
    const raw = fixtureText(name)
      .replace(/"timestamp": ?"\d+"/, `"timestamp": "${ts}"`)
      .replace(/"msg_id": "[0-9a-f]+"/, `"msg_id": "${msgId}"`)
      .replace("Chào A4B", text);
    return { raw, header: sign(raw, ts) };
  }

  it("webhook → stored → handled → reply sent; each event once, in arrival order", async () => {
    const processor = createZaloInboxProcessor({ inbox: createInboxStore(t.db, now), handler, channel: channel(), logger: silentLogger(), now });
    const app = createZaloWebhook({ config: testConfig(fake.url), inbox: createInboxStore(t.db, now), logger: silentLogger(), onStored: processor.kick, now: clock.now });
    for (const [text, id] of [["/start TOKEN_abc", "b0000000000000000001"], ["#hl:sv:AbC:q1:5", "b0000000000000000002"], ["4", "b0000000000000000003"]] as const) {
      const d = delivery(text, id);
      const res = await app.request("/", { method: "POST", body: d.raw, headers: { "x-zevent-signature": d.header } });
      expect(res.status).toBe(200);
    }
    // A redelivery of the second event changes nothing.
    const again = delivery("#hl:sv:AbC:q1:5", "b0000000000000000002");
    await app.request("/", { method: "POST", body: again.raw, headers: { "x-zevent-signature": again.header } });
    await processor.idle();
    expect(handled.map((e) => e.payload)).toEqual([
      { kind: "command", command: "start", args: "TOKEN_abc" },
      { kind: "button", data: "sv:AbC:q1:5" },
      { kind: "text", text: "4" },
    ]);
    expect(handled.every((e) => e.userId === USER_ID && e.chatId === USER_ID)).toBe(true);
    expect(fake.callsTo(PATHS.cs).map((c) => (c.json as { recipient: { user_id: string } }).recipient.user_id)).toEqual([USER_ID, USER_ID, USER_ID]);
    expect(await t.db.prisma.inboxEvent.count({ where: { processedAt: null } })).toBe(0);
  });

  it("drains rows left unprocessed by a previous process when started", async () => {
    const inbox = createInboxStore(t.db, now);
    const body = (text: string, id: string) => JSON.parse(delivery(text, id).raw) as object;
    await inbox.append("zalo", "zalo:msg:c1", body("Bắt đầu", "c0000000000000000001"));
    await inbox.append("zalo", "zalo:msg:c2", body("5", "c0000000000000000002"));
    // A row claimed by a process that then died: attempts=1, never finished, received long ago.
    const r3 = await inbox.append("zalo", "zalo:msg:c3", body("Hủy", "c0000000000000000003"));
    await t.db.prisma.inboxEvent.update({ where: { id: BigInt(r3.id!) }, data: { attempts: 1, receivedAt: new Date(clock.now() - 120_000) } });
    const processor = createZaloInboxProcessor({ inbox: createInboxStore(t.db, now), handler, channel: channel(), logger: silentLogger(), now });
    await processor.start(60_000);
    await processor.stop();
    expect(handled.map((e) => e.payload)).toEqual([
      { kind: "command", command: "start", args: "" },
      { kind: "text", text: "5" },
      { kind: "command", command: "cancel", args: "" },
    ]);
    expect(await t.db.prisma.inboxEvent.count({ where: { processedAt: null } })).toBe(0);
  });

  it("a handler failure is recorded and retried after the back-off; nothing is lost", async () => {
    const processor = createZaloInboxProcessor({ inbox: createInboxStore(t.db, now), handler, channel: channel(), logger: silentLogger(), retryBaseMs: 1000, now });
    await createInboxStore(t.db, now).append("zalo", "zalo:msg:d1", JSON.parse(delivery("3", "d0000000000000000001").raw));
    failNextHandle = 1;
    await processor.drain();
    const failed = await t.db.prisma.inboxEvent.findFirstOrThrow();
    expect(failed).toMatchObject({ processedAt: null, attempts: 1, lastError: "survey store busy" });
    expect(await processor.drain()).toBe(0); // still inside the back-off
    clock.advance(1100);
    expect(await processor.drain()).toBe(1);
    expect(handled.map((e) => e.payload)).toEqual([{ kind: "text", text: "3" }]);
    expect(await t.db.prisma.inboxEvent.findFirstOrThrow()).toMatchObject({ attempts: 2, lastError: null });
  });

  it("routes notices (follow, rating, delivery) to onNotice and sends what it returns", async () => {
    const notices: ZaloNotice[] = [];
    const processor = createZaloInboxProcessor({
      inbox: createInboxStore(t.db, now),
      handler,
      channel: channel(),
      logger: silentLogger(),
      now,
      onNotice: async (n) => {
        notices.push(n);
        return n.kind === "followed" ? [{ chatId: n.userId, text: "Chào mừng", locale: "vi" }] : undefined;
      },
    });
    const inbox = createInboxStore(t.db, now);
    await inbox.append("zalo", "k1", JSON.parse(fixtureText("follow.json")));
    await inbox.append("zalo", "k2", JSON.parse(fixtureText("user_feedback.json")));
    await inbox.append("zalo", "k3", JSON.parse(fixtureText("user_received_message_zns.json")));
    await inbox.append("zalo", "k4", JSON.parse(fixtureText("user_send_image.json")));
    await processor.drain();
    expect(notices.map((n) => n.kind)).toEqual(["followed", "rating", "delivered"]);
    expect(notices[1]).toMatchObject({ kind: "rating", rate: 5, trackingId: "1956" });
    expect(handled).toEqual([]);
    expect(fake.callsTo(PATHS.cs).map((c) => (c.json as { message: { text: string } }).message.text)).toEqual(["Chào mừng"]);
    expect(await t.db.prisma.inboxEvent.count({ where: { processedAt: null } })).toBe(0);
  });

  it("a reply refused by Zalo does not block the inbox; the event is done (the handler already stored it)", async () => {
    const processor = createZaloInboxProcessor({ inbox: createInboxStore(t.db, now), handler, channel: channel(), logger: silentLogger(), now });
    await createInboxStore(t.db, now).append("zalo", "zalo:msg:e1", JSON.parse(delivery("2", "e0000000000000000001").raw));
    fake.failNext(PATHS.cs, -230);
    await processor.drain();
    expect(handled).toHaveLength(1);
    expect(await t.db.prisma.inboxEvent.count({ where: { processedAt: null } })).toBe(0);
  });

});
