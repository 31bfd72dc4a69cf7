// A request id for every HTTP request: the caller's X-Request-Id when it is a sane one (a load balancer's
// or the centre's system's, so both sides' logs can be joined), else a new one; returned in the response
// and on every line logged while the request is handled. One access line per request, by route template.
import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { withLogContext, type Logger } from "../logger.ts";
import { routeTemplate } from "./route-template.ts";

export const REQUEST_ID_HEADER = "x-request-id";
/** Long enough for a UUID or a trace id; nothing that could break a log line or a header. */
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Probes and scrapes come every few seconds: their lines would drown the rest at info. */
const QUIET_ROUTES = /^\/(healthz|metrics)(\/|$)/;

export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header(REQUEST_ID_HEADER);
    const requestId = given !== undefined && SANE_ID.test(given) ? given : randomUUID();
    const started = performance.now();
    await withLogContext({ requestId }, async () => {
      await next();
      c.header(REQUEST_ID_HEADER, requestId);
      const route = routeTemplate(c);
      const line = { method: c.req.method, route, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 };
      if (QUIET_ROUTES.test(route)) logger.debug(line, "HTTP request");
      else logger.info(line, "HTTP request");
    });
  };
}
