// Webhook authenticity. Zalo signs each delivery with
//   X-ZEvent-Signature: mac=<hex sha256(app_id + raw body + timestamp + OA secret key)>
// — a plain SHA-256 over the concatenation, not an HMAC (channels.md §A.6). The hash covers the exact bytes
// received, so it is computed on the raw body before any JSON parsing. A stale timestamp is refused to blunt
// replays of captured requests, and an event already in the inbox (same msg_id) is acknowledged but not stored.
import { createHash, timingSafeEqual } from "node:crypto";
import type { InboxStore } from "../../store/inbox.ts";
import type { ZaloConfig } from "./config.ts";
import { findBadText } from "../../text-input.ts";
import { parseJsonLossless } from "./json.ts";
import { parseZaloEvent, zaloDedupeKey, type ZaloEvent } from "./payload.ts";

export type SignatureFailure = "missing-header" | "malformed-header" | "malformed-body" | "bad-signature" | "stale" | "wrong-app";

export type SignatureCheck =
  /** `variant` says which id made the hash match (open question §F.1: app_id or oa_id). */
  | { ok: true; body: Record<string, unknown>; variant: "app_id" | "oa_id" }
  | { ok: false; reason: SignatureFailure };

export interface SignatureInput {
  rawBody: Uint8Array;
  header: string | undefined | null;
  appId: string;
  oaSecretKey: string;
  now: number;
  maxAgeMs: number;
}

function mac(id: string, raw: Uint8Array, timestamp: string, secret: string): Buffer {
  return createHash("sha256").update(id, "utf8").update(raw).update(timestamp, "utf8").update(secret, "utf8").digest();
}

export function verifyZaloSignature(input: SignatureInput): SignatureCheck {
  if (!input.header) return { ok: false, reason: "missing-header" };
  const m = /^\s*mac=([0-9a-fA-F]{64})\s*$/.exec(input.header);
  if (!m) return { ok: false, reason: "malformed-header" };
  const given = Buffer.from(m[1]!, "hex");
  let body: unknown;
  try {
    body = parseJsonLossless(Buffer.from(input.rawBody.buffer, input.rawBody.byteOffset, input.rawBody.byteLength).toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed-body" };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ok: false, reason: "malformed-body" };
  // The inbox stores the body as jsonb, which refuses "\u0000" and lone surrogates: refused here, not as a 503 Zalo retries.
  if (findBadText(body)) return { ok: false, reason: "malformed-body" };
  const b = body as Record<string, unknown>;
  const ts = b.timestamp;
  if (!(typeof ts === "string" && /^\d{1,16}$/.test(ts)) && !(typeof ts === "number" && Number.isSafeInteger(ts))) {
    return { ok: false, reason: "malformed-body" };
  }
  const timestamp = String(ts);
  // Our configured app id first; the OA id as the first term has been reported by community code and stays
  // accepted until a live OA settles the question (it still needs the secret key, so it is no weaker).
  let variant: "app_id" | "oa_id" | undefined;
  if (timingSafeEqual(given, mac(input.appId, input.rawBody, timestamp, input.oaSecretKey))) variant = "app_id";
  else if ((typeof b.oa_id === "string" || typeof b.oa_id === "number") && timingSafeEqual(given, mac(String(b.oa_id), input.rawBody, timestamp, input.oaSecretKey))) variant = "oa_id";
  if (!variant) return { ok: false, reason: "bad-signature" };
  if (b.app_id !== undefined && String(b.app_id) !== input.appId) return { ok: false, reason: "wrong-app" };
  if (Math.abs(input.now - Number(timestamp)) > input.maxAgeMs) return { ok: false, reason: "stale" };
  return { ok: true, body: b, variant };
}

export type WebhookOutcome =
  | { status: "accepted"; id: string; dedupeKey: string; event: ZaloEvent; variant: "app_id" | "oa_id" }
  | { status: "duplicate"; dedupeKey: string }
  | { status: "ignored"; eventName: string; detail?: string }
  | { status: "rejected"; reason: SignatureFailure | "wrong-oa" };

/** Verify, then store in the inbox unless already there. The HTTP layer only maps this to a status code. */
export async function acceptZaloDelivery(args: {
  rawBody: Uint8Array;
  header: string | undefined | null;
  config: Pick<ZaloConfig, "appId" | "oaSecretKey" | "oaId" | "webhookMaxAgeSeconds">;
  inbox: Pick<InboxStore, "append">;
  now: number;
}): Promise<WebhookOutcome> {
  const { config } = args;
  const check = verifyZaloSignature({
    rawBody: args.rawBody,
    header: args.header,
    appId: config.appId,
    oaSecretKey: config.oaSecretKey,
    now: args.now,
    maxAgeMs: config.webhookMaxAgeSeconds * 1000,
  });
  if (!check.ok) return { status: "rejected", reason: check.reason };
  if (config.oaId && check.body.oa_id !== undefined && String(check.body.oa_id) !== config.oaId) return { status: "rejected", reason: "wrong-oa" };
  const parsed = parseZaloEvent(check.body);
  if (!parsed.ok) return { status: "ignored", eventName: parsed.eventName, ...(parsed.kind === "invalid" ? { detail: parsed.detail } : {}) };
  const dedupeKey = zaloDedupeKey(parsed.event);
  // The verified body (ids already strings) is what the processor re-reads; raw bytes are not needed again.
  const r = await args.inbox.append("zalo", dedupeKey, check.body);
  if (!r.stored) return { status: "duplicate", dedupeKey };
  return { status: "accepted", id: r.id!, dedupeKey, event: parsed.event, variant: check.variant };
}
