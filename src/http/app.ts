// The Hono app: health, the integration API (Bearer keys), provider webhooks and public pages.
import { Hono } from "hono";
import type { Logger } from "../logger.ts";
import type { RequestObserver } from "../metrics/types.ts";
import { apiAuth } from "./api-auth.ts";
import { createHealthRoutes, type HealthReport } from "./health-routes.ts";

export type { HealthReport } from "./health-routes.ts";
import { createMetricsRoute, type MetricsRouteDeps } from "./metrics-route.ts";
import { OPENAPI_PATH } from "./openapi.ts";
import { requestLog, requestLogger } from "./request-log.ts";
import { requestMetrics } from "./request-metrics.ts";
import { routeTemplate } from "./route-template.ts";

export interface HttpDeps {
  logger: Logger;
  apiKeys: string[];
  health: () => Promise<HealthReport>;
  /** GET /healthz/ready; without it, ready whenever /healthz is not down. */
  ready?: () => Promise<HealthReport>;
  /** GET /metrics and the latency of every request. */
  metrics?: MetricsRouteDeps & { observer: RequestObserver };
  /** Served at GET /api/v1/openapi.json, without a key. */
  openapi?: Record<string, unknown>;
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

  app.use("*", requestLog(logger));
  if (deps.metrics) app.use("*", requestMetrics(deps.metrics.observer));

  app.route("/healthz", createHealthRoutes({ health: deps.health, ready: deps.ready ?? deps.health }));
  if (deps.metrics) app.route("/metrics", createMetricsRoute(deps.metrics));

  const openapi = deps.openapi;
  // Before the API's key check: integrators read the document before they have a key.
  if (openapi) app.get(OPENAPI_PATH, (c) => c.json(openapi));
  const api = new Hono();
  api.use("*", apiAuth(deps.apiKeys, logger));
  for (const [name, sub] of Object.entries(deps.api)) api.route(`/${name}`, sub);
  app.route("/api/v1", api);

  for (const [name, sub] of Object.entries(deps.webhooks)) app.route(`/webhooks/${name}`, sub);
  for (const sub of Object.values(deps.pages ?? {})) app.route("/", sub);

  app.notFound((c) => c.json({ error: "not_found", message: `No route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    requestLogger(c, logger).error({ err, route: routeTemplate(c), method: c.req.method }, "HTTP request failed");
    return c.json({ error: "internal", message: "Something went wrong on our side. Please retry: every API call is idempotent." }, 500);
  });
  return app;
}
