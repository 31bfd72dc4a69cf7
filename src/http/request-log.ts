// A request id for every HTTP request: the caller's X-Request-Id when it is a sane one (a load balancer's
// or the centre's system's, so both sides' logs can be joined), else a new one; returned in the response,
// and bound to the request's logger (requestLogger) that the HTTP layer logs through. One access line per
// request, by route template.
//
// A child logger rather than AsyncLocalStorage: on Node 20 the latter's promise hooks cost about 0.35 ms of
// CPU per survey answer (45 % more, bench:ingest), on the path issue 11 asks to make faster.
import { randomUUID } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import type { Logger } from "../logger.ts";
import { routeTemplate } from "./route-template.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** The service's logger with this request's id bound (set by requestLog). */
    logger: Logger;
  }
}

export const REQUEST_ID_HEADER = "x-request-id";
/** Long enough for a UUID or a trace id; nothing that could break a log line or a header. */
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Probes and scrapes come every few seconds: their lines would drown the rest at info. */
const QUIET_ROUTES = /^\/(healthz|metrics)(\/|$)/;

/** The logger of this request (with its requestId), or `fallback` outside requestLog (sub-apps tested alone). */
export function requestLogger(c: Context, fallback: Logger): Logger {
  return c.get("logger") ?? fallback;
}

export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header(REQUEST_ID_HEADER);
    const requestId = given !== undefined && SANE_ID.test(given) ? given : randomUUID();
    c.set("logger", logger.child({ requestId }));
    const started = performance.now();
    await next();
    setResponseHeader(c, REQUEST_ID_HEADER, requestId);
    // A handler may have bound more to the request's logger (the Telegram webhook: the update id).
    const log = c.get("logger");
    const route = routeTemplate(c);
    const line = { method: c.req.method, route, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 };
    if (QUIET_ROUTES.test(route)) log.debug(line, "HTTP request");
    else log.info(line, "HTTP request");
  };
}

/**
 * A header on the finished response. Set on the response's own headers: c.header() after the handler
 * rebuilds the response, which on @hono/node-server turns its light response into a WHATWG one with a
 * body stream (a few percent of an instance's CPU per webhook call). A response whose headers are
 * immutable (one fetched from elsewhere) is rebuilt as c.header() would.
 */
function setResponseHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}
