// Bearer keys for the integration API, compared in constant time.
import crypto from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Logger } from "../logger.ts";
import { requestLogger } from "./request-log.ts";
import { routeTemplate } from "./route-template.ts";

function sameKey(a: string, b: string): boolean {
  const x = crypto.createHash("sha256").update(a).digest();
  const y = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(x, y);
}

export function apiAuth(keys: string[], logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const given = m?.[1];
    // Check every key so the time taken says nothing about which one almost matched.
    const ok = given !== undefined && keys.map((k) => sameKey(k, given)).some(Boolean);
    if (!ok) {
      requestLogger(c, logger).warn({ route: routeTemplate(c), hasHeader: header !== "" }, "API request refused: missing or wrong key");
      const message =
        keys.length === 0
          ? "The integration API is disabled: no keys are configured (set HAILONG_API_KEYS)."
          : "Missing or wrong API key: send Authorization: Bearer <key>.";
      return c.json({ error: "unauthorized", message }, 401, { "WWW-Authenticate": 'Bearer realm="hailong"' });
    }
    await next();
  };
}
