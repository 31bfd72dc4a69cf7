// GET /healthz: the database decides up or down; a channel or the outbox only makes the service "degraded".
// GET /healthz/ready: whether a load balancer should send this instance work (see createReadinessCheck).
import type { HealthReport } from "../http/health-routes.ts";
import type { OutboxWorker } from "../outbox/worker.ts";
import type { Database } from "../store/database.ts";
import { pendingMigrations, readMigrations } from "../store/migrate.ts";
import { pingDatabase } from "../store/ping.ts";
import type { TelegramStatus } from "./telegram.ts";
import type { ZaloService } from "./zalo.ts";

export function createHealthCheck(d: {
  db: Database;
  telegram: () => TelegramStatus;
  outbox: OutboxWorker;
  zalo?: ZaloService;
  now: () => Date;
}): () => Promise<HealthReport> {
  return async () => {
    const checks: HealthReport["checks"] = {};
    try {
      await pingDatabase(d.db);
      checks.database = { ok: true, detail: d.db.kind };
    } catch (e) {
      checks.database = { ok: false, detail: (e as Error).message };
    }
    checks.telegram = d.telegram();
    const backlog = await d.outbox.store.backlog(d.now()).catch(() => undefined);
    if (backlog) checks.outbox = { ok: true, detail: `${backlog.due} due, ${backlog.pending} pending` };
    if (d.zalo) {
      const z = d.zalo.client.health();
      checks.zalo = z.ok ? { ok: true } : { ok: false, detail: z.reason };
    }
    const status = !checks.database.ok ? "down" : Object.values(checks).every((c) => c.ok) ? "ok" : "degraded";
    return { status, checks };
  };
}

/** A channel's start: done once it is polling or its webhook is registered. */
export interface ChannelStart {
  started: boolean;
  detail?: string;
}

/**
 * Ready = the database answers, every migration this code ships is applied, and every channel that is on
 * has started. A channel's provider failing later does not make the instance unready: every instance shares
 * that provider, and taking them all out of the balancer would stop the integration API and stored answers
 * too (that is "degraded" on /healthz).
 */
export function createReadinessCheck(d: { db: Database; channels: () => Record<string, ChannelStart> }): () => Promise<HealthReport> {
  const shipped = readMigrations();
  return async () => {
    const checks: HealthReport["checks"] = {};
    try {
      await pingDatabase(d.db);
      checks.database = { ok: true, detail: d.db.kind };
      const pending = await pendingMigrations(d.db, shipped);
      checks.migrations = pending.length === 0 ? { ok: true, detail: `${shipped.length} applied` } : { ok: false, detail: `not applied: ${pending.join(", ")}` };
    } catch (e) {
      checks.database = { ok: false, detail: (e as Error).message };
    }
    for (const [name, c] of Object.entries(d.channels())) {
      checks[name] = c.started ? { ok: true, ...(c.detail ? { detail: c.detail } : {}) } : { ok: false, detail: c.detail ?? "not started" };
    }
    return { status: Object.values(checks).every((c) => c.ok) ? "ok" : "down", checks };
  };
}
