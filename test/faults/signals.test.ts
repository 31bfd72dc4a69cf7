// Issue 11 §2, fault 3: the service as a real process (`hailong serve`, webhook mode) stopped under load.
// SIGTERM: it stops taking connections, lets the webhook calls in progress finish (each gets its answer,
// none is cut), and exits 0 well within 10 s. SIGKILL, five times under 200 citizens, on both engines:
// after each restart the citizens carry on, and every update that got a 2xx is stored, exactly once.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { spawnService, type Child } from "../helpers/child-service.ts";
import { createPgDatabase, databaseKinds, tempDir } from "../helpers/databases.ts";
import { openDatabase } from "../../src/store/database.ts";
import { testNow } from "../helpers/clock.ts";
import { TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";
import { answerSurvey, deliverByWebhook, expectStoredAsTapped, invite, seeded, sleep, type CitizenRun, type WebhookLog, faultServiceEnv } from "./citizens.ts";
import { startFakeBotApi } from "./fake-bot-api.ts";

const KILLS = 5;
const KILL_CITIZENS = 200;

interface Engine {
  env: Record<string, string>;
  dataDir: string;
  dispose(): Promise<void>;
}

async function engine(kind: "embedded" | "postgresql"): Promise<Engine> {
  const dataDir = tempDir();
  const base = { HAILONG_DATA_DIR: dataDir };
  if (kind === "embedded") return { env: base, dataDir, dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const created = await createPgDatabase();
  return {
    env: { ...base, DATABASE_URL: created.url },
    dataDir,
    async dispose() {
      await created.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The service as a process, restartable; `url()` is empty while it is down (a call is then refused). */
function processService(env: Record<string, string>) {
  let child: Child | undefined;
  let url: string | undefined;
  return {
    child: () => child!,
    urls: () => (url ? [url] : []),
    async start() {
      child = spawnService(env);
      url = await child.url;
    },
    async kill(signal: NodeJS.Signals) {
      const c = child!;
      if (signal === "SIGKILL") url = undefined;
      const code = await c.kill(signal);
      url = undefined;
      return code;
    },
  };
}

/**
 * The Bot API, each call answered `ms` late (a slow Telegram), so a webhook call, which answers once its
 * replies are sent, is under way long enough for SIGTERM to land in the middle of some.
 */
async function slowed(apiRoot: string, ms: number): Promise<{ apiRoot: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      setTimeout(() => {
        const out = http.request(`${apiRoot}${req.url ?? ""}`, { method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        out.on("error", () => res.destroy());
        out.end(Buffer.concat(chunks));
      }, ms);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const kinds = await databaseKinds();
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function setUp(kind: "embedded" | "postgresql", botApiDelayMs = 0) {
  const db = await engine(kind);
  const api = await startFakeBotApi();
  const slow = botApiDelayMs > 0 ? await slowed(api.apiRoot, botApiDelayMs) : undefined;
  const service = processService({
    ...db.env,
    ...faultServiceEnv(slow?.apiRoot ?? api.apiRoot, "webhook", TEST_BOT_TOKEN),
    HAILONG_SECRET: "signals-test-secret-0123456789abcdef0123",
  });
  cleanups.push(() => db.dispose(), () => api.close(), async () => slow?.close(), () => service.kill("SIGKILL").catch(() => undefined));
  await service.start();
  return { db, api, service };
}

/** Reads what was stored once the service is gone (the embedded database opens in one process only). */
async function expectStored(db: Engine, runs: CitizenRun[], acknowledged: number[] = []) {
  const opened = await openDatabase({ databaseUrl: db.env.DATABASE_URL, dataDir: db.dataDir, migrate: false });
  try {
    await expectStoredAsTapped(opened, runs);
    // Each update that got a 2xx was recorded as handled: none was lost and then made good by a later tap.
    const keys = await opened.sql.query<{ key: string }>(`SELECT key FROM processed_update WHERE key LIKE 'telegram:%'`);
    const recorded = new Set(keys.map((k) => Number(k.key.split(":").pop())));
    expect(acknowledged.filter((id) => !recorded.has(id))).toEqual([]);
  } finally {
    await opened.close();
  }
}

describe("SIGTERM under load (PostgreSQL)", () => {
  it.skipIf(!kinds.includes("postgresql"))("stops taking calls, finishes those in progress, exits 0 within 10 s; a new process carries on", { timeout: 120_000 }, async () => {
    // A slow Bot API: a webhook call answers once its replies are sent, so each is under way for a second or so.
    const { db, api, service } = await setUp("postgresql", 300);
    const rand = seeded(0x5e);
    const completedAt = new Date(testNow().getTime() - 3_600_000);
    const citizens = 40;
    const tokens: string[] = [];
    for (let n = 0; n < citizens; n++) tokens.push(await invite(service.urls()[0]!, n, completedAt));
    const log: WebhookLog = { statuses: [] };
    let updateId = 100;
    const calls: { updateId: number; startedAt: number; attempts: WebhookLog["statuses"] }[] = [];
    let inFlight = 0;
    const acknowledged: number[] = [];
    // Each update keeps its own attempts: was it under way when SIGTERM came, and how did its first attempt end?
    const tracked = async (u: Parameters<typeof deliverByWebhook>[1]) => {
      const mine: WebhookLog = { statuses: [] };
      calls.push({ updateId: u.update_id, startedAt: performance.now(), attempts: mine.statuses });
      inFlight++;
      try {
        await deliverByWebhook(() => service.urls(), u, mine, rand);
        acknowledged.push(u.update_id);
      } finally {
        inFlight--;
      }
      log.statuses.push(...mine.statuses);
    };
    const runs = tokens.map((token, n) =>
      (async () => {
        await sleep(rand() * 1_000);
        return answerSurvey({ n, token, api, deliver: tracked, nextUpdateId: () => ++updateId, rand, thinkMs: 100 });
      })(),
    );
    await sleep(2_000);
    for (const until = performance.now() + 10_000; inFlight < 5 && performance.now() < until; ) await sleep(10);
    const termAt = performance.now();
    const code = await service.kill("SIGTERM");
    const exitMs = performance.now() - termAt;
    const t0 = performance.now();
    await service.start();
    const restartMs = performance.now() - t0;
    const done = await Promise.all(runs);
    await service.kill("SIGTERM");

    // Under way: posted (well) before SIGTERM, its first attempt not yet answered then.
    const underWay = calls.filter((c) => c.startedAt < termAt - 50 && (c.attempts[0]?.at ?? Infinity) > termAt);
    const notAnswered = underWay.filter((c) => !(c.attempts[0]!.status >= 200 && c.attempts[0]!.status < 300)).map((c) => [c.updateId, c.attempts[0]!.status]);
    const lastAnswer = Math.max(...underWay.map((c) => c.attempts[0]!.at)) - termAt;
    // Posted after SIGTERM and before the new process listened: refused (Telegram redelivers those).
    const refused = log.statuses.filter((s) => s.at > termAt && s.at < termAt + exitMs + restartMs && s.status === 0).length;
    console.info(
      `[signals] SIGTERM with ${underWay.length} webhook calls under way: all answered within ${Math.round(lastAnswer)} ms, exited ${code} after ${Math.round(exitMs)} ms; ${refused} calls refused meanwhile; new process listening ${(restartMs / 1000).toFixed(1)} s later`,
    );

    expect(underWay.length).toBeGreaterThan(0);
    expect(notAnswered).toEqual([]);
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(10_000);
    expect(refused).toBeGreaterThan(0);
    await expectStored(db, done, acknowledged);
  });
});

describe.each(kinds)("SIGKILL five times under 200 citizens (%s)", (kind) => {
  it("loses nothing that was acknowledged", { timeout: 240_000 }, async () => {
    const { db, api, service } = await setUp(kind);
    const rand = seeded(kind === "embedded" ? 0x6b : 0x6c);
    const completedAt = new Date(testNow().getTime() - 3_600_000);
    const tokens: string[] = [];
    for (let n = 0; n < KILL_CITIZENS; n++) tokens.push(await invite(service.urls()[0]!, n, completedAt));
    const log: WebhookLog = { statuses: [] };
    let updateId = 100;
    const repeated = new Set<number>();
    const acknowledged: number[] = [];
    const runs = tokens.map((token, n) =>
      (async () => {
        await sleep(rand() * 3_000);
        return answerSurvey({
          n,
          token,
          api,
          deliver: async (u) => {
            await deliverByWebhook(() => service.urls(), u, log, rand);
            acknowledged.push(u.update_id);
          },
          nextUpdateId: () => ++updateId,
          rand,
          thinkMs: 300,
          retryAfterMs: 5_000,
          onRetry: (id) => repeated.add(id),
        });
      })(),
    );
    const restartMs: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      await sleep(1_500 + rand() * 1_500);
      await service.kill("SIGKILL");
      const t0 = performance.now();
      await service.start();
      restartMs.push(performance.now() - t0);
    }
    const done = await Promise.all(runs);
    const termAt = performance.now();
    const code = await service.kill("SIGTERM");
    const exitMs = performance.now() - termAt;
    const refused = log.statuses.filter((s) => s.status < 200 || s.status >= 300).length;
    console.info(
      `[signals] ${kind}: ${KILLS} SIGKILLs, back in ${restartMs.map((m) => (m / 1000).toFixed(1)).join(", ")} s; ${acknowledged.length} updates acknowledged, ${refused} calls refused and redelivered, ${repeated.size} taps repeated by citizens whose reply died with a process; final SIGTERM: exit ${code} after ${Math.round(exitMs)} ms`,
    );
    expect(refused).toBeGreaterThan(0);
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(10_000);
    await expectStored(db, done, acknowledged.filter((id) => !repeated.has(id)));
  });
});
