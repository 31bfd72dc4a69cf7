// GET /healthz: the database decides up or down; a channel or the outbox only makes the service "degraded".
import type { HealthReport } from "../http/app.ts";
import type { OutboxWorker } from "../outbox/worker.ts";
import type { Database } from "../store/database.ts";
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
