// Issue 11 §2, fault 1: the PostgreSQL server goes away for 30 s while citizens are answering, on a cluster of
// the test's own (test/helpers/pg-cluster.ts). Two instances take webhook calls and a third polls. What a
// citizen and an operator notice: webhook calls made during the outage get a non-2xx (so Telegram
// redelivers them), /healthz and /healthz/ready say the database is down, polling stops answering and
// confirms nothing it has not handled, and when the server is back every instance serves again by itself,
// every citizen gets each next question and the stored answers are exactly what was tapped, once.
import fs from "node:fs";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n.ts";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { testClock } from "../helpers/clock.ts";
import { tempDir } from "../helpers/databases.ts";
import { pgClusterAvailable, startPgCluster, type PgCluster } from "../helpers/pg-cluster.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";
import { answerSurvey, deliverByWebhook, expectEachQuestionOnce, expectStoredAsTapped, invite, seeded, sleep, type CitizenRun, type WebhookLog, faultServiceEnv } from "./citizens.ts";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.ts";

const OUTAGE_MS = 30_000;
const WEBHOOK_CITIZENS = 24;
const POLLING_CITIZENS = 8;

describe.skipIf(!pgClusterAvailable())("PostgreSQL unreachable for 30 s under load", () => {
  const clock = testClock();
  const dirs: string[] = [];
  let cluster: PgCluster;
  let api: FakeBotApi;
  let pollApi: FakeBotApi;
  const webhook: Service[] = [];
  let poller: Service;

  const start = (databaseUrl: string, apiRoot: string, mode: "webhook" | "polling") => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    return startService({
      env: {
        DATABASE_URL: databaseUrl,
        HAILONG_DATA_DIR: dataDir,
        PORT: "0",
        ...faultServiceEnv(apiRoot, mode, TEST_BOT_TOKEN),
        LOG_LEVEL: "silent",
      },
      logger: silentLogger(),
      now: clock.now,
      telegramBotInfo: EMULATOR_BOT_INFO,
    });
  };

  beforeAll(async () => {
    cluster = await startPgCluster();
    const url = await cluster.createDatabase("hailong_fault");
    api = await startFakeBotApi();
    pollApi = await startFakeBotApi();
    webhook.push(await start(url, api.apiRoot, "webhook"), await start(url, api.apiRoot, "webhook"));
    poller = await start(url, pollApi.apiRoot, "polling");
  }, 120_000);

  afterAll(async () => {
    for (const s of [...webhook, poller]) await s?.stop();
    await api?.close();
    await pollApi?.close();
    await cluster?.destroy();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it("answers non-2xx while it is down, says so on /healthz, pauses polling, recovers alone, and loses nothing acknowledged", { timeout: 180_000 }, async () => {
    const rand = seeded(0x2b);
    const completedAt = new Date(clock.now().getTime() - 3_600_000);
    const tokens: string[] = [];
    for (let n = 0; n < WEBHOOK_CITIZENS + POLLING_CITIZENS; n++) tokens.push(await invite(webhook[n % 2]!.url!, n, completedAt));

    let updateId = 100;
    const log: WebhookLog = { statuses: [] };
    const urls = () => webhook.map((s) => s.url!);
    const citizens: Promise<CitizenRun>[] = tokens.map(async (token, n) => {
      await sleep(rand() * 6_000);
      const polling = n >= WEBHOOK_CITIZENS;
      return answerSurvey({
        n,
        token,
        api: polling ? pollApi : api,
        deliver: polling ? async (u: Update) => pollApi.push(u) : (u) => deliverByWebhook(urls, u, log, rand),
        nextUpdateId: () => ++updateId,
        rand,
        thinkMs: 300,
      });
    });

    await sleep(2_000);
    await cluster.stop();
    const downAt = performance.now();
    const sentAtDown = api.sent.length + pollApi.sent.length;
    await sleep(3_000);
    const health = await fetch(`${webhook[0]!.url}/healthz`);
    const healthBody = (await health.json()) as { status: string; checks: Record<string, { ok: boolean; detail?: string }> };
    const ready = await fetch(`${webhook[1]!.url}/healthz/ready`);
    const readyBody = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    await sleep(OUTAGE_MS - (performance.now() - downAt));
    // Nothing was answered while the database was away (a reply would promise a stored answer).
    const sentDuringOutage = api.sent.length + pollApi.sent.length - sentAtDown;
    const refusedDuringOutage = log.statuses.filter((s) => s.at > downAt && s.status >= 500).length;
    const acceptedDuringOutage = log.statuses.filter((s) => s.at > downAt + 500 && s.status >= 200 && s.status < 300).length;
    // The update the poller holds is still Telegram's: not confirmed, so another poller would get it.
    const unconfirmed = pollApi.unconfirmed().length;

    await cluster.start();
    const upAt = performance.now();
    let healthyAfterMs: number | undefined;
    while (healthyAfterMs === undefined) {
      const r = await fetch(`${webhook[0]!.url}/healthz/ready`);
      if (r.status === 200) healthyAfterMs = performance.now() - upAt;
      else await sleep(100);
      if (performance.now() - upAt > 30_000) throw new Error("not ready 30 s after PostgreSQL came back");
    }
    const runs = await Promise.all(citizens);
    const firstAcceptedAfterMs = Math.min(...log.statuses.filter((s) => s.at > upAt && s.status < 300).map((s) => s.at - upAt));
    console.info(
      `[postgres down] ${refusedDuringOutage} webhook calls refused during the ${OUTAGE_MS / 1000} s outage; ready again ${Math.round(healthyAfterMs)} ms and first update taken ${Math.round(firstAcceptedAfterMs)} ms after PostgreSQL came back`,
    );

    expect(health.status).toBe(503);
    expect(healthBody.status).toBe("down");
    expect(healthBody.checks.database!.ok).toBe(false);
    expect(ready.status).toBe(503);
    expect(readyBody.checks.database!.ok).toBe(false);
    expect(refusedDuringOutage).toBeGreaterThan(0);
    expect(acceptedDuringOutage).toBe(0);
    expect(sentDuringOutage).toBe(0);
    expect(unconfirmed).toBeGreaterThan(0);
    expect(healthyAfterMs).toBeLessThan(10_000);

    await expectStoredAsTapped(webhook[0]!.db, runs);
    // Nobody was told "something went wrong": an outage is not a bug, and their taps were not lost.
    const t = createTranslator();
    const oops = t("vi", "telegram.error");
    expect([...api.sent, ...pollApi.sent].filter((s) => s.text.includes(oops))).toEqual([]);
    for (const run of runs) expectEachQuestionOnce((run.chatId - 7000 >= WEBHOOK_CITIZENS ? pollApi : api).to(run.chatId), run.chatId);
  });
});
