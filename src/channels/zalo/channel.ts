// The Zalo OA behind the channel-neutral Channel interface: render, send as a consultation message, report.
import type { Logger } from "pino";
import type { Channel, OutboundMessage, SendResult } from "../channel.ts";
import type { ZaloClient } from "./client.ts";
import { renderZaloMessage } from "./render.ts";

export interface ZaloChannelDeps {
  client: Pick<ZaloClient, "sendCs">;
  logger: Logger;
  /** ZALO_MAX_BUTTONS; see render.ts for why this is a setting. */
  maxButtons?: number;
}

export function createZaloChannel(deps: ZaloChannelDeps): Channel {
  const maxButtons = deps.maxButtons ?? 5;
  const log = deps.logger.child({ channel: "zalo" });
  return {
    name: "zalo",
    async send(message: OutboundMessage): Promise<SendResult> {
      const r = await deps.client.sendCs(renderZaloMessage(message, { maxButtons }));
      if (r.ok) return r.messageId ? { ok: true, messageId: r.messageId } : { ok: true };
      log.warn({ failure: r.failure, retryable: r.retryable, code: r.code, detail: r.detail }, "Zalo send failed");
      const out: SendResult = { ok: false, failure: r.failure, retryable: r.retryable };
      if (r.retryAfterSeconds !== undefined) out.retryAfterSeconds = r.retryAfterSeconds;
      if (r.detail !== undefined) out.detail = r.detail;
      return out;
    },
  };
}
