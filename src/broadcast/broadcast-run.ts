// One job's send: a single dispatcher loop starts requests when the global window, the chat's own spacing
// and any 429 pause allow it; each request settles on its own (sent, stopped, retried or failed) and wakes
// the dispatcher. Only the dispatcher starts requests, so the rate rules have one place to hold.
import type { Channel, SendResult } from "../messages.ts";
import type { Logger } from "../logger.ts";
import type { BroadcastCounters } from "../metrics/types.ts";
import { ChatHeap, type ChatEntry } from "./chat-heap.ts";
import { ProgressReporter } from "./progress.ts";
import { RateWindow } from "./rate-window.ts";
import { Wakeup } from "./timing.ts";
import type {
  BroadcastJob,
  BroadcastLimits,
  BroadcastMessage,
  BroadcastProgress,
  BroadcastReport,
  FailedMessage,
  RetryPolicy,
  SendBudget,
  SendOptions,
} from "./types.ts";

export interface RunDeps {
  channel: Channel;
  logger: Logger;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  limits: BroadcastLimits;
  retry: RetryPolicy;
  progressEveryMs: number;
  onProgress: ((p: BroadcastProgress) => void | Promise<void>) | undefined;
  onStopped: ((chatId: string) => void | Promise<void>) | undefined;
  window?: SendBudget;
  metrics?: BroadcastCounters;
}

interface Pending {
  msg: BroadcastMessage;
  attempts: number;
  rateLimited: number;
  /** isSent said "send it" and nothing was sent since: a requeued message is not asked again. */
  checked?: boolean;
}

interface Chat extends ChatEntry {
  /** This chat's messages in job order; the head is the one being sent or retried. */
  queue: Pending[];
  stopped: boolean;
}

type Failure = Extract<SendResult, { ok: false }>;

export class BroadcastRun {
  private readonly chats: Chat[] = [];
  private readonly ready = new ChatHeap<Chat>();
  private readonly window: SendBudget;
  private readonly wake = new Wakeup();
  private readonly progress: ProgressReporter;
  private readonly log: Logger;
  private inFlight = 0;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private halted: BroadcastReport["halted"];
  private readonly r = { sent: 0, sentIds: [] as string[], alreadySent: 0, failed: [] as FailedMessage[], stopped: [] as string[], withheld: 0, retried: 0, rateLimited: 0 };

  constructor(
    private readonly job: BroadcastJob,
    private readonly opts: SendOptions,
    private readonly d: RunDeps,
  ) {
    this.window = d.window ?? new RateWindow(d.limits.globalPerSecond);
    this.log = d.logger.child({ jobId: job.id });
    this.progress = new ProgressReporter(d.progressEveryMs, d.now, this.log, d.onProgress);
    const byChat = new Map<string, Chat>();
    const ids = new Set<string>();
    for (const msg of job.messages) {
      // Resumability rests on ids: a duplicate would make "already sent" ambiguous.
      if (ids.has(msg.id)) throw new Error(`broadcast ${job.id}: message id "${msg.id}" appears twice`);
      ids.add(msg.id);
      let chat = byChat.get(msg.chatId);
      if (!chat) {
        chat = { chatId: msg.chatId, notBefore: Number.NEGATIVE_INFINITY, queue: [], stopped: false };
        byChat.set(msg.chatId, chat);
        this.chats.push(chat);
        this.ready.push(chat);
      }
      chat.queue.push({ msg, attempts: 0, rateLimited: 0 });
    }
  }

  async run(): Promise<BroadcastReport> {
    const started = this.d.now();
    const total = this.job.messages.length;
    const onAbort = () => {
      this.halted ??= "aborted";
      this.wake.notify();
    };
    if (this.opts.signal?.aborted) this.halted = "aborted";
    this.opts.signal?.addEventListener("abort", onAbort, { once: true });
    this.log.info({ total, chats: this.chats.length }, "broadcast started");
    try {
      await this.dispatchAll();
    } finally {
      this.opts.signal?.removeEventListener("abort", onAbort);
    }
    await this.progress.finish(this.snapshot());
    const durationMs = this.d.now() - started;
    const unsentIds = this.chats.flatMap((c) => c.queue.map((p) => p.msg.id));
    const report: BroadcastReport = {
      jobId: this.job.id,
      total,
      ...this.r,
      unsentIds,
      ...(this.halted ? { halted: this.halted } : {}),
      durationMs,
      rate: durationMs > 0 ? (this.r.sent * 1000) / durationMs : this.r.sent,
    };
    const { sentIds: _ids, failed, stopped, unsentIds: _u, ...summary } = report;
    this.log.info({ ...summary, failed: failed.length, stopped: stopped.length, unsent: unsentIds.length }, "broadcast finished");
    return report;
  }

  private async dispatchAll(): Promise<void> {
    for (;;) {
      if (this.halted) this.ready.clear();
      const next = this.ready.peek();
      if (!next || this.inFlight >= this.d.limits.maxInFlight) {
        if (this.inFlight === 0 && !next) return;
        await this.wake.wait();
        continue;
      }
      // The budget is asked only once nothing else holds the send back: a shared budget reserves starts
      // when asked, and a chat waiting out its own spacing must not reserve starts it cannot use.
      const held = Math.max(this.pausedUntil, next.notBefore);
      const now = this.d.now();
      if (held > now) {
        await this.waitUntil(held - now);
        continue;
      }
      const at = this.window.nextAt();
      if (at > now) {
        await this.waitUntil(at - now);
        continue;
      }
      const chat = this.ready.pop()!;
      const item = chat.queue[0]!;
      const known = item.checked ? false : await this.knownSent(item);
      item.checked = known === false;
      if (known !== false) {
        chat.queue.shift();
        if (known === true) this.r.alreadySent++;
        else this.r.failed.push({ id: item.msg.id, chatId: chat.chatId, failure: "unknown", detail: known.detail, attempts: item.attempts });
        this.requeue(chat);
        this.progress.tick(this.snapshot());
        continue;
      }
      // Skipping may have awaited the caller's store; the job could have been halted or paused meanwhile,
      // or another send sharing the window could have taken this slot.
      if (this.halted) continue;
      if (Math.max(this.pausedUntil, this.window.nextAt()) > this.d.now()) {
        this.requeue(chat);
        continue;
      }
      this.start(chat, item, this.d.now());
    }
  }

  /** Sleeps until a rule allows the next send, or less if a request settles or the job is aborted first. */
  private async waitUntil(ms: number): Promise<void> {
    const cancel = new AbortController();
    await Promise.race([this.d.sleep(ms, cancel.signal), this.wake.wait()]);
    cancel.abort();
  }

  /** true: skip it; false: send it; otherwise the caller's store could not say. */
  private async knownSent(item: Pending): Promise<boolean | { detail: string }> {
    if (!this.opts.isSent) return false;
    try {
      return await this.opts.isSent(item.msg.id);
    } catch (e) {
      // Not knowing whether it went out: reporting it failed is better than possibly sending it twice.
      this.log.warn({ err: e, messageId: item.msg.id }, "broadcast isSent hook failed");
      return { detail: `isSent failed: ${(e as Error)?.message ?? String(e)}` };
    }
  }

  private start(chat: Chat, item: Pending, at: number): void {
    item.checked = false;
    this.window.take(at);
    chat.notBefore = at + 1000 / this.d.limits.perChatPerSecond;
    item.attempts++;
    this.inFlight++;
    void this.attempt(chat, item).finally(() => {
      this.inFlight--;
      this.requeue(chat);
      this.wake.notify();
    });
  }

  private async attempt(chat: Chat, item: Pending): Promise<void> {
    const { id: _id, ...message } = item.msg;
    let res: SendResult;
    try {
      res = await this.d.channel.send(message);
    } catch (e) {
      // Channels return failures rather than throw; a throw is a bug, so it is not retried blindly.
      res = { ok: false, failure: "unknown", retryable: false, detail: (e as Error)?.message ?? String(e) };
    }
    if (res.ok) await this.onSent(chat, item);
    else await this.onFailure(chat, item, res);
    this.progress.tick(this.snapshot());
  }

  private async onSent(chat: Chat, item: Pending): Promise<void> {
    chat.queue.shift();
    this.r.sent++;
    this.d.metrics?.sent(this.d.channel.name);
    this.r.sentIds.push(item.msg.id);
    try {
      await this.opts.markSent?.(item.msg.id);
    } catch (e) {
      this.log.warn({ err: e, messageId: item.msg.id }, "broadcast markSent hook failed");
    }
  }

  private async onFailure(chat: Chat, item: Pending, res: Failure): Promise<void> {
    if (res.failure === "recipient-stopped") return this.onStopped(chat);
    if (res.failure === "rate-limited") return this.onRateLimited(chat, item, res);
    if (res.retryable && item.attempts < this.d.retry.maxAttempts) {
      const backoff = Math.min(this.d.retry.maxDelayMs, this.d.retry.baseDelayMs * 2 ** (item.attempts - 1));
      const delay = Math.max(backoff, (res.retryAfterSeconds ?? 0) * 1000);
      chat.notBefore = Math.max(chat.notBefore, this.d.now() + delay);
      this.r.retried++;
      return;
    }
    this.fail(chat, item, res);
  }

  private onRateLimited(chat: Chat, item: Pending, res: Failure): void {
    this.r.rateLimited++;
    this.d.metrics?.rateLimited(this.d.channel.name);
    item.rateLimited++;
    const seconds = res.retryAfterSeconds ?? 1;
    if (seconds > this.d.retry.maxPauseSeconds) {
      // A flood ban: waiting it out inside one send would hold the caller for too long; stop and resume later.
      this.log.warn({ retryAfterSeconds: seconds }, "broadcast halted: provider asks for a long pause");
      this.halted ??= "flood-wait";
      return;
    }
    if (item.rateLimited > this.d.retry.maxRateLimited) return this.fail(chat, item, res);
    // Telegram's retry_after applies to the bot, not to one chat: everything waits, then this message goes again.
    this.pausedUntil = Math.max(this.pausedUntil, this.d.now() + seconds * 1000);
    this.r.retried++;
    this.log.warn({ retryAfterSeconds: seconds, messageId: item.msg.id }, "broadcast rate-limited; pausing");
  }

  private async onStopped(chat: Chat): Promise<void> {
    chat.stopped = true;
    this.r.withheld += chat.queue.length;
    chat.queue = [];
    this.r.stopped.push(chat.chatId);
    try {
      await this.d.onStopped?.(chat.chatId);
    } catch (e) {
      this.log.warn({ err: e }, "broadcast onStopped hook failed");
    }
  }

  private fail(chat: Chat, item: Pending, res: Failure): void {
    chat.queue.shift();
    this.r.failed.push({ id: item.msg.id, chatId: chat.chatId, failure: res.failure, detail: res.detail, attempts: item.attempts });
    this.log.warn({ messageId: item.msg.id, failure: res.failure, detail: res.detail, attempts: item.attempts }, "broadcast message failed");
  }

  private requeue(chat: Chat): void {
    if (!this.halted && !chat.stopped && chat.queue.length > 0) this.ready.push(chat);
  }

  private snapshot(): BroadcastProgress {
    const failed = this.r.failed.length + this.r.withheld;
    return { jobId: this.job.id, done: this.r.sent + this.r.alreadySent + failed, total: this.job.messages.length, sent: this.r.sent, failed };
  }
}
