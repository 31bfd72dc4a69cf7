// Telegram failures → SendResult: "the provider refused" vs "we could not reach it".
import { GrammyError, HttpError } from "grammy";
import type { SendResult } from "../../messages.ts";

/** Telegram's description when it refused the bot token itself (401/404: no such bot), else null. */
export function tokenRefusal(e: unknown): string | null {
  return e instanceof GrammyError && (e.error_code === 401 || e.error_code === 404) ? e.description : null;
}

export function toSendFailure(e: unknown): Extract<SendResult, { ok: false }> {
  if (e instanceof GrammyError) {
    if (e.error_code === 403) return { ok: false, failure: "recipient-stopped", retryable: false, detail: e.description };
    if (e.error_code === 429) {
      return { ok: false, failure: "rate-limited", retryable: true, retryAfterSeconds: e.parameters.retry_after, detail: e.description };
    }
    if (e.error_code === 400) {
      const stopped = /chat not found|user is deactivated/i.test(e.description);
      return { ok: false, failure: stopped ? "recipient-stopped" : "bad-request", retryable: false, detail: e.description };
    }
    return { ok: false, failure: "unknown", retryable: e.error_code >= 500, detail: e.description };
  }
  if (e instanceof HttpError) return { ok: false, failure: "unreachable", retryable: true, detail: e.message };
  return { ok: false, failure: "unknown", retryable: false, detail: (e as Error)?.message };
}
