// Long polling, our own loop rather than grammY's bot.start(): an update is confirmed to Telegram (the next
// getUpdates offset) only once it was handled. While the database is unreachable the loop pauses on the
// update it holds and tries it again, so nothing fetched is dropped; a stop waits for the update in hand
// and never confirms one that was not handled (grammY's stop() confirms the one it last tried).
import { BotError, GrammyError, type Api, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { isAppError } from "../../errors.ts";
import type { Logger } from "../../logger.ts";

const POLL_TIMEOUT_S = 30;
const PAUSE_FIRST_MS = 500;
const PAUSE_MAX_MS = 5_000;
const FETCH_RETRY_MS = 3_000;
/** A getUpdates that has not answered this long after its long poll should have is hung, not waiting. */
const FETCH_GIVE_UP_MS = (POLL_TIMEOUT_S + 10) * 1000;

export interface Poller {
  /** Resolves when the loop has ended (stopped, or refused by Telegram: 401 token, 409 another poller). */
  readonly done: Promise<void>;
  /** True while an update waits for the database. */
  paused(): boolean;
  /** Ends the loop after the update in hand; confirms only handled updates. */
  stop(): Promise<void>;
}

/** `bot` handles the updates; `api` fetches them, and should not retry by itself (the loop does). */
export function startPolling(bot: Bot, api: Api, logger: Logger, onStart?: () => void): Poller {
  const abort = new AbortController();
  let stopping = false;
  let pausedNow = false;
  let offset: number | undefined;
  let confirmed: number | undefined;
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      abort.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });

  /** True when handled (or failed for good); false when stopping left it unhandled. */
  async function handle(update: Update): Promise<boolean> {
    let delay = PAUSE_FIRST_MS;
    let pausedAt: number | undefined;
    for (;;) {
      try {
        await bot.handleUpdate(update);
        if (pausedAt !== undefined) logger.info({ updateId: update.update_id, pausedMs: Math.round(performance.now() - pausedAt) }, "database reachable again: long polling resumes");
        return true;
      } catch (e) {
        const cause = e instanceof BotError ? e.error : e;
        if (!isAppError(cause, "unavailable")) {
          logger.error({ err: cause, updateId: update.update_id }, "telegram update failed");
          return true;
        }
        if (pausedAt === undefined) {
          pausedAt = performance.now();
          logger.warn({ err: cause, updateId: update.update_id }, "database unreachable: long polling pauses and retries this update");
        }
      }
      if (stopping) return false;
      pausedNow = true;
      await wait(delay);
      pausedNow = false;
      if (stopping) return false;
      delay = Math.min(PAUSE_MAX_MS, delay * 2);
    }
  }

  async function loop(): Promise<void> {
    let started = false;
    while (!stopping) {
      let updates: Update[];
      try {
        // grammY types the signal as its abort-controller polyfill's; Node's own is what it uses at run time.
        const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(FETCH_GIVE_UP_MS)]);
        updates = await api.getUpdates({ offset, timeout: POLL_TIMEOUT_S }, signal as unknown as Parameters<Api["getUpdates"]>[1]);
        confirmed = offset;
        if (!started) {
          started = true;
          onStart?.();
        }
      } catch (e) {
        if (stopping) break;
        if (e instanceof GrammyError && (e.error_code === 401 || e.error_code === 409)) throw e;
        const retryAfter = e instanceof GrammyError ? e.parameters.retry_after : undefined;
        logger.warn({ err: e }, "telegram getUpdates failed; polling again shortly");
        await wait(retryAfter !== undefined ? retryAfter * 1000 : FETCH_RETRY_MS);
        continue;
      }
      for (const u of updates) {
        if (!(await handle(u))) return;
        offset = u.update_id + 1;
      }
    }
  }

  const done = loop();
  return {
    done,
    paused: () => pausedNow,
    async stop() {
      stopping = true;
      abort.abort();
      await done.catch(() => undefined);
      // Handled updates beyond the last fetch's offset are confirmed now, so the next poller does not get
      // them again (it would be harmless: deliveries are deduplicated, but silent).
      if (offset !== undefined && offset !== confirmed) {
        await api.getUpdates({ offset, limit: 1, timeout: 0 }).catch((e) => logger.debug({ err: e }, "confirming handled updates failed"));
      }
    },
  };
}
