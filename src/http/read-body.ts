// A request body read whole, but never past a cap. A declared length is checked before a byte is read, and
// the body is then read straight off the socket (Node's parser stops at that length); only a body without
// one (chunked) is counted as it streams, and abandoned the moment it passes the cap. Hono's own bodyLimit
// always turns the request into a WHATWG Request with streams first, which was a tenth of an instance's
// CPU per survey answer on the Telegram webhook (bench:ingest profile).
import type { Context } from "hono";

/** unreadable: the caller went away or broke the body off mid-way. */
export type CappedBody = { ok: true; bytes: Uint8Array } | { ok: false; reason: "too_large" | "unreadable" };

const TOO_LARGE = { ok: false, reason: "too_large" } as const;

export async function readCappedBody(c: Context, maxBytes: number): Promise<CappedBody> {
  try {
    return await read(c, maxBytes);
  } catch {
    return { ok: false, reason: "unreadable" };
  }
}

async function read(c: Context, maxBytes: number): Promise<CappedBody> {
  const length = c.req.header("content-length");
  if (length !== undefined && c.req.header("transfer-encoding") === undefined && /^\d{1,15}$/.test(length)) {
    if (Number(length) > maxBytes) return TOO_LARGE;
    return { ok: true, bytes: new Uint8Array(await c.req.arrayBuffer()) };
  }
  const stream = c.req.raw.body;
  if (!stream) return { ok: true, bytes: new Uint8Array(0) };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}
