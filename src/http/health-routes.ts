// The probes: /healthz (status with its checks; 503 only when the database is down), /healthz/live (the
// process answers: restart it if not) and /healthz/ready (send it work: 503 until the database, the
// migrations and the channels are there). No key: load balancers and orchestrators call them.
import { Hono } from "hono";

/** What /healthz and /healthz/ready answer: the worst of the checks, and each check. */
export interface HealthReport {
  status: "ok" | "degraded" | "down";
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface HealthRoutesDeps {
  health: () => Promise<HealthReport>;
  ready: () => Promise<HealthReport>;
}

export function createHealthRoutes(deps: HealthRoutesDeps): Hono {
  const app = new Hono();
  app.get("/", async (c) => {
    const report = await deps.health();
    return c.json(report, report.status === "down" ? 503 : 200);
  });
  // Deliberately touches nothing: a slow database must not get a live process restarted.
  app.get("/live", (c) => c.json({ status: "ok" }));
  app.get("/ready", async (c) => {
    const report = await deps.ready();
    return c.json(report, report.status === "down" ? 503 : 200);
  });
  return app;
}
