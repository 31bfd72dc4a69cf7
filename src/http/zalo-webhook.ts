// POST / (mounted at /webhooks/zalo): read the raw body under a size limit, verify the signature on those
// exact bytes, persist to the inbox, answer 200 at once (Zalo wants an answer within 2 s and retries
// otherwise), then let the processor do the work. Bad input gets a 4xx; only a database outage gets 503, so
// that Zalo redelivers what we could not store.
import { Hono } from "hono";
import type { Logger } from "pino";
import type { ZaloConfig } from "../channels/zalo/config.ts";
import { acceptZaloDelivery } from "../channels/zalo/verify-signature.ts";
import type { InboxStore } from "../store/inbox.ts";
import { readCappedBody } from "./read-body.ts";
import { requestLogger } from "./request-log.ts";

export { createZaloInboxProcessor, type ZaloInboxProcessor, type ZaloInboxProcessorDeps } from "../channels/zalo/inbox-processor.ts";

export const ZALO_WEBHOOK_MAX_BODY = 256 * 1024;

export interface ZaloWebhookDeps {
  config: Pick<ZaloConfig, "appId" | "oaSecretKey" | "oaId" | "webhookMaxAgeSeconds">;
  inbox: Pick<InboxStore, "append">;
  logger: Logger;
  /** Called (not awaited) after an event was stored: usually `processor.kick`. */
  onStored?: () => void;
  now?: () => number;
  maxBodyBytes?: number;
}

export function createZaloWebhook(deps: ZaloWebhookDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? Date.now;
  const limit = deps.maxBodyBytes ?? ZALO_WEBHOOK_MAX_BODY;

  app.post("/", async (c) => {
    const log = requestLogger(c, deps.logger).child({ component: "zalo-webhook" });
    const raw = await readCappedBody(c, limit);
    if (!raw.ok) {
      const status = raw.reason === "too_large" ? 413 : 400;
      log.warn({ status }, status === 413 ? "Zalo webhook body over the size limit" : "Zalo webhook body unreadable");
      return c.json({ error: status === 413 ? "payload too large" : "unreadable body" }, status);
    }
    let outcome;
    try {
      outcome = await acceptZaloDelivery({ rawBody: raw.bytes, header: c.req.header("x-zevent-signature"), config: deps.config, inbox: deps.inbox, now: now() });
    } catch (e) {
      log.error({ err: (e as Error).message }, "Zalo webhook could not store the event; Zalo will redeliver");
      return c.json({ error: "temporarily unavailable" }, 503);
    }
    switch (outcome.status) {
      case "rejected":
        log.warn({ reason: outcome.reason }, "Zalo webhook refused");
        return c.json({ error: outcome.reason }, outcome.reason === "malformed-body" ? 400 : 401);
      case "duplicate":
        log.debug({ dedupeKey: outcome.dedupeKey }, "Zalo webhook replay or redelivery; already stored");
        return c.json({ ok: true, duplicate: true });
      case "ignored":
        log.info({ eventName: outcome.eventName, detail: outcome.detail }, "Zalo event not handled; acknowledged");
        return c.json({ ok: true, ignored: true });
      case "accepted":
        if (outcome.variant !== "app_id") log.warn("Zalo signature matched with oa_id as the first term (not app_id); see docs/zalo-setup.md");
        deps.onStored?.();
        return c.json({ ok: true });
    }
  });
  return app;
}
