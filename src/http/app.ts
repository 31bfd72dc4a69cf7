// The Hono app: health, the integration API (Bearer keys), provider webhooks and public pages.
import { Hono } from "hono";
import type { Logger } from "../logger.ts";
import { apiAuth } from "./api-auth.ts";

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface HttpDeps {
  logger: Logger;
  apiKeys: string[];
  health: () => Promise<HealthReport>;
  /** Sub-apps mounted under /api/v1/<name>, all behind the Bearer key. */
  api: Record<string, Hono>;
  /** Sub-apps mounted under /webhooks/<name>; each authenticates its provider itself. */
  webhooks: Record<string, Hono>;
  /** Public pages (no key), mounted at the root; each sub-app owns its own paths (e.g. /i/:token). */
  pages?: Record<string, Hono>;
}

export function createHttpApp(deps: HttpDeps): Hono {
  const { logger } = deps;
  const app = new Hono();

  app.get("/healthz", async (c) => {
    const report = await deps.health();
    return c.json(report, report.status === "down" ? 503 : 200);
  });

  const api = new Hono();
  api.use("*", apiAuth(deps.apiKeys, logger));
  for (const [name, sub] of Object.entries(deps.api)) api.route(`/${name}`, sub);
  app.route("/api/v1", api);

  for (const [name, sub] of Object.entries(deps.webhooks)) app.route(`/webhooks/${name}`, sub);
  for (const sub of Object.values(deps.pages ?? {})) app.route("/", sub);

  app.notFound((c) => c.json({ error: "not_found", message: `No route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    logger.error({ err, path: c.req.path, method: c.req.method }, "HTTP request failed");
    return c.json({ error: "internal", message: "Something went wrong on our side. Please retry: every API call is idempotent." }, 500);
  });
  return app;
}
