// The pieces behind /metrics on their own: a registry per service (two in one process do not collide), the
// broadcaster's sends and 429s, a source that fails at scrape time, the loopback rule without METRICS_TOKEN,
// and the embedded database's queue as the pool's waiting count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBroadcaster } from "../../src/broadcast/broadcaster.ts";
import { createHttpApp } from "../../src/http/app.ts";
import { silentLogger } from "../../src/logger.ts";
import { createMetrics, type Metrics } from "../../src/metrics/metrics.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { fakeChannel, messages } from "../broadcast/fake-channel.ts";
import { VirtualTime } from "../broadcast/virtual-time.ts";
import { parseSamples, sampleValue, scrape } from "./metrics-helpers.ts";

const NOW = new Date("2026-11-27T03:00:00Z");
const samplesOf = async (m: Metrics) => parseSamples((await m.render()).body);

function appWith(metrics: Metrics, token?: string) {
  return createHttpApp({
    logger: silentLogger(),
    apiKeys: [],
    health: async () => ({ status: "ok", checks: {} }),
    metrics: { observer: metrics, render: () => metrics.render(), token },
    api: {},
    webhooks: {},
  });
}

describe("metrics registry", () => {
  it("keeps two services' counts apart in one process", async () => {
    const a = createMetrics({ now: () => NOW });
    const b = createMetrics({ now: () => NOW });
    a.surveyStarted("telegram");
    a.surveyStarted("telegram");
    b.surveyStarted("zalo");
    const [sa, sb] = [await samplesOf(a), await samplesOf(b)];
    expect(sampleValue(sa, "hailong_surveys_started_total", { channel: "telegram" })).toBe(2);
    expect(sampleValue(sa, "hailong_surveys_started_total", { channel: "zalo" })).toBe(0);
    expect(sampleValue(sb, "hailong_surveys_started_total", { channel: "telegram" })).toBe(0);
    expect(sampleValue(sb, "hailong_surveys_started_total", { channel: "zalo" })).toBe(1);
    // Both carry the process's own metrics, event-loop lag among them.
    for (const s of [sa, sb]) expect(sampleValue(s, "nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);
  });

  it("counts a bulk send's accepted messages and its 429s by channel", async () => {
    const metrics = createMetrics({ now: () => NOW });
    const vt = new VirtualTime();
    let limitedOnce = false;
    const channel = fakeChannel(vt, (_m, _attempt, i) => {
      if (i === 3 && !limitedOnce) {
        limitedOnce = true;
        return { ok: false, failure: "rate-limited", retryable: true, retryAfterSeconds: 2 };
      }
      return undefined;
    });
    const b = createBroadcaster({ channel, logger: silentLogger(), now: vt.now, sleep: vt.sleep, metrics: metrics.broadcast });
    const report = await vt.run(b.send({ id: "j", messages: messages(10) }));
    expect(report.sent).toBe(10);
    const s = await samplesOf(metrics);
    expect(sampleValue(s, "hailong_broadcast_sent_total", { channel: "telegram" })).toBe(10);
    expect(sampleValue(s, "hailong_broadcast_rate_limited_total", { channel: "telegram" })).toBe(1);
  });

  it("shows an unreadable source as NaN and counts the failure, and the scrape still answers", async () => {
    const failures: string[] = [];
    const metrics = createMetrics({ now: () => NOW, onCollectError: (source) => failures.push(source) });
    metrics.watch({
      outboxBacklog: () => Promise.reject(new Error("connection refused")),
      pool: () => ({ total: 10, idle: 0, waiting: 3 }),
    });
    const s = await samplesOf(metrics);
    expect(sampleValue(s, "hailong_outbox_jobs_pending", { kind: "all" })).toBeNaN();
    expect(sampleValue(s, "hailong_outbox_jobs_due", { kind: "all" })).toBeNaN();
    // One failed read per scrape, however many gauges share it.
    expect(sampleValue(s, "hailong_metrics_collect_errors_total", { source: "outbox" })).toBe(1);
    expect(failures).toEqual(["outbox"]);
    expect(sampleValue(s, "hailong_db_pool_waiting")).toBe(3);
    expect(sampleValue(s, "hailong_db_pool_connections", { state: "idle" })).toBe(0);
  });

  it("gives the webhook route its own histogram by channel", async () => {
    const metrics = createMetrics({ now: () => NOW });
    metrics.httpRequest({ method: "POST", route: "/webhooks/telegram", status: 200, seconds: 0.004 });
    metrics.httpRequest({ method: "POST", route: "/api/v1/dossiers", status: 201, seconds: 0.02 });
    const s = await samplesOf(metrics);
    expect(sampleValue(s, "hailong_webhook_request_duration_seconds_count", { channel: "telegram", status: "200" })).toBe(1);
    expect(sampleValue(s, "hailong_webhook_request_duration_seconds_bucket", { channel: "telegram", status: "200", le: "0.005" })).toBe(1);
    expect(s.filter((x) => x.name === "hailong_webhook_request_duration_seconds_count")).toHaveLength(1);
    expect(sampleValue(s, "hailong_http_request_duration_seconds_count", { route: "/webhooks/telegram" })).toBe(1);
  });
});

describe("/metrics without METRICS_TOKEN", () => {
  const app = appWith(createMetrics({ now: () => NOW }));
  const from = (address: string, headers: Record<string, string> = {}) =>
    app.request("/metrics", { headers }, { incoming: { socket: { remoteAddress: address } } });

  it("answers callers on this machine", async () => {
    expect((await from("127.0.0.1")).status).toBe(200);
    expect((await from("::1")).status).toBe(200);
    expect((await from("::ffff:127.0.0.1")).status).toBe(200);
    // In process (no socket at all): the caller is this process.
    expect((await app.request("/metrics")).status).toBe(200);
  });

  it("refuses other machines, and anything that came through a proxy", async () => {
    expect((await from("10.0.0.7")).status).toBe(403);
    expect((await from("::ffff:192.168.1.20")).status).toBe(403);
    const proxied = await from("127.0.0.1", { "x-forwarded-for": "203.0.113.9" });
    expect(proxied.status).toBe(403);
    expect(((await proxied.json()) as { message: string }).message).toContain("METRICS_TOKEN");
    expect((await from("127.0.0.1", { forwarded: "for=203.0.113.9" })).status).toBe(403);
  });

  it("with METRICS_TOKEN set, lets any address in with the token", async () => {
    const guarded = appWith(createMetrics({ now: () => NOW }), "metrics-token-0123456789");
    const env = { incoming: { socket: { remoteAddress: "10.0.0.7" } } };
    expect((await guarded.request("/metrics", {}, env)).status).toBe(401);
    expect((await guarded.request("/metrics", { headers: { authorization: "Bearer metrics-token-0123456789" } }, env)).status).toBe(200);
    await scrape(guarded, { authorization: "Bearer metrics-token-0123456789" });
  });
});

describe.each(await databaseKinds())("pool figures on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => t?.dispose());

  it("counts queries waiting for a connection", async () => {
    expect(t.db.pool().waiting).toBe(0);
    // openTestDatabase gives PostgreSQL a pool of 5; the embedded database has its one connection.
    const n = 7;
    const running = Array.from({ length: n }, () => t.db.sql.query("SELECT pg_sleep(0.3)"));
    // pg opens its connections asynchronously: read once all five are taken.
    const busy = () => t.db.pool().total === 5 && t.db.pool().idle === 0;
    if (kind === "postgresql") for (let i = 0; i < 10_000 && !busy(); i++) await new Promise((r) => setTimeout(r, 1));
    const during = t.db.pool();
    await Promise.all(running);
    const after = t.db.pool();
    if (kind === "embedded") {
      expect(during).toEqual({ total: 1, idle: 0, waiting: n - 1 });
      expect(after).toEqual({ total: 1, idle: 1, waiting: 0 });
    } else {
      expect(during.waiting).toBe(n - 5);
      expect(after.waiting).toBe(0);
      expect(after.idle).toBe(after.total);
    }
  });

  it.runIf(kind === "embedded")("counts Prisma's calls too: its transaction holds the one connection and a query queues behind it", async () => {
    let release!: () => void;
    let opened!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const open = new Promise<void>((r) => (opened = r));
    const tx = t.db.prisma.$transaction(async (q) => {
      await q.agency.count();
      opened();
      await gate;
    });
    await open;
    // Prisma's open transaction holds the connection…
    const holding = t.db.pool();
    // …and a raw query queues behind it.
    const queued = t.db.sql.query("SELECT 1");
    const during = t.db.pool();
    release();
    await Promise.all([tx, queued]);
    expect(holding).toEqual({ total: 1, idle: 0, waiting: 0 });
    expect(during).toEqual({ total: 1, idle: 0, waiting: 1 });
    expect(t.db.pool()).toEqual({ total: 1, idle: 1, waiting: 0 });
  });
});
