// GET /metrics in Prometheus text format. With METRICS_TOKEN set it asks for that bearer token; without one it
// answers only callers on this machine that came straight in (no proxy headers), so a service published
// through a reverse proxy does not hand its figures to the internet by default.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { Hono } from "hono";

export interface MetricsRouteDeps {
  render(): Promise<{ contentType: string; body: string }>;
  token?: string;
}

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip"];

function isLoopback(address: string): boolean {
  return address === "::1" || /^(::ffff:)?127\./.test(address);
}

/** The peer's address from @hono/node-server's bindings; undefined for an in-process request (no socket). */
function peerAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

export function createMetricsRoute(deps: MetricsRouteDeps): Hono {
  const app = new Hono();
  const expected = deps.token === undefined ? undefined : digest(deps.token);

  app.get("/", async (c) => {
    if (expected) {
      const m = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
      if (!m?.[1] || !timingSafeEqual(digest(m[1]), expected)) {
        return c.json({ error: "unauthorized", message: "Send Authorization: Bearer <METRICS_TOKEN>." }, 401, { "WWW-Authenticate": 'Bearer realm="metrics"' });
      }
    } else {
      const peer = peerAddress(c);
      const proxied = FORWARDING_HEADERS.some((h) => c.req.header(h) !== undefined);
      if (proxied || (peer !== undefined && !isLoopback(peer))) {
        return c.json({ error: "forbidden", message: "/metrics answers only this machine; set METRICS_TOKEN to scrape it from elsewhere." }, 403);
      }
    }
    const { contentType, body } = await deps.render();
    return c.body(body, 200, { "content-type": contentType, "cache-control": "no-store" });
  });
  return app;
}
