// Replies the Bot API would not take (5xx, timeouts, 429) are kept in the outbox, one job per message, and sent
// once Telegram answers again. The update itself was handled and acknowledged: its answer is stored once, and
// Telegram redelivering it would only meet the delivery key's silence. The queue lives in the database, so a
// burst of failures costs rows, not memory, and survives a restart; in memory there are two numbers and a timer.
//
// Order: each kept message carries `seq` (when it was kept, then its place in the update's replies). A chat's
// message is sent only when none with a smaller seq waits for the same chat, and a new reply to a chat that
// still has kept ones goes behind them (waiting()), so the citizen gets their questions in order, each once.
//
// Pace: while this instance knows of kept replies it runs them every PROBE_MS with a worker of its own (only
// this kind, no sweeps); after one retryable failure the others wait for the same moment (retry_after on a
// 429) instead of each trying, so a Bot API that is down costs one call per PROBE_MS, not one per kept row.
// Every instance's outbox worker runs the kind too, so the replies of an instance that stopped are sent by another.
import type { KeptReplyStore } from "../store/kept-replies.ts";
import type { Logger } from "../logger.ts";
import type { OutboundMessage, SendResult } from "../messages.ts";
import { createOutboxWorker, type JobHandler } from "../outbox/worker.ts";
import { randomId } from "../ids.ts";
import type { OutboxStore } from "../store/outbox.ts";

export const REPLY_JOB_KIND = "telegram-reply";
/** First try soon after the failure, then every PROBE_MS while the Bot API keeps failing. */
const FIRST_RETRY_MS = 1_000;
const PROBE_MS = 1_000;
/** One try of a kept message: a hanging Bot API is not waited for longer. */
const SEND_MS = 5_000;
/** A reply older than this is not sent any more (the citizen's /start asks the current question again). */
const MAX_AGE_MS = 3_600_000;
/** A picture up to this size is kept with its message (base64 in the row); a larger one is dropped, its text kept. */
const MAX_PHOTO_BYTES = 1_000_000;

type KeptMessage = Pick<OutboundMessage, "text" | "buttons" | "locale" | "editOf" | "keyboardOnly" | "format"> & {
  photo?: { base64: string; filename: string };
};

/** How a kept message is sent: one bounded try (TelegramBot.sendOnce). */
export interface ReplySender {
  sendOnce(m: OutboundMessage, ms: number): Promise<SendResult>;
}

export interface ReplyQueue {
  /** Keeps the replies of update `updateId` not yet sent, in order. */
  keep(updateId: number, replies: OutboundMessage[], retryAfterSeconds?: number): Promise<void>;
  /** True when kept replies to this chat still wait (read from the database only while some may). */
  waiting(chatId: string): Promise<boolean>;
  /** The Bot API took a message again: send what waits now rather than at the next probe. */
  recovered(): void;
  handler(sender: () => ReplySender | undefined): JobHandler;
  /** Kept replies not yet sent (all instances'). */
  backlog(): Promise<number>;
  /** Starts the probe worker (needs the sender); stop() waits for its run. */
  start(sender: () => ReplySender | undefined): void;
  stop(): Promise<void>;
}

export function createReplyQueue(d: { kept: KeptReplyStore; outbox: OutboxStore; now: () => Date; logger: Logger }): ReplyQueue {
  const log = d.logger.child({ component: "reply-queue" });
  /** This instance may have kept replies waiting (false once a probe found none). */
  let active = false;
  let probing = false;
  /** Bot API known to refuse until then (epoch ms of `now`): kept messages wait for it rather than each trying. */
  let downUntil = 0;
  let lastSeq = 0;
  let timer: NodeJS.Timeout | undefined;
  let senderOf: (() => ReplySender | undefined) | undefined;
  let worker: ReturnType<typeof createOutboxWorker> | undefined;

  async function backlog(): Promise<number> {
    return d.kept.pending(REPLY_JOB_KIND);
  }

  /** One run of the probe worker; the timer ends once nothing waits. */
  async function probe(): Promise<void> {
    // One run at a time: a run slower than PROBE_MS must not queue runs behind it.
    if (!worker || probing) return;
    probing = true;
    try {
      const keptBefore = lastSeq;
      await worker.runDue();
      if ((await backlog()) === 0 && lastSeq === keptBefore) {
        active = false;
        clearInterval(timer);
        timer = undefined;
      }
    } finally {
      probing = false;
    }
  }

  function wake(): void {
    active = true;
    if (timer || !worker) return;
    timer = setInterval(() => void probe().catch((e: unknown) => log.warn({ err: e }, "sending kept replies failed")), PROBE_MS);
    timer.unref();
  }

  const handler = (sender: () => ReplySender | undefined): JobHandler => ({
    // Age bounds the tries (MAX_AGE_MS), not their number: a long outage is one probe per PROBE_MS.
    maxAttempts: 100_000,
    // At least once: a reply sent twice after a crash beats a question never asked.
    onAbandoned: "retry",
    async run(job, now) {
      // Kept by another instance (or before a restart): this one now knows replies wait, and probes too.
      wake();
      const s = sender();
      if (!s || !job.recipient) return { status: "cancelled", reason: s ? "no chat" : "telegram is off" };
      const seq = Number(job.payload.seq ?? 0);
      if (now.getTime() - Number(job.payload.keptAt ?? now.getTime()) > MAX_AGE_MS) return { status: "failed", reason: "too old to send" };
      // An earlier kept message to the same chat goes first.
      const earlier = await d.kept.earlierDue(REPLY_JOB_KIND, job.recipient, job.id, seq);
      if (earlier !== null) return { status: "postpone", at: new Date(Math.max(earlier, now.getTime()) + 1), reason: "an earlier reply to this chat waits" };
      if (now.getTime() < downUntil) return { status: "postpone", at: new Date(downUntil + (seq % 100)), reason: "bot api refusing" };
      const k = job.payload.message as KeptMessage;
      const { photo, ...message } = k;
      const res = await s.sendOnce({ ...message, ...(photo ? { photo: { png: Buffer.from(photo.base64, "base64"), filename: photo.filename } } : {}), chatId: job.recipient }, SEND_MS);
      if (res.ok) return { status: "sent" };
      if (!res.retryable) return { status: "failed", reason: `${res.failure}${res.detail ? `: ${res.detail}` : ""}` };
      const at = d.now().getTime() + (res.retryAfterSeconds !== undefined ? res.retryAfterSeconds * 1000 : PROBE_MS);
      downUntil = Math.max(downUntil, at);
      return { status: "retry", at: new Date(at + (seq % 100)), reason: res.failure };
    },
  });

  return {
    async keep(updateId, replies, retryAfterSeconds) {
      const keptAt = d.now().getTime();
      const at = keptAt + Math.max(FIRST_RETRY_MS, (retryAfterSeconds ?? 0) * 1000);
      if (retryAfterSeconds !== undefined) downUntil = Math.max(downUntil, keptAt + retryAfterSeconds * 1000);
      // Strictly increasing in this process even when two updates are kept in the same millisecond.
      const base = Math.max(keptAt * 100, lastSeq + 1);
      lastSeq = base + replies.length;
      wake();
      for (const [i, m] of replies.entries()) {
        let photo: KeptMessage["photo"];
        if (m.photo && m.photo.png.length <= MAX_PHOTO_BYTES) photo = { base64: m.photo.png.toString("base64"), filename: m.photo.filename };
        else if (m.photo) log.warn({ updateId, bytes: m.photo.png.length }, "a picture too large to keep is dropped; its text is kept");
        const message: KeptMessage = { text: m.text, buttons: m.buttons, locale: m.locale, editOf: m.editOf, keyboardOnly: m.keyboardOnly, format: m.format, ...(photo ? { photo } : {}) };
        // The key is unique per keep: update ids start over at random after a quiet week.
        await d.outbox.schedule(
          { kind: REPLY_JOB_KIND, dedupeKey: `${REPLY_JOB_KIND}:${updateId}:${i}:${randomId(6)}`, runAt: new Date(at + i), payload: { message, seq: base + i, keptAt }, recipient: m.chatId },
          d.now(),
        );
      }
      // Again once the rows exist: a probe that found none in between has stopped the timer.
      wake();
      log.info({ updateId, messages: replies.length }, "replies kept for when the Bot API answers again");
    },
    async waiting(chatId) {
      if (!active) return false;
      return d.kept.chatWaiting(REPLY_JOB_KIND, chatId);
    },
    recovered() {
      downUntil = 0;
      if (active) void probe().catch((e: unknown) => log.warn({ err: e }, "sending kept replies failed"));
    },
    handler,
    backlog,
    start(sender) {
      senderOf = sender;
      worker = createOutboxWorker({ store: d.outbox, handlers: { [REPLY_JOB_KIND]: handler(() => senderOf?.()) }, now: d.now, logger: d.logger, intervalMs: PROBE_MS, batchSize: 50 });
      // Replies kept before a restart (or by an instance that stopped) are sent from here too.
      void backlog()
        .then((n) => n > 0 && wake())
        .catch(() => undefined);
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await worker?.stop();
    },
  };
}
