// The service's Prometheus metrics. The only importer of prom-client: every other part counts through the
// interfaces of ./types.ts. Each service gets a registry of its own (tests run several services in one
// process, and prom-client's global registry would merge or refuse their metrics); the process metrics
// (CPU, memory, event-loop lag, GC) describe the process, so there is one set of them however many services.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { BroadcastCounters, RequestObserver, ScrapeSources, SurveyCounters, UpdateObserver } from "./types.ts";

export interface Metrics extends SurveyCounters, RequestObserver, UpdateObserver {
  broadcast: BroadcastCounters;
  /** Reads the store (outbox backlog, pool) from now on, on every scrape. */
  watch(sources: ScrapeSources): void;
  /** The text exposition of this service's metrics and the process's. */
  render(): Promise<{ contentType: string; body: string }>;
}

const CHANNELS = ["telegram", "zalo"] as const;
/** Seconds: from a cached health probe (~1 ms) to an index report or a slow Bot API (seconds). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | undefined;

// prom-client's event-loop monitor and GC observer cannot be switched off again, so they are started once.
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createMetrics(opts: { now: () => Date; onCollectError?: (source: string, e: unknown) => void }): Metrics {
  const registry = new Registry();
  const registers = [registry];
  let sources: ScrapeSources | undefined;

  const http = new Histogram({
    name: "hailong_http_request_duration_seconds",
    help: "HTTP requests by method, route template and status, from arrival to response.",
    labelNames: ["method", "route", "status"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const webhook = new Histogram({
    name: "hailong_webhook_request_duration_seconds",
    help: "Provider webhook calls (POST /webhooks/<channel>) by channel and status; Telegram waits for this answer.",
    labelNames: ["channel", "status"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const updates = new Histogram({
    name: "hailong_update_duration_seconds",
    help: "Inbound updates (a tap or a message) handled, webhook or polling, until the last reply was sent.",
    labelNames: ["channel", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const counter = (name: string, help: string) => new Counter({ name, help, labelNames: ["channel"] as const, registers });
  // labels() hashes its arguments on every call; answers are counted on the hot path, so each channel's child is kept.
  const perChannel = (c: Counter<"channel">) => {
    const children = new Map<string, ReturnType<Counter<"channel">["labels"]>>();
    return (channel: string) => {
      let child = children.get(channel);
      if (!child) children.set(channel, (child = c.labels(channel)));
      child.inc();
    };
  };
  const answers = counter("hailong_answers_stored_total", "Survey answers stored.");
  const started = counter("hailong_surveys_started_total", "Surveys started (invitation links and walk-ins).");
  const completed = counter("hailong_surveys_completed_total", "Surveys completed.");
  const sent = counter("hailong_broadcast_sent_total", "Messages of bulk sends (digests, announcements) accepted by the provider.");
  const limited = counter("hailong_broadcast_rate_limited_total", "429 (rate limited) answers to bulk sends.");
  // Present from the first scrape at 0, so rate() and increase() see the first event.
  for (const c of [answers, started, completed, sent, limited]) for (const ch of CHANNELS) c.labels(ch).inc(0);

  // Registered before the backlog gauges: a scrape collects in registration order, and the pool is read
  // before the scrape's own backlog query is queued on it.
  new Gauge({
    name: "hailong_db_pool_connections",
    help: "Database connections (PostgreSQL: the pg pool; embedded: its one connection), by state.",
    labelNames: ["state"] as const,
    registers,
    collect() {
      if (!sources) return;
      const p = sources.pool();
      this.labels("total").set(p.total);
      this.labels("idle").set(p.idle);
    },
  });
  new Gauge({
    name: "hailong_db_pool_waiting",
    help: "Queries waiting for a database connection (embedded: queued behind the one connection).",
    registers,
    collect() {
      if (sources) this.set(sources.pool().waiting);
    },
  });

  // The three backlog gauges are read in parallel by one scrape; they share one query.
  type Backlog = Awaited<ReturnType<ScrapeSources["outboxBacklog"]>>;
  let backlog: Promise<Backlog | null> | undefined;
  const readBacklog = (): Promise<Backlog | null | undefined> => {
    if (!sources) return Promise.resolve(undefined);
    backlog ??= sources
      .outboxBacklog()
      .catch((e: unknown) => {
        collectErrors.labels("outbox").inc();
        opts.onCollectError?.("outbox", e);
        return null;
      })
      .finally(() => (backlog = undefined));
    return backlog;
  };
  const backlogGauge = (name: string, help: string, value: (r: { pending: number; due: number; oldestDueAt: Date | null }) => number | undefined) =>
    new Gauge({
      name,
      help,
      labelNames: ["kind"] as const,
      registers,
      async collect() {
        const rows = await readBacklog();
        if (rows === undefined) return;
        this.reset();
        if (rows === null) return this.labels("all").set(Number.NaN);
        for (const r of rows) {
          const v = value(r);
          if (v !== undefined) this.labels(r.kind).set(v);
        }
      },
    });
  backlogGauge("hailong_outbox_jobs_pending", "Outbox jobs waiting to run (reminders, retries, scheduled posts, digests), by kind.", (r) => r.pending);
  backlogGauge("hailong_outbox_jobs_due", "Pending outbox jobs whose time has come, by kind: should stay near 0.", (r) => r.due);
  backlogGauge("hailong_outbox_oldest_due_age_seconds", "How long the longest-waiting due job has been due, by kind.", (r) =>
    r.oldestDueAt ? Math.max(0, (opts.now().getTime() - r.oldestDueAt.getTime()) / 1000) : undefined,
  );
  // After the backlog gauges, so that a scrape whose read fails already shows that failure.
  const collectErrors = new Counter({
    name: "hailong_metrics_collect_errors_total",
    help: "Scrapes that could not read a source (the database was unreachable): its gauges are NaN.",
    labelNames: ["source"] as const,
    registers,
    async collect() {
      await backlog;
    },
  });
  collectErrors.labels("outbox").inc(0);

  return {
    httpRequest({ method, route, status, seconds }) {
      http.labels(method, route, String(status)).observe(seconds);
      const hook = /^\/webhooks\/([^/]+)$/.exec(route);
      if (hook?.[1]) webhook.labels(hook[1], String(status)).observe(seconds);
    },
    update(channel, seconds, outcome) {
      updates.labels(channel, outcome).observe(seconds);
    },
    surveyStarted: perChannel(started),
    answerStored: perChannel(answers),
    surveyCompleted: perChannel(completed),
    broadcast: { sent: perChannel(sent), rateLimited: perChannel(limited) },
    watch(s) {
      sources = s;
    },
    async render() {
      const [own, proc] = await Promise.all([registry.metrics(), processMetrics().metrics()]);
      return { contentType: registry.contentType, body: `${own}\n${proc}` };
    },
  };
}
