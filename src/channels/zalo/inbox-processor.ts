// Drains the Zalo inbox: each stored webhook event is translated, handed to the survey handler (or the notice
// router), and the replies are sent through the Zalo channel. Rows are processed one at a time in arrival
// order, so one person's answers are applied in the order they were given. Unprocessed rows survive restarts:
// start() drains whatever a previous process left.
import type { Logger } from "pino";
import type { Channel, OutboundMessage } from "../../messages.ts";
import type { SurveyHandler } from "../../survey/survey-service.types.ts";
import { type InboxRecord, type InboxStore } from "../../store/inbox.ts";
import { parseZaloEvent, zaloDedupeKey } from "./payload.ts";
import { zaloToInbound, type ZaloNotice } from "./to-inbound.ts";

export interface ZaloInboxProcessorDeps {
  handler: SurveyHandler;
  channel: Channel;
  logger: Logger;
  /** Where follow/unfollow/rating/delivery notices go; may return replies to send. Without it they are logged. */
  onNotice?: (notice: ZaloNotice) => Promise<OutboundMessage[] | void>;
  inbox: InboxStore;
  /** The service's clock: the retry back-off is measured on it. */
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  batchSize?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
}

export interface ZaloInboxProcessor {
  /** Schedules a drain (coalesced): call after a webhook stored an event. */
  kick(): void;
  /** Processes until nothing is claimable (or a row fails); resolves with the number of rows finished. */
  drain(): Promise<number>;
  /** Drains what a previous process left, then re-checks every pollMs for rows due a retry. */
  start(pollMs?: number): Promise<void>;
  /** Stops polling and waits for the running drain. */
  stop(): Promise<void>;
  /** Resolves once no drain is running or scheduled (tests). */
  idle(): Promise<void>;
}

/** Inline retry for a reply only when the wait is short: a long wait would stall everyone behind it. */
const INLINE_RETRY_MAX_S = 5;

export function createZaloInboxProcessor(deps: ZaloInboxProcessorDeps): ZaloInboxProcessor {
  const { inbox } = deps;
  const log = deps.logger.child({ component: "zalo-inbox" });
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = deps.maxAttempts ?? 5;
  let running: Promise<number> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function sendAll(replies: OutboundMessage[], row: InboxRecord): Promise<void> {
    for (const reply of replies) {
      let r = await deps.channel.send(reply);
      if (!r.ok && r.retryable && (r.retryAfterSeconds ?? 1) <= INLINE_RETRY_MAX_S) {
        await sleep((r.retryAfterSeconds ?? 1) * 1000);
        r = await deps.channel.send(reply);
      }
      if (!r.ok) {
        // The handler has already stored the outcome and would not repeat these replies; say so loudly.
        log.error({ inboxId: row.id, failure: r.failure, retryable: r.retryable, detail: r.detail }, "Zalo reply not delivered");
        // After a refusal for this person, the rest of the replies cannot reach them either.
        if (r.failure === "recipient-stopped" || r.failure === "window-expired") return;
      }
    }
  }

  /** Returns false when the row failed and stays in the inbox for a later attempt. */
  async function processRow(row: InboxRecord): Promise<boolean> {
    const parsed = parseZaloEvent(row.payload);
    if (!parsed.ok) {
      // It parsed when it was stored; a row that no longer does (schema change) can only be read by a human.
      log.error({ inboxId: row.id, eventName: parsed.eventName }, "stored Zalo event no longer parses; skipped");
      await inbox.markProcessed(row.id);
      return true;
    }
    const t = zaloToInbound(parsed.event, zaloDedupeKey(parsed.event));
    try {
      if (t.kind === "inbound") {
        await sendAll(await deps.handler.handle(t.event), row);
      } else if (t.kind === "notice") {
        if (deps.onNotice) {
          const replies = await deps.onNotice(t.notice);
          if (replies) await sendAll(replies, row);
        } else {
          log.info({ notice: t.notice.kind, deliveryKey: t.notice.deliveryKey }, "Zalo notice received (no router configured)");
        }
      } else {
        log.info({ inboxId: row.id, reason: t.reason }, "Zalo event ignored");
      }
    } catch (e) {
      const msg = (e as Error).message ?? String(e);
      await inbox.markFailed(row.id, msg);
      if (row.attempts >= maxAttempts) log.error({ inboxId: row.id, attempts: row.attempts, err: msg }, "Zalo event failed for the last time; left in the inbox for an operator");
      else log.warn({ inboxId: row.id, attempts: row.attempts, err: msg }, "Zalo event failed; will retry");
      return false;
    }
    await inbox.markProcessed(row.id);
    return true;
  }

  async function drainLoop(): Promise<number> {
    let done = 0;
    do {
      again = false;
      for (;;) {
        const batch = await inbox.claimBatch("zalo", { limit: deps.batchSize ?? 20, maxAttempts, retryBaseMs: deps.retryBaseMs });
        if (batch.length === 0) break;
        let failed = false;
        for (const row of batch) {
          if (await processRow(row)) done++;
          else failed = true;
        }
        // A failed row waits for its back-off (the next kick or poll), not for a hot loop in this drain.
        if (failed) break;
      }
    } while (again);
    return done;
  }

  function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = drainLoop().finally(() => {
      running = undefined;
    });
    return running;
  }

  function kick(): void {
    if (stopped) return;
    drain().catch((e: Error) => log.error({ err: e.message }, "Zalo inbox drain failed"));
  }

  return {
    kick,
    drain,
    async start(pollMs = 15_000) {
      stopped = false;
      const n = await drain();
      if (n > 0) log.info({ processed: n }, "Zalo inbox: processed events left from before the restart");
      timer = setInterval(kick, pollMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
    async idle() {
      while (running) await running.catch(() => undefined);
    },
  };
}
