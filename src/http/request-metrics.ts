// Latency of every HTTP request into the metrics, labelled by route template (see route-template.ts).
import type { MiddlewareHandler } from "hono";
import type { RequestObserver } from "../metrics/types.ts";
import { routeTemplate } from "./route-template.ts";

export function requestMetrics(observer: RequestObserver): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    observer.httpRequest({ method: c.req.method, route: routeTemplate(c), status: c.res.status, seconds: (performance.now() - started) / 1000 });
  };
}
