// grammY lives here: a bot that translates updates, asks the core, and sends its replies.
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, BotError, GrammyError, InputFile, webhookCallback, type Context, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Translate } from "../../i18n.ts";
import type { Locale } from "../../i18n.ts";
import { isAppError } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import type { UpdateObserver } from "../../metrics/types.ts";
import type { SurveyHandler } from "../../survey/survey-service.types.ts";
import type { Channel, OutboundMessage, SendResult } from "../../messages.ts";
import { toSendFailure } from "./errors.ts";
import { startPolling, type Poller } from "./polling.ts";
import { fitsCaption, toSendMessage } from "./render.ts";
import { toInbound } from "./to-inbound.ts";

export interface TelegramOptions {
  token: string;
  apiRoot: string;
  username?: string;
  /** Skips getMe (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  retry?: { maxRetryAttempts: number; maxDelaySeconds: number };
  /** Installed before anything is sent: a fake Bot API for tests and benchmarks. */
  transformer?: Transformer;
}

export interface TelegramBot {
  readonly bot: Bot;
  readonly channel: Channel;
  /** Resolves the bot's username (getMe) unless given. */
  init(): Promise<{ username: string; id: number }>;
  username(): string | undefined;
  startPolling(): void;
  /**
   * grammY's webhook handler for Hono, checking X-Telegram-Bot-Api-Secret-Token. It rejects with the
   * AppError "unavailable" when the update could not be handled for now (the caller answers a non-2xx).
   */
  webhookHandler(secretToken: string): (c: unknown) => Promise<Response>;
  stop(): Promise<void>;
}

const CITIZEN_COMMANDS = ["start", "about", "language", "help", "privacy", "cancel", "delete"] as const;

/** The bot's command menu for citizens, in one language. */
export function citizenCommands(t: Translate, locale: Locale): { command: string; description: string }[] {
  return CITIZEN_COMMANDS.map((c) => ({ command: c, description: t(locale, `telegram.menu.${c}`) }));
}

export function createTelegramBot(
  opts: TelegramOptions,
  deps: { handler: SurveyHandler; t: Translate; logger: Logger; metrics?: UpdateObserver },
): TelegramBot {
  const { logger, t } = deps;
  const bot = new Bot(opts.token, { client: { apiRoot: opts.apiRoot }, botInfo: opts.botInfo });
  if (opts.transformer) bot.api.config.use(opts.transformer);
  bot.api.config.use(autoRetry(opts.retry ?? { maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  const botId = Number(opts.token.split(":")[0]);
  let poller: Poller | undefined;

  const channel: Channel = {
    name: "telegram",
    async send(m: OutboundMessage): Promise<SendResult> {
      const p = toSendMessage(m);
      const extra = { ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}), ...(p.parse_mode ? { parse_mode: p.parse_mode } : {}) };
      try {
        if (m.editOf) {
          // An edit states its keyboard, even an empty one: Telegram drops an omitted keyboard, but saying
          // so keeps the intent visible (and the Bot API emulator keeps an omitted one).
          const reply_markup = p.reply_markup ?? { inline_keyboard: [] };
          try {
            if (m.keyboardOnly) await bot.api.editMessageReplyMarkup(p.chat_id, Number(m.editOf), { reply_markup });
            else await bot.api.editMessageText(p.chat_id, Number(m.editOf), p.text, { ...extra, reply_markup });
          } catch (e) {
            // Editing to the same text is Telegram's 400 "message is not modified": the message already says it.
            if (!(e instanceof GrammyError && /not modified/i.test(e.description))) throw e;
          }
          return { ok: true, messageId: m.editOf };
        }
        if (m.photo) {
          const file = new InputFile(m.photo.png, m.photo.filename);
          if (fitsCaption(m)) {
            const sent = await bot.api.sendPhoto(p.chat_id, file, { caption: p.text, ...extra });
            return { ok: true, messageId: sent?.message_id !== undefined ? String(sent.message_id) : undefined };
          }
          await bot.api.sendPhoto(p.chat_id, file);
        }
        const sent = await bot.api.sendMessage(p.chat_id, p.text, extra);
        const messageId = sent?.message_id !== undefined ? String(sent.message_id) : undefined;
        if (messageId !== undefined) m.onSent?.(messageId);
        return { ok: true, messageId };
      } catch (e) {
        return toSendFailure(e);
      }
    },
  };

  bot.use(handleUpdate);

  async function handleUpdate(ctx: Context): Promise<void> {
    const started = performance.now();
    let outcome: "ok" | "error" = "ok";
    // Made only when a line is written: most updates log nothing, and this is the answers' hot path.
    const log = () => logger.child({ updateId: ctx.update.update_id });
    if (logger.isLevelEnabled("debug")) log().debug({ kind: ctx.callbackQuery ? "button" : ctx.message ? "message" : "other" }, "telegram update");
    const event = toInbound(ctx.update, botId);
    const isCallback = ctx.callbackQuery !== undefined;
    let unavailable = false;
    try {
      if (!event) return;
      let replies: OutboundMessage[];
      try {
        replies = await deps.handler.handle(event);
      } catch (e) {
        outcome = "error";
        // An outage, not a bug: the update is handed back (webhook: non-2xx, so Telegram redelivers it;
        // polling: the loop pauses on it), and the citizen's retried tap is answered once it is stored.
        if (isAppError(e, "unavailable")) {
          unavailable = true;
          throw e;
        }
        log().error({ err: e }, "survey handler failed");
        // Telegram redelivers nothing once we return: the citizen is told, and their stored answers stand.
        replies = [{ chatId: event.chatId, text: t("vi", "telegram.error") + "\n\n" + t("en", "telegram.error"), locale: "vi" }];
      }
      for (const r of replies) {
        const res = await channel.send(r);
        if (!res.ok) log().warn({ failure: res.failure, detail: res.detail }, "telegram reply not delivered");
      }
    } finally {
      // Stop the button's spinner, whatever happened above; an update handed back is answered when retried.
      if (isCallback && !unavailable) await ctx.answerCallbackQuery().catch((e) => log().debug({ err: e }, "answerCallbackQuery failed"));
      if (event) deps.metrics?.update("telegram", (performance.now() - started) / 1000, outcome);
    }
  }

  return {
    bot,
    channel,
    async init() {
      if (!bot.isInited()) await bot.init();
      const username = opts.username ?? bot.botInfo.username;
      // The command menu is a nicety: set it in the background so an emulator or a flaky network never delays start.
      void (async () => {
        for (const locale of ["vi", "en"] as const) {
          await bot.api
            .setMyCommands(
              citizenCommands(t, locale),
              locale === "en" ? { language_code: "en" } : {},
            )
            .catch((e) => logger.debug({ err: e }, "setMyCommands failed"));
        }
      })();
      return { username, id: bot.botInfo.id };
    },
    username() {
      return opts.username ?? (bot.isInited() ? bot.botInfo.username : undefined);
    },
    startPolling() {
      if (poller) return;
      const p = startPolling(bot, logger, () => logger.info({ username: bot.botInfo.username }, "telegram long polling started"));
      poller = p;
      p.done.catch((e) => {
        if (poller === p) poller = undefined;
        logger.error({ err: e }, "telegram polling stopped with an error");
      });
    },
    webhookHandler(secretToken: string) {
      const callback = webhookCallback(bot, "hono", { secretToken }) as unknown as (c: unknown) => Promise<Response>;
      return async (c) => {
        try {
          return await callback(c);
        } catch (e) {
          throw e instanceof BotError ? e.error : e;
        }
      };
    },
    async stop() {
      const p = poller;
      poller = undefined;
      await p?.stop();
    },
  };
}
