// Digests end to end on both engines, with a fake clock and a fake Bot API: the schedule fans a period out,
// the dispatcher sends through the broadcaster and the real grammY channel. Subscribers get exactly one
// digest per period in their language(s) with the picture, whatever happens: a double firing, a restart
// mid-send, two instances on one database; a blocked chat is marked stopped and never retried.
import { createStores } from "../../src/store/stores.ts";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDigestDispatcher, type DigestDispatcherDeps } from "../../src/digest/dispatch.ts";
import { createDigestScheduler, type DigestScheduler } from "../../src/digest/schedule.ts";
import { silentLogger } from "../../src/logger.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { createOutboxStore } from "../../src/store/outbox.ts";
import { createStaffStore } from "../../src/store/staff.ts";
import { createSubscriptionStore } from "../../src/store/subscriptions.ts";
import { digestJobKey } from "../../src/store/digest-jobs.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { addMember, bulkChannel, digestsOf, FakeTelegram, fakeClock, forgetDigests, seedResults, t, TZ } from "./digest-helpers.ts";

/** Monday 30 Nov 2026 08:00 in Hà Nội: week 48 has just finished. */
const MONDAY = "2026-11-30T01:00:00Z";
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LEASE_MS = 120_000;

describe.each(await databaseKinds())("digest sending on %s", (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let api: FakeTelegram;
  let clock: ReturnType<typeof fakeClock>;
  const schedulers: DigestScheduler[] = [];
  const extraDbs: Database[] = [];

  // One database per engine (opening one is slow); each test starts without staff, slots or digest rows.
  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    db = tdb.db;
    await seedResults(db);
  });
  afterAll(async () => tdb?.dispose());
  beforeEach(async () => {
    await forgetDigests(db);
    api = new FakeTelegram();
    clock = fakeClock(MONDAY);
  });
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
    for (const d of extraDbs.splice(0)) await d.close();
  });

  const scheduler = (on = db, id?: string) => {
    const s = createDigestScheduler({ stores: createStores(on, () => clock.now), cron: "0 8 * * 1", timeZone: TZ, now: () => clock.now, logger: silentLogger(), id });
    schedulers.push(s);
    return s;
  };
  const dispatcher = (extra: Partial<DigestDispatcherDeps> = {}) =>
    createDigestDispatcher({
      db,
      stores: createStores(db, () => clock.now),
      channel: bulkChannel(api),
      t,
      logger: silentLogger(),
      now: () => clock.now,
      timeZone: TZ,
      minN: 10,
      staff: createStaffStore(extra.db ?? db),
      broadcast: { sleep: clock.sleep },
      leaseMs: LEASE_MS,
      ...extra,
    });
  const outbox = () => createOutboxStore(db);
  const at = () => clock.now;

  /** Each chat got exactly one picture and one text per language it asked for. */
  function expectExactlyOnce(members: { chatId: string; languages: ("vi" | "en")[] }[]) {
    for (const m of members) {
      const got = digestsOf(api, m.chatId);
      expect({ chat: m.chatId, photos: got.photos.length, vi: got.viTexts.length, en: got.enTexts.length }).toEqual({
        chat: m.chatId,
        photos: m.languages.length,
        vi: m.languages.includes("vi") ? 1 : 0,
        en: m.languages.includes("en") ? 1 : 0,
      });
    }
  }

  it("gives each subscriber one digest of the week just finished, in their language(s), with the chart", async () => {
    const vi = await addMember(db, { role: "official", scope: ["STP"] }, at());
    const en = await addMember(db, { role: "official", scope: ["LSN"], locale: "en", subscription: { agencies: ["SXD"], languages: ["en"], frequency: "weekly" } }, at());
    const both = await addMember(db, { role: "admin", subscription: { agencies: ["STP"], languages: ["vi", "en"], frequency: "weekly" } }, at());
    const thin = await addMember(db, { role: "official", scope: ["UBND-CL"] }, at());
    const monthly = await addMember(db, { role: "official", scope: ["STP"], subscription: { agencies: [], languages: ["vi"], frequency: "monthly" } }, at());
    const comms = await addMember(db, { role: "comms" }, at());
    const revoked = await addMember(db, { role: "official", scope: ["STP"] }, at());
    await createStaffStore(db).revoke(revoked.record.id, at());
    const quit = await addMember(db, { role: "official", scope: ["STP"] }, at());
    await createSubscriptionStore(db).deactivate(quit.record.id, at());

    const fired = await scheduler().fireNow(at());
    expect(fired.map((o) => [o.key, o.outcome, o.created])).toEqual([
      ["digest:weekly:2026-W48", "claimed", 4],
      ["digest:monthly:2026-10", "claimed", 1],
    ]);
    const report = await dispatcher().runDue();
    expect(report).toMatchObject({ claimed: 5, sent: 5, failed: 0, stopped: 0, cancelled: 0, deferred: 0 });

    expectExactlyOnce([
      { chatId: vi.chatId, languages: ["vi"] },
      { chatId: en.chatId, languages: ["en"] },
      { chatId: both.chatId, languages: ["vi", "en"] },
      { chatId: thin.chatId, languages: ["vi"] },
      { chatId: monthly.chatId, languages: ["vi"] },
    ]);
    for (const m of [comms, revoked, quit]) expect(api.to(m.chatId)).toEqual([]);

    // The picture comes first, a PNG named for the period and language, with a short caption.
    const [photo, text] = digestsOf(api, vi.chatId).all;
    expect(photo).toMatchObject({ method: "sendPhoto", text: "Cơ quan STP: năm yếu tố, kỳ 2026-W48" });
    expect(photo!.photo!.filename).toBe("digest-2026-W48-vi.png");
    expect(photo!.photo!.png.subarray(0, 8)).toEqual(PNG);
    expect(text!.text).toContain("Kỳ 2026-W48: 23/11/2026 – 29/11/2026");
    expect(text!.text).toContain("Cơ quan STP");
    // The comment is there with its personal data redacted.
    expect(text!.text).toContain("cán bộ rất nhiệt tình");
    expect(text!.text).not.toContain("0912345678");
    expect(text!.text).not.toContain("Nguyễn Văn An");

    expect(digestsOf(api, en.chatId).enTexts[0]!.text).toContain("Agency SXD");
    expect(digestsOf(api, en.chatId).photos[0]!.photo!.filename).toBe("digest-2026-W48-en.png");
    // Below the minimum n, figures are withheld and said to be so.
    expect(digestsOf(api, thin.chatId).viTexts[0]!.text).toContain(t("vi", "digest.overall_not_enough", { minN: "10" }));
    expect(digestsOf(api, thin.chatId).viTexts[0]!.text).toContain("chưa đủ câu trả lời");
    expect(digestsOf(api, monthly.chatId).viTexts[0]!.text).toContain("Kỳ 2026-10");

    expect(await outbox().find(digestJobKey("2026-W48", vi.record.id))).toMatchObject({ kind: "digest", status: "sent", lastError: null });
  });

  it("fans a period out once however often it fires, from one instance or two", async () => {
    const members = await Promise.all([1, 2, 3].map(() => addMember(db, { role: "official", scope: ["SXD"] }, at())));
    const [a, b] = await Promise.all([scheduler(db, "a").fireNow(at()), scheduler(db, "b").fireNow(at())]);
    const weekly = [a![0]!, b![0]!];
    expect(weekly.map((o) => o.outcome).sort()).toEqual(["claimed", "taken"]);
    expect(weekly.reduce((s, o) => s + o.created, 0)).toBe(3);
    await dispatcher().runDue();
    // The cron fires again (a second instance, a clock hiccup), and an admin asks for a send: nothing new.
    clock.advance(60_000);
    expect((await scheduler().fireNow(new Date(MONDAY))).map((o) => o.outcome)).toEqual(["taken", "taken"]);
    expect(await dispatcher().runDue()).toMatchObject({ claimed: 0 });
    expectExactlyOnce(members.map((m) => ({ chatId: m.chatId, languages: ["vi"] })));
  });

  it("resumes after a restart mid-send without sending anything twice", async () => {
    const members = await Promise.all(
      [1, 2, 3, 4, 5].map(() => addMember(db, { role: "official", scope: ["STP"], subscription: { agencies: [], languages: ["vi", "en"], frequency: "weekly" } }, at())),
    );
    await scheduler().fireNow(at());
    // The process dies while its 8th message is on its way: Telegram got it, the answer never came back.
    api.dieAfter = { deliveries: 7, delivered: true };
    void dispatcher({ id: "before-restart", broadcast: { sleep: clock.sleep, limits: { maxInFlight: 1 } } }).runDue();
    await api.death;
    expect(api.delivered).toHaveLength(8);

    // The restarted instance finds the rows still leased, and takes them over once the lease has run out.
    api.dieAfter = undefined;
    const restarted = dispatcher({ id: "after-restart" });
    expect(await restarted.runDue()).toMatchObject({ claimed: 0 });
    clock.advance(LEASE_MS + 1000);
    const report = await restarted.runDue();
    expect(report).toMatchObject({ sent: 5, failed: 0, uncertain: 1 });
    expectExactlyOnce(members.map((m) => ({ chatId: m.chatId, languages: ["vi", "en"] })));
    expect(api.delivered).toHaveLength(20);
  });

  it("does not repeat a message whose request was cut off by a crash (at most once for the one in flight)", async () => {
    const members = await Promise.all([1, 2].map(() => addMember(db, { role: "official", scope: ["STP"] }, at())));
    await scheduler().fireNow(at());
    api.dieAfter = { deliveries: 1, delivered: false };
    void dispatcher({ id: "dies", broadcast: { sleep: clock.sleep, limits: { maxInFlight: 1 } } }).runDue();
    await api.death;
    api.dieAfter = undefined;
    clock.advance(LEASE_MS + 1000);
    await dispatcher({ id: "takes-over" }).runDue();
    // Two chats × (picture + text), less the one request that may or may not have reached Telegram.
    expect(api.delivered).toHaveLength(3);
    const uncertain = members.find((m) => api.to(m.chatId).length === 1)!;
    const job = await outbox().find(digestJobKey("2026-W48", uncertain.record.id));
    expect(job).toMatchObject({ status: "sent" });
    expect(job!.lastError).toContain("in flight");
  });

  it("stops gracefully mid-send: requests in flight finish, the rest is put back for the next instance at once", async () => {
    const members = await Promise.all([1, 2, 3, 4].map(() => addMember(db, { role: "official", scope: ["SXD"] }, at())));
    await scheduler().fireNow(at());
    const first = dispatcher({ id: "stopping" });
    api.onDelivered = (n) => {
      if (n === 3) void first.stop();
    };
    const report = await first.runDue();
    api.onDelivered = undefined;
    expect(report.deferred).toBeGreaterThan(0);
    expect(report.sent + report.deferred).toBe(4);
    expect(await first.runDue()).toMatchObject({ claimed: 0 });
    const next = await dispatcher({ id: "next" }).runDue();
    expect(next).toMatchObject({ sent: report.deferred, uncertain: 0 });
    expectExactlyOnce(members.map((m) => ({ chatId: m.chatId, languages: ["vi"] })));
  });

  it("two instances on one database send each digest exactly once", async () => {
    const members = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => addMember(db, { role: "official", scope: ["SXD"] }, at())));
    // A second process: its own connection to the same PostgreSQL (the embedded database allows one process,
    // so there the second instance shares the first one's connection).
    let second = db;
    if (tdb.databaseUrl) {
      second = await openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir, migrate: false, poolSize: 3 });
      extraDbs.push(second);
    }
    await Promise.all([scheduler(db, "one").fireNow(at()), scheduler(second, "two").fireNow(at())]);
    const [r1, r2] = await Promise.all([
      dispatcher({ id: "one", batchSize: 2 }).runDue(),
      dispatcher({ id: "two", db: second, batchSize: 2 }).runDue(),
    ]);
    expect(r1.claimed + r2.claimed).toBe(8);
    expect(r1.sent + r2.sent).toBe(8);
    expectExactlyOnce(members.map((m) => ({ chatId: m.chatId, languages: ["vi"] })));
  });

  it("marks a chat that blocked the bot as stopped, withdraws its digests and never retries it", async () => {
    const ok = await addMember(db, { role: "official", scope: ["STP"] }, at());
    const gone = await addMember(db, { role: "official", scope: ["STP"] }, at());
    api.blocked.add(gone.chatId);
    // Two periods are due for both: week 47 (fanned out late) and week 48.
    await scheduler().fireNow(new Date("2026-11-23T01:00:00Z"));
    await scheduler().fireNow(at());
    const report = await dispatcher({ batchSize: 1 }).runDue();
    expect(report).toMatchObject({ sent: 2, stopped: 1, cancelled: 1, failed: 0 });
    expect(api.requests.filter((r) => r.chatId === gone.chatId)).toHaveLength(1);
    expect((await createStaffStore(db).get(gone.record.id))!.stoppedAt).toEqual(expect.any(Date));
    for (const week of ["2026-W47", "2026-W48"]) expect(await outbox().find(digestJobKey(week, gone.record.id))).toMatchObject({ status: "cancelled" });

    // Next week the stopped member is not even scheduled.
    clock.now = new Date("2026-12-07T01:00:00Z");
    await scheduler().fireNow(at());
    await dispatcher().runDue();
    expect(api.requests.filter((r) => r.chatId === gone.chatId)).toHaveLength(1);
    expect(digestsOf(api, ok.chatId).viTexts).toHaveLength(3);
  });

  it("waits out a 429 as Telegram asks, and records a refused message without retrying it", async () => {
    const members = await Promise.all([1, 2, 3].map(() => addMember(db, { role: "official", scope: ["SXD"] }, at())));
    const refused = await addMember(db, { role: "official", scope: ["SXD"] }, at());
    api.badRequest.add(refused.chatId);
    api.rateLimit = { next: 2, retryAfter: 7 };
    await scheduler().fireNow(at());
    const report = await dispatcher().runDue();
    expect(report).toMatchObject({ sent: 3, failed: 1, rateLimited: 2 });
    expect(clock.slept.some((ms) => ms >= 7000)).toBe(true);
    expectExactlyOnce(members.map((m) => ({ chatId: m.chatId, languages: ["vi"] })));
    const job = await outbox().find(digestJobKey("2026-W48", refused.record.id));
    expect(job).toMatchObject({ status: "failed" });
    expect(job!.lastError).toContain("bad-request");
    const tries = api.requests.filter((r) => r.chatId === refused.chatId).length;
    clock.advance(24 * 3_600_000);
    await dispatcher().runDue();
    expect(api.requests.filter((r) => r.chatId === refused.chatId)).toHaveLength(tries);
  });

  it("shows the person who started a send an edited progress message, then a report", async () => {
    await Promise.all([1, 2, 3, 4, 5].map(() => addMember(db, { role: "official", scope: ["SXD"] }, at())));
    const admin = await addMember(db, { role: "admin", subscription: null }, at());
    await scheduler().fireNow(at());
    await dispatcher({ broadcast: { sleep: clock.sleep, progressEveryMs: 1000 } }).runDue({ reportTo: { chatId: admin.chatId, locale: "vi" } });
    const seen = api.to(admin.chatId);
    const first = seen[0]!;
    expect(first).toMatchObject({ method: "sendMessage" });
    expect(first.text).toMatch(/^Đã gửi \d\/5$/);
    const edits = seen.filter((m) => m.method === "editMessageText");
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.every((e) => e.messageId === first.messageId)).toBe(true);
    expect(edits.at(-1)!.text).toBe("Đã gửi 5/5");
    expect(seen.at(-1)!.text).toContain("Đã gửi xong bản tin: 5/5 người nhận.");
  });
});
