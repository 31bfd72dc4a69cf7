// Two service instances on one PostgreSQL database check for alerts at the same moment (as every instance's
// cron fires together) and run their outboxes at once: the subscriber gets one alert, not two.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { testClock } from "../helpers/clock.ts";
import { createPgDatabase, postgresAvailable, tempDir } from "../helpers/databases.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";
import { addMember, FakeTelegram } from "../digest/digest-helpers.ts";
import { seedWeeklyDrop } from "./seed.ts";

const pgUp = await postgresAvailable();

describe.skipIf(!pgUp)("alerts from two instances on one PostgreSQL database", () => {
  const clock = testClock();
  const api = new FakeTelegram();
  const instances: Service[] = [];
  const dataDirs: string[] = [];
  let drop = async () => undefined as void;

  beforeAll(async () => {
    const pg = await createPgDatabase();
    drop = pg.drop;
    const started = await Promise.all(
      [0, 1].map(() => {
        const dataDir = tempDir();
        dataDirs.push(dataDir);
        return startService({
          env: { DATABASE_URL: pg.url, HAILONG_DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, HAILONG_REMINDER_DELAY_HOURS: "0", LOG_LEVEL: "silent" },
          logger: silentLogger(),
          now: clock.now,
          telegramBotInfo: EMULATOR_BOT_INFO,
          telegramTransformer: api.transformer,
          listen: false,
          telegramPolling: false,
        });
      }),
    );
    instances.push(...started);
    await seedWeeklyDrop(instances[0]!.db, clock.now());
  }, 120_000);

  afterAll(async () => {
    for (const s of instances) await s.stop();
    await drop();
    for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it("claims each condition once and sends one alert per subscriber, whichever instance fires", async () => {
    const subscribers = await Promise.all(
      [0, 1, 2].map(() => addMember(instances[0]!.db, { role: "official", scope: ["STP"], subscription: { agencies: [], languages: ["vi"], frequency: "weekly" } }, clock.now())),
    );
    for (let round = 0; round < 3; round++) {
      const sums = await Promise.all(instances.map((s) => s.alerts.scheduler.checkNow()));
      const claimed = sums.flatMap((s) => s.claimed).filter((c) => c.agencyCode === "STP" && /W\d\d$/.test(c.period));
      // The first round claims the week's drops once between both instances; later rounds find them taken.
      expect(claimed.length).toBe(round === 0 ? 1 : 0);
      if (round === 0) expect(claimed[0]!.rows).toBe(subscribers.length);
      await Promise.all(instances.map((s) => s.outbox.runDue()));
    }
    for (const m of subscribers) {
      const got = api.to(m.chatId).filter((d) => d.text.startsWith("⚠️"));
      expect(got, `chat ${m.chatId}`).toHaveLength(1);
      expect(got[0]!.text).toContain("Cơ quan STP");
    }
  }, 60_000);
});
