// The broadcaster's public shapes: a job of messages with stable ids in, a per-send report out.
import type { Channel, OutboundMessage, SendFailureKind } from "../messages.ts";
import type { Logger } from "../logger.ts";
import type { BroadcastCounters } from "../metrics/types.ts";

/** One message of a job. The id is stable across runs so a resumed job can skip what already went out. */
export type BroadcastMessage = OutboundMessage & { id: string };

export interface BroadcastJob {
  id: string;
  messages: BroadcastMessage[];
}

/**
 * Where sends get their start times: RateWindow (one process) or SharedSendBudget (every instance on one
 * PostgreSQL). The dispatcher asks only when nothing else holds it back, so a budget may treat nextAt()
 * as demand.
 */
export interface SendBudget {
  /** The earliest moment the next send may start. */
  nextAt(): number;
  /** A send starts at `at` (never before nextAt()). */
  take(at: number): void;
}

export interface BroadcastLimits {
  /** Sends started in any 1-second window; below Telegram's ~30/s for bulk notifications. */
  globalPerSecond: number;
  /** Sends started per chat per second (Telegram: about 1). */
  perChatPerSecond: number;
  /** Requests awaiting an answer at once; pacing keeps it small, this only bounds a slow provider. */
  maxInFlight: number;
}

export interface RetryPolicy {
  /** Attempts per message for retryable failures other than rate limits (network, 5xx), first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 429s tolerated per message before it is reported failed, so a misbehaving provider cannot loop us forever. */
  maxRateLimited: number;
  /** A retry_after longer than this halts the job (flood ban): the caller resumes later instead of waiting hours. */
  maxPauseSeconds: number;
}

export interface BroadcastProgress {
  jobId: string;
  done: number;
  total: number;
  sent: number;
  failed: number;
}

export interface BroadcasterOptions {
  channel: Channel;
  logger: Logger;
  /** Milliseconds; injectable so tests run on virtual time. */
  now?: () => number;
  /** Resolves after ms, or early (without rejecting) when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  limits?: Partial<BroadcastLimits>;
  retry?: Partial<RetryPolicy>;
  /** Minimum milliseconds between progress callbacks (the last one always comes). */
  progressEveryMs?: number;
  onProgress?: (p: BroadcastProgress) => void | Promise<void>;
  /** The recipient blocked us: the caller marks the respondent stopped and drops subscriptions. */
  onStopped?: (chatId: string) => void | Promise<void>;
  /**
   * The global budget, shared by every bulk send of the process (digests and announcements at once must
   * still stay under Telegram's ~30/s together), or by every instance (SharedSendBudget). Default: a
   * budget of this send's own.
   */
  window?: SendBudget;
  /** Counts accepted sends and 429s for /metrics. */
  metrics?: BroadcastCounters;
}

export interface SendOptions {
  /** Resumability: a message whose id is already sent is skipped without a request. */
  isSent?: (id: string) => boolean | Promise<boolean>;
  /** Resumability: called after each successful send so the caller can persist progress. */
  markSent?: (id: string) => void | Promise<void>;
  /** Stops dispatching; requests already made are awaited and reported. */
  signal?: AbortSignal;
}

export interface FailedMessage {
  id: string;
  chatId: string;
  failure: SendFailureKind;
  detail?: string;
  attempts: number;
}

export interface BroadcastReport {
  jobId: string;
  total: number;
  sent: number;
  /** Ids sent in this run, in completion order. */
  sentIds: string[];
  /** Skipped because isSent said so. */
  alreadySent: number;
  failed: FailedMessage[];
  /** Chats that answered "blocked" (403); each was passed to onStopped once. */
  stopped: string[];
  /** Messages withheld because their chat had stopped (the one that got the 403 included). */
  withheld: number;
  /** Ids never attempted because the job was aborted or halted; resume them later. */
  unsentIds: string[];
  /** Re-attempts of any cause. */
  retried: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Why the job ended early, if it did. */
  halted?: "aborted" | "flood-wait";
  durationMs: number;
  /** Messages sent per second over the whole run. */
  rate: number;
}
