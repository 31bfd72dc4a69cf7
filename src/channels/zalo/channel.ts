// The Zalo OA behind the channel-neutral Channel interface: render, send as a consultation message, report.
// A message with a picture is uploaded first, then sent as a media message carrying the text as its caption;
// when the text has buttons (a media template has no room for them) the picture goes alone and the text
// follows as its own message.
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { Channel, OutboundMessage, SendResult } from "../../messages.ts";
import type { ZaloClient, ZaloFailure } from "./client.ts";
import { renderZaloMessage } from "./render.ts";

export interface ZaloChannelDeps {
  client: Pick<ZaloClient, "sendCs"> & Partial<Pick<ZaloClient, "uploadImage" | "sendImage">>;
  logger: Logger;
  /** ZALO_MAX_BUTTONS; see render.ts for why this is a setting. */
  maxButtons?: number;
  /** Milliseconds; for the age of cached uploads. */
  now?: () => number;
}

// Zalo deletes uploads after 7 days and allows 5,000 a month: one picture sent to many people is uploaded
// once and its attachment id reused, for a day less than Zalo keeps it.
const UPLOAD_REUSE_MS = 6 * 86_400_000;
const MAX_CACHED_UPLOADS = 200;

function toSendResult(r: ZaloFailure): SendResult {
  const out: SendResult = { ok: false, failure: r.failure, retryable: r.retryable };
  if (r.retryAfterSeconds !== undefined) out.retryAfterSeconds = r.retryAfterSeconds;
  if (r.detail !== undefined) out.detail = r.detail;
  return out;
}

export function createZaloChannel(deps: ZaloChannelDeps): Channel {
  const maxButtons = deps.maxButtons ?? 5;
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ channel: "zalo" });
  const uploads = new Map<string, { attachmentId: string; at: number }>();
  // Concurrent sends of the same picture (a broadcast) share one upload instead of racing to make several.
  const uploading = new Map<string, Promise<{ ok: true; attachmentId: string } | ZaloFailure>>();

  function failed(r: ZaloFailure): SendResult {
    log.warn({ failure: r.failure, retryable: r.retryable, code: r.code, detail: r.detail }, "Zalo send failed");
    return toSendResult(r);
  }

  async function attachmentFor(photo: NonNullable<OutboundMessage["photo"]>): Promise<{ ok: true; attachmentId: string } | ZaloFailure> {
    const key = createHash("sha256").update(photo.png).digest("hex");
    const cached = uploads.get(key);
    if (cached && now() - cached.at < UPLOAD_REUSE_MS) return { ok: true, attachmentId: cached.attachmentId };
    const running = uploading.get(key);
    if (running) return running;
    const upload = (async () => {
      if (!deps.client.uploadImage) return { ok: false as const, failure: "bad-request" as const, retryable: false, detail: "this Zalo client cannot upload pictures" };
      const r = await deps.client.uploadImage(photo.png, photo.filename);
      if (!r.ok) return r;
      if (uploads.size >= MAX_CACHED_UPLOADS) uploads.delete(uploads.keys().next().value as string);
      uploads.set(key, { attachmentId: r.data.attachmentId, at: now() });
      return { ok: true as const, attachmentId: r.data.attachmentId };
    })();
    uploading.set(key, upload);
    try {
      return await upload;
    } finally {
      uploading.delete(key);
    }
  }

  async function sendWithPhoto(message: OutboundMessage & { photo: NonNullable<OutboundMessage["photo"]> }): Promise<SendResult> {
    if (!deps.client.sendImage) return failed({ ok: false, failure: "bad-request", retryable: false, detail: "this Zalo client cannot send pictures" });
    const attachment = await attachmentFor(message.photo);
    if (!attachment.ok) return failed(attachment);
    const rendered = renderZaloMessage(message, { maxButtons });
    if (!rendered.message.attachment) {
      const r = await deps.client.sendImage(message.chatId, attachment.attachmentId, rendered.message.text);
      if (!r.ok) return failed(r);
      return r.messageId ? { ok: true, messageId: r.messageId } : { ok: true };
    }
    const pictured = await deps.client.sendImage(message.chatId, attachment.attachmentId);
    if (!pictured.ok) return failed(pictured);
    return sendRendered(message);
  }

  async function sendRendered(message: OutboundMessage): Promise<SendResult> {
    const r = await deps.client.sendCs(renderZaloMessage(message, { maxButtons }));
    if (r.ok) return r.messageId ? { ok: true, messageId: r.messageId } : { ok: true };
    return failed(r);
  }

  return {
    name: "zalo",
    async send(message: OutboundMessage): Promise<SendResult> {
      if (message.photo) return sendWithPhoto({ ...message, photo: message.photo });
      return sendRendered(message);
    },
  };
}
