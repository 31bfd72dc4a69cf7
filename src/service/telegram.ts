// Telegram at start: create the bot, check the token, then poll or register the webhook. A Bot API that is
// slow or unreachable must not hold back the HTTP API: start waits 10 s at most, then retries in the background.
import type { BotApiTransformer, BotInfo } from "../channels/telegram/api-types.ts";
import { createTelegramBot, type TelegramBot, type UndeliveredReplies } from "../channels/telegram/bot.ts";
import { tokenRefusal } from "../channels/telegram/errors.ts";
import type { Config } from "../config.ts";
import { AppError } from "../errors.ts";
import { isDatabaseUnreachable } from "../store/errors.ts";
import type { Translate } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import type { UpdateObserver } from "../metrics/types.ts";
import type { SurveyHandler } from "../survey/survey-service.types.ts";

export interface TelegramStatus {
  ok: boolean;
  detail?: string;
}

export interface TelegramStartOptions {
  config: Config;
  telegramConfig: NonNullable<Config["telegram"]>;
  handler: SurveyHandler;
  t: Translate;
  logger: Logger;
  botInfo?: BotInfo;
  transformer?: BotApiTransformer;
  polling: boolean;
  metrics?: UpdateObserver;
  /** Keeps replies the Bot API would not take for now (see service/reply-queue.ts). */
  undelivered?: UndeliveredReplies;
  /** Registers what must run at stop (timers). */
  onCleanup: (fn: () => Promise<void> | void) => void;
  /** Registers what stops taking updates in (polling): run first at stop, together with the HTTP server's close. */
  onStopIntake: (fn: () => Promise<void> | void) => void;
}

const FIRST_CONNECT_WAIT_MS = 10_000;
const RECONNECT_MS = 30_000;

export interface StartedTelegram {
  telegram: TelegramBot;
  status: () => TelegramStatus;
  /** True once polling began or the webhook was registered (readiness); stays true through later outages. */
  started: () => boolean;
}

/**
 * The bot tells a bug (the citizen is told something went wrong) from an outage that the same update
 * survives later (webhook: a non-2xx so Telegram redelivers; polling: the loop pauses): the database's
 * driver errors are translated here, where the store and the channel meet.
 */
export function withUnavailableErrors(handler: SurveyHandler): SurveyHandler {
  return {
    async handle(event) {
      try {
        return await handler.handle(event);
      } catch (e) {
        if (isDatabaseUnreachable(e)) throw new AppError("unavailable", `database unreachable: ${(e as Error).message}`, e);
        throw e;
      }
    },
  };
}

export async function startTelegram(o: TelegramStartOptions): Promise<StartedTelegram> {
  const { logger, telegramConfig: tc } = o;
  const telegram = createTelegramBot(
    { token: tc.token, apiRoot: tc.apiRoot, username: tc.username, botInfo: o.botInfo, transformer: o.transformer },
    { handler: withUnavailableErrors(o.handler), t: o.t, logger, metrics: o.metrics, undelivered: o.undelivered },
  );
  let status: TelegramStatus = { ok: true, detail: "connecting" };
  let started = false;

  const connect = async (): Promise<void> => {
    try {
      const me = await telegram.init();
      status = { ok: true, detail: `${tc.mode} as @${me.username}` };
      if (tc.mode === "webhook") {
        await telegram.bot.api.setWebhook(`${o.config.publicBaseUrl}/webhooks/telegram`, { secret_token: tc.webhookSecret });
        logger.info({ url: `${o.config.publicBaseUrl}/webhooks/telegram` }, "telegram webhook registered");
      } else if (o.polling) {
        telegram.startPolling();
      }
      started = true;
    } catch (e) {
      const refused = tokenRefusal(e);
      if (refused !== null) throw new AppError("config_invalid", `Invalid configuration: TELEGRAM_BOT_TOKEN was refused by Telegram (${refused}).`);
      status = { ok: false, detail: `cannot reach the Bot API: ${(e as Error).message}` };
      logger.error({ err: e }, "telegram: cannot reach the Bot API; retrying in 30 s (HTTP API keeps serving)");
      const timer = setTimeout(() => void connect().catch((err) => logger.error({ err }, "telegram start failed")), RECONNECT_MS);
      timer.unref();
      o.onCleanup(() => clearTimeout(timer));
    }
  };

  let waited: NodeJS.Timeout | undefined;
  const connecting = connect();
  const slow = new Promise<"slow">((resolve) => (waited = setTimeout(() => resolve("slow"), FIRST_CONNECT_WAIT_MS)));
  const first = await Promise.race([connecting, slow]);
  clearTimeout(waited);
  if (first === "slow") {
    logger.warn("telegram is still connecting; the HTTP API starts now");
    connecting.catch((e) => logger.fatal({ err: e }, "telegram could not start; fix the configuration and restart"));
  }
  o.onStopIntake(() => telegram.stop());
  return { telegram, status: () => status, started: () => started };
}
