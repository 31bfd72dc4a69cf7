// Alerts in the running service, on both engines: a weekly subscriber of the Department of Justice gets one
// alert when its figures drop significantly this week, naming what dropped from what to what with n, in their
// language; a restart and a second check add nothing; a crash mid-send neither loses nor doubles it.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { createOutboxWorker } from "../../src/outbox/worker.ts";
import { createStores } from "../../src/store/stores.ts";
import { testClock } from "../helpers/clock.ts";
import { createPgDatabase, databaseKinds, tempDir } from "../helpers/databases.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";
import { addMember, FakeTelegram, t } from "../digest/digest-helpers.ts";
import { seedWeeklyDrop } from "./seed.ts";

const PUBLIC_BASE_URL = "https://hailong.example.gov.vn";
const alertsTo = (api: FakeTelegram, chatId: string) => api.to(chatId).filter((d) => d.text.startsWith("⚠️"));

describe.each(await databaseKinds())("alerts between digests (%s)", (kind) => {
  const clock = testClock();
  const api = new FakeTelegram();
  const dataDir = tempDir();
  let databaseUrl: string | undefined;
  let drop = async () => undefined as void;
  let service: Service;

  const start = () =>
    startService({
      env: {
        HAILONG_DATA_DIR: dataDir,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
        PUBLIC_BASE_URL,
        HAILONG_REMINDER_DELAY_HOURS: "0",
        LOG_LEVEL: "silent",
      },
      logger: silentLogger(),
      now: clock.now,
      telegramBotInfo: EMULATOR_BOT_INFO,
      telegramTransformer: api.transformer,
      listen: false,
      telegramPolling: false,
    });

  beforeAll(async () => {
    if (kind === "postgresql") {
      const pg = await createPgDatabase();
      databaseUrl = pg.url;
      drop = pg.drop;
    }
    service = await start();
    await seedWeeklyDrop(service.db, clock.now());
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends a weekly subscriber of the agency one alert, in their language, and nothing to others", async () => {
    const at = clock.now();
    const vi = await addMember(service.db, { role: "official", scope: ["LSN"], subscription: { agencies: ["STP"], languages: ["vi"], frequency: "weekly" } }, at);
    const en = await addMember(service.db, { role: "official", scope: ["STP"], locale: "en", subscription: { agencies: [], languages: ["en"], frequency: "weekly" } }, at);
    const steady = await addMember(service.db, { role: "official", scope: ["SXD"], subscription: { agencies: [], languages: ["vi"], frequency: "weekly" } }, at);
    const monthly = await addMember(service.db, { role: "official", scope: ["STP"], subscription: { agencies: [], languages: ["vi"], frequency: "monthly" } }, at);

    const sum = await service.alerts.scheduler.checkNow();
    const week = sum.claimed.filter((c) => c.agencyCode === "STP" && /W\d\d$/.test(c.period));
    expect(week).toHaveLength(1);
    expect(week[0]!.conditions).toContain("drop:index");
    expect(week[0]!.conditions).toContain("drop:element:access");
    await service.outbox.runDue();

    const [toVi] = alertsTo(api, vi.chatId);
    expect(alertsTo(api, vi.chatId)).toHaveLength(1);
    expect(toVi!.text).toContain("Cơ quan STP");
    expect(toVi!.text).toContain(`${t("vi", "alert.what_index")}: từ 95,00 % (n = 60) xuống 50,00 % (n = 40); thay đổi −45,00 điểm`);
    expect(toVi!.text).toContain("/digest");
    expect(toVi!.text).toContain(`${PUBLIC_BASE_URL}/results/agencies/STP`);
    const [toEn] = alertsTo(api, en.chatId);
    expect(alertsTo(api, en.chatId)).toHaveLength(1);
    expect(toEn!.text).toContain("Agency STP");
    expect(toEn!.text).toContain(`${t("en", "alert.what_index")}: from 95.00% (n = 60) to 50.00% (n = 40); change −45.00 pts`);
    expect(alertsTo(api, steady.chatId)).toHaveLength(0);
    // The month (27 days of responses, or the turn of a month) is no drop for a monthly reader to hear of.
    expect(alertsTo(api, monthly.chatId).every((d) => !d.text.includes("W"))).toBe(true);
  }, 60_000);

  it("sends nothing more on a second check, nor after a restart", async () => {
    const before = api.delivered.length;
    const again = await service.alerts.scheduler.checkNow();
    expect(again.claimed.filter((c) => /W\d\d$/.test(c.period))).toEqual([]);
    expect(again.taken).toBeGreaterThan(0);
    await service.stop();
    service = await start();
    const afterRestart = await service.alerts.scheduler.checkNow();
    expect(afterRestart.claimed.filter((c) => /W\d\d$/.test(c.period))).toEqual([]);
    await service.outbox.runDue();
    expect(api.delivered.length).toBe(before);
  }, 120_000);

  it("neither loses nor doubles an alert whose sender died before or during the send", async () => {
    const stores = createStores(service.db, clock.now);
    const channel = service.telegram!.channel;
    const member = await addMember(service.db, { role: "official", scope: [], subscription: null }, clock.now());
    const other = await addMember(service.db, { role: "official", scope: [], subscription: null }, clock.now());
    const facts = { kind: "below", target: "index", agency: { code: "SXD", vi: "Cơ quan SXD", en: "Agency SXD" }, periodKind: "month", period: "2099-01", value: 60, n: 40, unit: "percent", threshold: 70 };
    const claim = (staffId: string, condition: string) =>
      stores.alerts.claim({ agencyCode: "SXD", period: "2099-01", found: [{ condition, facts }], staffIds: [staffId], claimedBy: "test" });
    expect((await claim(member.record.id, "below:crash-before")).rows).toBe(1);
    expect((await claim(other.record.id, "below:crash-during")).rows).toBe(1);

    // Worker A takes both rows and dies: one before sending anything, one with its request in flight.
    const handler = service.alerts.jobHandler({ staff: stores.staff, channel: () => channel });
    const dead = await stores.outbox.claim({ worker: "dead", now: clock.now(), leaseMs: 60_000, limit: 10, kinds: ["alert"] });
    expect(dead).toHaveLength(2);
    const during = dead.find((j) => (j.payload.staffId as string) === other.record.id)!;
    expect(await stores.alerts.markSending(during.id)).toBe(true);

    clock.advance(120_000);
    const worker = createOutboxWorker({ store: stores.outbox, handlers: { alert: handler }, now: clock.now, logger: silentLogger() });
    const run = await worker.runDue();
    expect(run).toMatchObject({ claimed: 2, sent: 1, failed: 1 });
    expect(alertsTo(api, member.chatId)).toHaveLength(1);
    expect(alertsTo(api, other.chatId)).toHaveLength(0);
    expect((await worker.runDue()).claimed).toBe(0);
  }, 60_000);
});
