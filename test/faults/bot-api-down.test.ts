// Issue 11 §2, fault 2: the Telegram Bot API fails for 20 s while citizens are answering, cycling through a 502,
// calls that hang until the client gives up, and 429 with retry_after. Webhook instances (two on PostgreSQL, one
// on the embedded database) and, on PostgreSQL, one poller. What a citizen and an operator notice: every webhook
// call is still answered 2xx in time (the answer is stored; the reply the Bot API would not take is kept in the
// outbox as a "telegram-reply" job), and when the Bot API answers again each citizen gets their next question
// by itself, in order, each once, and finishes; the kept replies drain to none; the process holds no more Bot
// API calls at once than it has updates in hand, and its heap does not grow with the outage.
import fs from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotApiTransformer } from "../../src/channels/telegram/api-types.ts";
import { createTranslator } from "../../src/i18n.ts";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { testClock } from "../helpers/clock.ts";
import { createPgDatabase, databaseKinds, tempDir } from "../helpers/databases.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";
import { answerSurvey, deliverByWebhook, expectEachQuestionOnce, expectStoredAsTapped, invite, LIKERT_ITEMS, seeded, sleep, type CitizenRun, type WebhookLog, faultServiceEnv } from "./citizens.ts";
import { startFakeBotApi, type BotApiFault, type FakeBotApi } from "./fake-bot-api.ts";

const OUTAGE_MS = 20_000;
/** Each fault lasts this long, then the next: 502, hang, 429 (retry_after 3 s), … */
const PHASE_MS = 2_500;
const FAULTS: BotApiFault[] = [{ kind: "5xx" }, { kind: "hang" }, { kind: "429", retryAfter: 3 }];
const WEBHOOK_CITIZENS = 30;
const POLLING_CITIZENS = 6;
/** Citizens start over the first 16 s, so some /start during the outage and some are mid-survey when it begins. */
const ARRIVALS_MS = 16_000;
const MB = 1024 * 1024;

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / MB;
};

/** Counts the Bot API calls in flight (every call of every service goes through it). */
function inFlightCounter(): { transformer: BotApiTransformer; now: () => number; peak: () => number } {
  let now = 0;
  let peak = 0;
  return {
    transformer: async (prev, method, payload, signal) => {
      now++;
      peak = Math.max(peak, now);
      try {
        return await prev(method, payload, signal);
      } finally {
        now--;
      }
    },
    now: () => now,
    peak: () => peak,
  };
}

describe.each(await databaseKinds())("Telegram Bot API failing for 20 s under load (%s)", (kind) => {
  const clock = testClock();
  const dirs: string[] = [];
  let dropDb: (() => Promise<void>) | undefined;
  // One Bot API for all, as in production: a reply the poller kept may be sent by a webhook instance.
  let api: FakeBotApi;
  const webhook: Service[] = [];
  let poller: Service | undefined;
  const calls = inFlightCounter();
  const withPoller = kind === "postgresql";

  const start = (databaseUrl: string | undefined, dataDir: string, apiRoot: string, mode: "webhook" | "polling") =>
    startService({
      env: {
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        HAILONG_DATA_DIR: dataDir,
        PORT: "0",
        ...faultServiceEnv(apiRoot, mode, TEST_BOT_TOKEN),
        LOG_LEVEL: "silent",
      },
      logger: silentLogger(),
      now: clock.now,
      telegramBotInfo: EMULATOR_BOT_INFO,
      telegramTransformer: calls.transformer,
    });

  beforeAll(async () => {
    api = await startFakeBotApi();
    let url: string | undefined;
    if (kind === "postgresql") {
      const created = await createPgDatabase();
      url = created.url;
      dropDb = created.drop;
    }
    const dir = () => {
      const d = tempDir();
      dirs.push(d);
      return d;
    };
    // The embedded database is one process: one webhook instance. PostgreSQL: two, and a poller.
    const shared = dir();
    webhook.push(await start(url, url ? dir() : shared, api.apiRoot, "webhook"));
    if (url) {
      webhook.push(await start(url, dir(), api.apiRoot, "webhook"));
      poller = await start(url, dir(), api.apiRoot, "polling");
    }
  }, 120_000);

  afterAll(async () => {
    if (api) api.fault = undefined;
    for (const s of [...webhook, poller]) await s?.stop();
    await api?.close();
    await dropDb?.();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it("answers every webhook call 2xx, keeps the replies it cannot send, and delivers them in order once the Bot API is back", { timeout: 150_000 }, async () => {
    const rand = seeded(0x11);
    const db = webhook[0]!.db;
    const completedAt = new Date(clock.now().getTime() - 3_600_000);
    const citizensN = WEBHOOK_CITIZENS + (withPoller ? POLLING_CITIZENS : 0);
    const tokens: string[] = [];
    for (let n = 0; n < citizensN; n++) tokens.push(await invite(webhook[n % webhook.length]!.url!, n, completedAt));

    let updateId = 100;
    const log: WebhookLog = { statuses: [] };
    const urls = () => webhook.map((s) => s.url!);
    const finishedAt = new Map<number, number>();
    const heapBefore = heapMb();
    const citizens: Promise<CitizenRun>[] = tokens.map(async (token, n) => {
      await sleep(rand() * ARRIVALS_MS);
      const polling = n >= WEBHOOK_CITIZENS;
      const run = await answerSurvey({
        n,
        token,
        api,
        deliver: polling ? async (u: Update) => api.push(u) : (u) => deliverByWebhook(urls, u, log, rand),
        nextUpdateId: () => ++updateId,
        rand,
        thinkMs: 300,
      });
      finishedAt.set(n, performance.now());
      return run;
    });

    const kept = async () => {
      const rows = await db.sql.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM outbox_job WHERE kind = 'telegram-reply' GROUP BY status`);
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
    };

    await sleep(3_000);
    const downAt = performance.now();
    const sentAtDown = api.sent.length;
    let peakHeap = heapBefore;
    let peakPending = 0;
    for (let phase = 0; performance.now() - downAt < OUTAGE_MS; phase++) {
      const fault = FAULTS[phase % FAULTS.length]!;
      api.fault = fault;
      const until = Math.min(downAt + OUTAGE_MS, performance.now() + PHASE_MS);
      while (performance.now() < until) {
        await sleep(Math.min(500, until - performance.now()));
        peakPending = Math.max(peakPending, (await kept()).pending ?? 0);
      }
      peakHeap = Math.max(peakHeap, heapMb());
    }
    const sentDuringOutage = api.sent.length - sentAtDown;
    const keptAtRecovery = await kept();
    api.fault = undefined;
    const upAt = performance.now();
    const peakInFlightDuringOutage = calls.peak();

    // Kept replies drain to none by themselves (the outbox's own tick is 30 s: this is the reply queue's probe).
    const drained = (async () => {
      for (;;) {
        if (((await kept()).pending ?? 0) === 0) return performance.now() - upAt;
        if (performance.now() - upAt > 60_000) throw new Error("kept replies still pending 60 s after the Bot API came back");
        await sleep(100);
      }
    })();
    const runs = await Promise.all(citizens);
    const allDoneMs = Math.max(...finishedAt.values()) - upAt;
    const drainedMs = await drained;
    const after = await kept();
    const heapAfter = heapMb();
    const inFlightAfter = calls.now();
    const during = log.statuses.filter((s) => s.at > downAt && s.at < upAt);
    const non2xx = log.statuses.filter((s) => s.status < 200 || s.status >= 300);
    console.info(
      `[bot api down, ${kind}] ${citizensN} citizens (${withPoller ? POLLING_CITIZENS : 0} polling); ${api.failed} Bot API calls failed in ${OUTAGE_MS / 1000} s; ` +
        `${during.length} webhook calls during it, ${non2xx.length} non-2xx overall; ${keptAtRecovery.pending ?? 0} replies kept at recovery (peak ${peakPending}), ` +
        `${after.sent ?? 0} kept replies sent in all; every citizen done ${Math.round(allDoneMs)} ms and the queue empty ${Math.round(drainedMs)} ms after recovery; ` +
        `Bot API calls in flight at most ${peakInFlightDuringOutage}; heap ${heapBefore.toFixed(1)} MB before, peak ${peakHeap.toFixed(1)} MB during, ${heapAfter.toFixed(1)} MB after`,
    );

    // The fault was real and the kept-reply path was taken.
    expect(api.failed).toBeGreaterThan(0);
    expect(sentDuringOutage).toBe(0);
    expect(keptAtRecovery.pending ?? 0).toBeGreaterThan(0);
    // Telegram never had to redeliver: every webhook call, during the outage too, was answered 2xx in time.
    expect(during.length).toBeGreaterThan(0);
    expect(non2xx).toEqual([]);
    // Stored exactly once, as tapped; each citizen got each question once, in order, and the thanks.
    await expectStoredAsTapped(db, runs);
    const t = createTranslator();
    const oops = t("vi", "telegram.error");
    expect(api.sent.filter((s) => s.text.includes(oops))).toEqual([]);
    for (const run of runs) {
      const sent = api.to(run.chatId);
      expectEachQuestionOnce(sent, run.chatId);
      const texts = sent.filter((s) => s.method === "sendMessage").map((s) => s.text);
      const order = [2, 3, 4, 5, 6, 7, 8].map((k) => texts.findIndex((x) => x.startsWith(`Câu ${k}/`)));
      const thanks = texts.findIndex((x) => x.startsWith("Cảm ơn Ông/Bà đã đánh giá"));
      expect([...order, thanks], `citizen ${run.chatId}: ${JSON.stringify(texts.map((x) => x.slice(0, 30)))}`).toEqual([...order, thanks].toSorted((a, b) => a - b));
      expect(order.length).toBe(LIKERT_ITEMS + 1);
    }
    // The queue drained: nothing pending, nothing given up.
    expect(after.pending ?? 0).toBe(0);
    expect(after.failed ?? 0).toBe(0);
    expect(drainedMs).toBeLessThan(15_000);
    // Bounded: at most one Bot API call per update in hand (each citizen has one), plus the probes and pollers;
    // none left hanging; the heap after the outage is within a few MB of before it (the backlog is rows).
    expect(peakInFlightDuringOutage).toBeLessThanOrEqual(citizensN + 6);
    expect(inFlightAfter).toBeLessThanOrEqual(2);
    expect(heapAfter - heapBefore).toBeLessThan(24);
  });
});
