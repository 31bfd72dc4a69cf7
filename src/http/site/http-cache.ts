// Conditional GET for the site: a strong ETag over the exact bytes sent, a short public max-age so a
// changed figure reaches readers within a minute, and 304 when the reader already has these bytes.
import crypto from "node:crypto";
import type { Context } from "hono";

export const PAGE_MAX_AGE_S = 60;

export function etagOf(body: string | Uint8Array): string {
  return `"${crypto.createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}

export function cachedResponse(
  c: Context,
  body: string | Uint8Array,
  headers: Record<string, string>,
  opts: { status?: 200 | 404; cacheControl?: string } = {},
): Response {
  const etag = etagOf(body);
  const all = { ...headers, etag, "cache-control": opts.cacheControl ?? `public, max-age=${PAGE_MAX_AGE_S}` };
  if ((opts.status ?? 200) === 200 && matches(c.req.header("if-none-match"), etag)) return c.body(null, 304, all);
  return c.body(typeof body === "string" ? body : new Uint8Array(body), opts.status ?? 200, all);
}
