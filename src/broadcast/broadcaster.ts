// createBroadcaster: the one entry point for bulk sends (digests, announcements, reminders). It owns the
// defaults; each send() is a fresh BroadcastRun, so two jobs never share per-job state.
//
// Wiring note for Telegram: give it a channel whose grammY auto-retry does not wait on 429s
// (createTelegramBot({ retry: { maxRetryAttempts: 0, maxDelaySeconds: 0 } })). Otherwise auto-retry sleeps
// through retry_after inside that one request while the broadcaster, never told, keeps the others going;
// Telegram's pause applies to the whole bot, and only the broadcaster can pause the whole job.
// Two jobs running at once stay within one budget when given the same RateWindow (BroadcasterOptions).
import { BroadcastRun } from "./broadcast-run.ts";
import { realSleep } from "./timing.ts";
import type { BroadcasterOptions, BroadcastJob, BroadcastLimits, BroadcastReport, RetryPolicy, SendOptions } from "./types.ts";

export const DEFAULT_LIMITS: BroadcastLimits = {
  // Telegram allows about 30/s for bulk sends; 25 leaves room for the bot's ordinary replies meanwhile.
  globalPerSecond: 25,
  perChatPerSecond: 1,
  maxInFlight: 8,
};

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRateLimited: 10,
  maxPauseSeconds: 300,
};

export const DEFAULT_PROGRESS_EVERY_MS = 3000;

export interface Broadcaster {
  send(job: BroadcastJob, opts?: SendOptions): Promise<BroadcastReport>;
}

export function createBroadcaster(o: BroadcasterOptions): Broadcaster {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  if (!(limits.perChatPerSecond > 0)) throw new Error(`perChatPerSecond must be > 0 (got ${limits.perChatPerSecond})`);
  if (!(limits.maxInFlight >= 1)) throw new Error(`maxInFlight must be ≥ 1 (got ${limits.maxInFlight})`);
  const retry = { ...DEFAULT_RETRY, ...o.retry };
  if (!(retry.maxAttempts >= 1)) throw new Error(`retry.maxAttempts must be ≥ 1 (got ${retry.maxAttempts})`);
  const deps = {
    channel: o.channel,
    logger: o.logger,
    now: o.now ?? Date.now,
    sleep: o.sleep ?? realSleep,
    limits,
    retry,
    progressEveryMs: o.progressEveryMs ?? DEFAULT_PROGRESS_EVERY_MS,
    onProgress: o.onProgress,
    onStopped: o.onStopped,
    window: o.window,
    metrics: o.metrics,
  };
  return {
    // async, so a malformed job rejects the promise rather than throwing at the call site.
    send: async (job, opts = {}) => new BroadcastRun(job, opts, deps).run(),
  };
}
