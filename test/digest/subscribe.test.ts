// Digests in the bot, through the real grammY bot and staff router with the Bot API faked: an official
// subscribes by taps only, old and forged buttons change nothing, typing mid-dialogue never reaches the
// survey, others are refused politely, /digest previews the period in progress with its chart, and an
// admin's /senddigest sends now with a progress message, audited.
import { createStores } from "../../src/store/stores.ts";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/messages.ts";
import { createTelegramBot } from "../../src/channels/telegram/bot.ts";
import { createDigestDispatcher, type DigestDispatcher } from "../../src/digest/dispatch.ts";
import { createDigestScheduler, type DigestScheduler } from "../../src/digest/schedule.ts";
import { createDigestFeature } from "../../src/digest/subscribe-feature.ts";
import { silentLogger } from "../../src/logger.ts";
import { createStaffRouter } from "../../src/staff/router.ts";
import { createAuditLog } from "../../src/store/audit.ts";
import type { Database } from "../../src/store/database.ts";
import { createProcessedStore } from "../../src/store/processed.ts";
import { createStaffStore } from "../../src/store/staff.ts";
import { createSubscriptionStore } from "../../src/store/subscriptions.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";
import { addMember, bulkChannel, digestsOf, FakeTelegram, fakeClock, forgetDigests, seedResults, t, TZ } from "./digest-helpers.ts";

describe.each(await databaseKinds())("digests in the bot (%s)", (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let api: FakeTelegram;
  let clock: ReturnType<typeof fakeClock>;
  let scheduler: DigestScheduler;
  let dispatcher: DigestDispatcher;
  let feed: (u: Update) => Promise<void>;
  const surveyed: InboundEvent[] = [];
  let updateId = 0;

  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    db = tdb.db;
    await seedResults(db);
    api = new FakeTelegram();
    clock = fakeClock("2026-11-26T03:00:00Z");
    const now = () => clock.now;
    const staff = createStaffStore(db);
    const processed = createProcessedStore(db);
    scheduler = createDigestScheduler({ stores: createStores(db, now), cron: "0 8 * * 1", timeZone: TZ, now, logger: silentLogger() });
    dispatcher = createDigestDispatcher({
      stores: createStores(db, now),
      db,
      channel: bulkChannel(api),
      t,
      logger: silentLogger(),
      now,
      timeZone: TZ,
      minN: 10,
      staff,
      broadcast: { sleep: clock.sleep, progressEveryMs: 1000 },
    });
    const feature = createDigestFeature({ db, stores: createStores(db, now), staff, audit: createAuditLog(db), t, logger: silentLogger(), timeZone: TZ, minN: 10, send: { scheduler, dispatcher } });
    const router = createStaffRouter({
      survey: { handle: async (e) => (surveyed.push(e), []) },
      features: [feature],
      directory: staff,
      claimDelivery: (key) => processed.claim(key),
      t,
      logger: silentLogger(),
      now,
    });
    const bot = createTelegramBot(
      { token: TEST_BOT_TOKEN, apiRoot: "http://127.0.0.1:9", botInfo: EMULATOR_BOT_INFO, transformer: api.transformer },
      { handler: router, t, logger: silentLogger() },
    );
    feed = async (u) => bot.bot.handleUpdate(u);
  });
  afterAll(async () => {
    await scheduler?.stop();
    await tdb?.dispose();
  });
  beforeEach(async () => {
    await forgetDigests(db);
    clock.now = new Date("2026-11-26T03:00:00Z");
  });

  /** A person in Telegram: what they send, and what the bot shows them (edits replace the message they edit). */
  function person(chatId: string) {
    const id = Number(chatId);
    const from = { id, is_bot: false, first_name: `Người ${id}`, language_code: "vi" };
    const chat = { id, first_name: `Người ${id}`, type: "private" as const };
    const screen = () => {
      const mine = api.to(chatId);
      return mine.at(-1)!;
    };
    const p = {
      async command(text: string) {
        const len = text.split(" ")[0]!.length;
        await feed({ update_id: ++updateId, message: { message_id: updateId, from, chat, date: 0, text, entities: [{ type: "bot_command", offset: 0, length: len }] } } as Update);
        return screen();
      },
      async text(text: string) {
        await feed({ update_id: ++updateId, message: { message_id: updateId, from, chat, date: 0, text } } as Update);
        return screen();
      },
      async press(data: string, messageId: number) {
        await feed({
          update_id: ++updateId,
          callback_query: { id: String(updateId), from, chat_instance: "1", data, message: { message_id: messageId, date: 0, chat, text: "" } },
        } as Update);
        return screen();
      },
      button(label: string) {
        const s = api.to(chatId).filter((m) => m.buttons.length > 0).at(-1)!;
        const b = s.buttons.flat().find((x) => x.text.startsWith(label));
        if (!b) throw new Error(`no button "${label}" in ${JSON.stringify(s.buttons.map((r) => r.map((x) => x.text)))}`);
        return { data: b.callback_data, messageId: s.messageId };
      },
      tap(label: string) {
        const b = p.button(label);
        return p.press(b.data, b.messageId);
      },
      labels: () => screen().buttons.flat().map((b) => b.text),
    };
    return p;
  }

  it("lets an official subscribe by taps: agencies within their scope, language, frequency, confirmation", async () => {
    const m = await addMember(db, { role: "official", scope: ["LSN"], subscription: null }, clock.now);
    const u = person(m.chatId);
    const first = await u.command("/subscribe");
    expect(first.text).toBe(t("vi", "subscribe.step_agencies"));
    expect(u.labels()).toEqual([
      "☐ Tất cả trong phạm vi của tôi",
      "☐ Cơ quan LSN",
      "☐ · Cơ quan STP",
      "☐ · Cơ quan SXD",
      "☐ · Cơ quan UBND-CL",
      "Hủy",
      "Tiếp tục »",
    ]);
    // Continuing with nothing chosen says what is missing, on the same message.
    const nothing = await u.tap("Tiếp tục");
    expect(nothing).toMatchObject({ method: "editMessageText", messageId: first.messageId });
    expect(nothing.text).toContain(t("vi", "subscribe.need_agency"));
    const toggled = await u.tap("☐ · Cơ quan STP");
    expect(toggled).toMatchObject({ method: "editMessageText", messageId: first.messageId });
    expect(u.labels()).toContain("☑ · Cơ quan STP");
    await u.tap("☐ · Cơ quan SXD");
    await u.tap("☑ · Cơ quan SXD");
    const language = await u.tap("Tiếp tục");
    expect(language.text).toBe(t("vi", "subscribe.step_language"));
    await u.tap("Cả hai");
    await u.tap("« Quay lại");
    await u.tap("Cả hai");
    const summary = await u.tap("Hằng tháng");
    expect(summary.text).toBe(
      "Kiểm tra lại rồi bấm «Xác nhận»:\n• Cơ quan: Cơ quan STP\n• Ngôn ngữ: Cả hai (tiếng Việt và tiếng Anh)\n• Tần suất: Hằng tháng (số liệu của tháng vừa qua)",
    );
    const saved = await u.tap("✔ Xác nhận");
    expect(saved).toMatchObject({ method: "editMessageText", messageId: first.messageId, buttons: [] });
    expect(saved.text).toContain("Đã đăng ký nhận bản tin.");
    expect(await createSubscriptionStore(db).find(m.record.id)).toMatchObject({ agencies: ["STP"], languages: ["vi", "en"], frequency: "monthly", active: true });
    expect((await createStaffStore(db).get(m.record.id))!.pending).toBeNull();
    const [entry] = await createAuditLog(db).list({ action: "digest.subscribe" });
    expect(entry).toMatchObject({ actor: `telegram:${m.chatId}`, subject: m.record.id });

    // Subscribing again starts from what they have; "everything in my scope" stores no codes.
    await u.command("/subscribe");
    expect(u.labels()).toContain("☑ · Cơ quan STP");
    await u.tap("☐ Tất cả");
    expect(u.labels().filter((l) => l.startsWith("☑"))).toEqual(["☑ Tất cả trong phạm vi của tôi"]);
    await u.tap("Tiếp tục");
    await u.tap("Tiếng Việt");
    await u.tap("Hằng tuần");
    await u.tap("✔ Xác nhận");
    expect(await createSubscriptionStore(db).find(m.record.id)).toMatchObject({ agencies: [], languages: ["vi"], frequency: "weekly" });
  });

  it("treats old, forged and out-of-step buttons as stale and changes nothing", async () => {
    const m = await addMember(db, { role: "official", scope: ["LSN"], subscription: null }, clock.now);
    const u = person(m.chatId);
    await u.command("/subscribe");
    const old = u.button("☐ · Cơ quan STP");
    const oldNext = u.button("Tiếp tục");
    await u.command("/subscribe");
    const stale = t("vi", "staff.stale_button");
    expect((await u.press(old.data, old.messageId)).text).toBe(stale);
    const nonce = /^x:d:n:([^:]+)$/.exec(u.button("Tiếp tục").data)![1]!;
    for (const forged of [`x:d:t:${nonce}:999`, `x:d:p:${nonce}:7`, `x:d:ok:${nonce}`, `x:d:l:${nonce}:fr`, "x:d:garbage", `x:d:b:${nonce}`, `x:d:${nonce}:n`]) {
      expect((await u.press(forged, 1)).text).toBe(stale);
    }
    expect((await u.press(oldNext.data, oldNext.messageId)).text).toBe(stale);
    expect(await createSubscriptionStore(db).find(m.record.id)).toBeNull();
    // The current dialogue is untouched by all of that.
    await u.tap("☐ · Cơ quan SXD");
    expect(u.labels()).toContain("☑ · Cơ quan SXD");
  });

  it("answers typing mid-dialogue with a hint (never the survey), and /cancel ends the dialogue", async () => {
    const m = await addMember(db, { role: "official", scope: ["STP"], subscription: null }, clock.now);
    const u = person(m.chatId);
    await u.command("/subscribe");
    const before = surveyed.length;
    expect((await u.text("STP tuần")).text).toBe(t("vi", "subscribe.use_buttons"));
    expect(surveyed).toHaveLength(before);
    expect((await u.command("/cancel")).text).toBe(t("vi", "subscribe.cancelled"));
    expect((await createStaffStore(db).get(m.record.id))!.pending).toBeNull();
    expect(await createSubscriptionStore(db).find(m.record.id)).toBeNull();
  });

  it("refuses people without an official or admin role politely", async () => {
    const comms = await addMember(db, { role: "comms", subscription: null }, clock.now);
    const official = await addMember(db, { role: "official", scope: ["STP"], subscription: null }, clock.now);
    const citizen = person("999001");
    const notAllowed = t("vi", "subscribe.not_allowed");
    for (const cmd of ["/subscribe", "/unsubscribe", "/digest"]) {
      expect((await citizen.command(cmd)).text).toBe(notAllowed);
      expect((await person(comms.chatId).command(cmd)).text).toBe(notAllowed);
    }
    expect((await citizen.press("x:d:a:abcdefgh", 1)).text).toBe(notAllowed);
    expect((await person(official.chatId).command("/senddigest")).text).toBe(t("vi", "digest.send_not_allowed"));
    expect(await createAuditLog(db).list({ action: "staff.denied" })).toEqual([
      expect.objectContaining({ actor: `telegram:${official.chatId}`, details: { command: "senddigest", role: "official" } }),
    ]);
    expect(api.to("999001").some((m) => m.method === "sendPhoto")).toBe(false);
  });

  it("unsubscribes, and says so when there was nothing to stop", async () => {
    const m = await addMember(db, { role: "official", scope: ["STP"] }, clock.now);
    const u = person(m.chatId);
    expect((await u.command("/unsubscribe")).text).toBe(t("vi", "subscribe.unsubscribed"));
    expect(await createSubscriptionStore(db).find(m.record.id)).toMatchObject({ active: false });
    expect((await u.command("/unsubscribe")).text).toBe(t("vi", "subscribe.not_subscribed"));
  });

  it("previews the period in progress with its chart, for the subscription or else the scope", async () => {
    const m = await addMember(db, { role: "official", scope: ["LSN"], subscription: { agencies: ["STP"], languages: ["vi"], frequency: "weekly" } }, clock.now);
    const u = person(m.chatId);
    const text = await u.command("/digest");
    const [photo] = api.to(m.chatId).filter((d) => d.method === "sendPhoto");
    expect(photo!.text).toBe("Cơ quan STP: năm yếu tố, kỳ 2026-W48");
    expect(photo!.photo!.png.length).toBeGreaterThan(10_000);
    expect(text.text.startsWith(t("vi", "digest.preview_note"))).toBe(true);
    expect(text.text).toContain("Kỳ 2026-W48: 23/11/2026 – 29/11/2026");
    expect(text.text).toContain("Cơ quan STP");
    expect(text.text).not.toContain("Cơ quan SXD");

    const thin = await addMember(db, { role: "official", scope: ["UBND-CL"], subscription: null }, clock.now);
    const withheld = await person(thin.chatId).command("/digest");
    expect(withheld.text).toContain("Cơ quan UBND-CL");
    expect(withheld.text).toContain(t("vi", "digest.overall_not_enough", { minN: "10" }));
  });

  it("lets an admin send now: the schedule fires, progress is edited in place, a report follows, all audited", async () => {
    clock.now = new Date("2026-11-30T01:00:00Z");
    const subscribers = await Promise.all([1, 2].map(() => addMember(db, { role: "official", scope: ["SXD"] }, clock.now)));
    const admin = await addMember(db, { role: "admin", subscription: null }, clock.now);
    const a = person(admin.chatId);
    const ack = await a.command("/senddigest");
    expect(ack.text).toBe(
      "Bắt đầu gửi bản tin:\n• Kỳ 2026-W48: 2 bản tin mới được lên lịch\n• Kỳ 2026-10: chưa có ai đăng ký loại bản tin này, không có gì để gửi\nTiến độ sẽ hiện trong tin nhắn tiếp theo.",
    );
    await dispatcher.runDue();
    for (const s of subscribers) expect(digestsOf(api, s.chatId)).toMatchObject({ photos: [expect.anything()], viTexts: [expect.anything()] });
    const seen = api.to(admin.chatId);
    expect(seen.filter((m) => m.method === "editMessageText").at(-1)!.text).toBe("Đã gửi 2/2");
    expect(seen.at(-1)!.text).toContain("Đã gửi xong bản tin: 2/2 người nhận.");
    const [entry] = await createAuditLog(db).list({ action: "digest.send" });
    expect(entry).toMatchObject({ actor: `telegram:${admin.chatId}`, subject: "digest:weekly:2026-W48 digest:monthly:2026-10" });

    // A second /senddigest for the same week sends nothing again.
    const again = await a.command("/senddigest");
    expect(again.text).toContain(
      "Kỳ 2026-W48: đã gửi từ 30/11/2026 08:00 (lịch gửi hoặc lần gửi bù khi khởi động) cho cả 2 người đang đăng ký; không ai nhận hai lần nên không gửi gì thêm",
    );
    await dispatcher.runDue();
    for (const s of subscribers) expect(digestsOf(api, s.chatId).viTexts).toHaveLength(1);
  });

  it("after the start-up catch-up has claimed the week, /senddigest still reaches whoever subscribed since, and nobody twice", async () => {
    clock.now = new Date("2026-11-30T01:00:00Z");
    const early = await addMember(db, { role: "official", scope: ["SXD"] }, clock.now);
    // The service starts on Monday morning: the catch-up claims W48 for the subscribers of that moment.
    clock.now = new Date("2026-11-30T01:30:00Z");
    await scheduler.catchUp();
    await dispatcher.runDue();
    expect(digestsOf(api, early.chatId).viTexts).toHaveLength(1);

    clock.now = new Date("2026-11-30T02:00:00Z");
    const late = await addMember(db, { role: "official", scope: ["SXD"] }, clock.now);
    const admin = await addMember(db, { role: "admin", subscription: null }, clock.now);
    const ack = await person(admin.chatId).command("/senddigest");
    expect(ack.text).toMatch(/Kỳ 2026-W48: đã gửi từ 30\/11\/2026 \d\d:\d\d \(lịch gửi hoặc lần gửi bù khi khởi động\); nay gửi thêm cho 1 người đăng ký chưa nhận/);
    await dispatcher.runDue();
    expect(digestsOf(api, late.chatId).viTexts).toHaveLength(1);
    expect(digestsOf(api, early.chatId).viTexts).toHaveLength(1);
  });
});
