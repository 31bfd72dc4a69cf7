// grammY lives here: a bot that translates updates, asks the core, and sends its replies.
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, Bot, BotError, GrammyError, InputFile, type Context, type Transformer } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Translate } from "../../i18n.ts";
import type { Locale } from "../../i18n.ts";
import { isAppError } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import type { UpdateObserver } from "../../metrics/types.ts";
import type { SurveyHandler } from "../../survey/survey-service.types.ts";
import type { Channel, OutboundMessage, SendResult } from "../../messages.ts";
import { botApiFetch } from "./bot-api-fetch.ts";
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

/** What a webhook call is answered with: one Bot API method as JSON, or an empty 200. */
export interface WebhookAnswer {
  json: string | null;
}

export interface TelegramBot {
  readonly bot: Bot;
  readonly channel: Channel;
  /**
   * One try within `ms`, without auto-retry's waits: a 429 comes back at once with its retry_after, a
   * hanging call as "unreachable". For kept replies, whose queue decides when to try again.
   */
  sendOnce(m: OutboundMessage, ms: number): Promise<SendResult>;
  /** Resolves the bot's username (getMe) unless given. */
  init(): Promise<{ username: string; id: number }>;
  username(): string | undefined;
  startPolling(): void;
  /**
   * Handles one update that came in a webhook call (its secret already checked, its body already parsed).
   * Resolves with the Bot API call to answer that call with, if any: a button's answerCallbackQuery travels in
   * the webhook response, which saves one request to Telegram per tap. Rejects with the AppError
   * "unavailable" when the update could not be handled for now, or with a timeout past WEBHOOK_TIMEOUT_MS
   * (the caller answers a non-2xx, so Telegram redelivers).
   */
  handleWebhookUpdate(update: Record<string, unknown>): Promise<WebhookAnswer>;
  stop(): Promise<void>;
}

/** Where replies go that the Bot API would not take for now (5xx, timeout, 429): a durable queue. */
export interface UndeliveredReplies {
  /**
   * Keeps the replies of update `updateId` not yet sent, in order, behind any kept earlier for their chat;
   * `retryAfterSeconds` is Telegram's wait when it answered 429.
   */
  keep(updateId: number, replies: OutboundMessage[], retryAfterSeconds?: number): Promise<void>;
  /** True when replies kept earlier for this chat still wait: a new one goes behind them, never before. */
  waiting(chatId: string): Promise<boolean>;
  /** A reply went through again after some were kept. */
  recovered(): void;
}

/**
 * How long an update's replies may take (each call, no retries in the call) before the rest are kept for
 * later, and how long the button's spinner is given: together under grammY's 10 s webhook timeout.
 */
const REPLY_BUDGET_MS = 6_000;
const ANSWER_CALLBACK_MS = 2_000;
/** grammY's own webhook timeout, under Telegram's; past it the call is answered 503 and redelivered. */
const WEBHOOK_TIMEOUT_MS = 10_000;

const CITIZEN_COMMANDS = ["start", "about", "language", "help", "privacy", "cancel", "delete"] as const;

/** The bot's command menu for citizens, in one language. */
export function citizenCommands(t: Translate, locale: Locale): { command: string; description: string }[] {
  return CITIZEN_COMMANDS.map((c) => ({ command: c, description: t(locale, `telegram.menu.${c}`) }));
}

export function createTelegramBot(
  opts: TelegramOptions,
  deps: { handler: SurveyHandler; t: Translate; logger: Logger; metrics?: UpdateObserver; undelivered?: UndeliveredReplies },
): TelegramBot {
  const { logger, t } = deps;
  // A call that hangs gives up after a minute (grammY waits 500 s), above getUpdates' 30 s long poll.
  const client = { apiRoot: opts.apiRoot, timeoutSeconds: 60, fetch: botApiFetch as unknown as typeof fetch };
  // Only the button's answer may ride in the webhook response: Telegram reports nothing back for it, which
  // is fine for a spinner and not for a message whose id or failure we need.
  const bot = new Bot(opts.token, { client: { ...client, canUseWebhookReply: (method) => method === "answerCallbackQuery" }, botInfo: opts.botInfo });
  if (opts.transformer) bot.api.config.use(opts.transformer);
  // Network errors are not retried in the call (auto-retry would retry them without end, each call holding its
  // update): the caller decides.
  bot.api.config.use(autoRetry({ ...(opts.retry ?? { maxRetryAttempts: 3, maxDelaySeconds: 30 }), rethrowHttpErrors: true }));
  // Replies to updates (and kept replies) go through an Api without auto-retry: an update must not wait out a
  // 429's retry_after or 5xx backoffs while its webhook call is open (or the poll loop is held); what fails is
  // kept in the outbox (deps.undelivered) and sent when Telegram answers again, honouring its retry_after.
  const once = new Api(opts.token, client);
  if (opts.transformer) once.config.use(opts.transformer);
  const botId = Number(opts.token.split(":")[0]);
  let poller: Poller | undefined;
  /** Set once a reply was kept for later: the next one that goes through sends the kept ones too. */
  let keptSome = false;
  /** Updates that came in a webhook call, whose response can carry the button's answer. */
  const viaWebhook = new WeakSet<Update>();

  /** `api` with `abort` bounding the call (grammY types the signal as its polyfill's AbortSignal). */
  async function send(m: OutboundMessage, api: Api = bot.api, abort?: AbortSignal): Promise<SendResult> {
    const signal = abort as unknown as Parameters<Api["sendMessage"]>[3];
    const p = toSendMessage(m);
    const extra = { ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}), ...(p.parse_mode ? { parse_mode: p.parse_mode } : {}) };
    try {
      if (m.editOf) {
        // An edit states its keyboard, even an empty one: Telegram drops an omitted keyboard, but saying
        // so keeps the intent visible (and the Bot API emulator keeps an omitted one).
        const reply_markup = p.reply_markup ?? { inline_keyboard: [] };
        try {
          if (m.keyboardOnly) await api.editMessageReplyMarkup(p.chat_id, Number(m.editOf), { reply_markup }, signal);
          else await api.editMessageText(p.chat_id, Number(m.editOf), p.text, { ...extra, reply_markup }, signal);
        } catch (e) {
          // Editing to the same text is Telegram's 400 "message is not modified": the message already says it.
          if (!(e instanceof GrammyError && /not modified/i.test(e.description))) throw e;
        }
        return { ok: true, messageId: m.editOf };
      }
      if (m.photo) {
        const file = new InputFile(m.photo.png, m.photo.filename);
        if (fitsCaption(m)) {
          const sent = await api.sendPhoto(p.chat_id, file, { caption: p.text, ...extra }, signal);
          return { ok: true, messageId: sent?.message_id !== undefined ? String(sent.message_id) : undefined };
        }
        await api.sendPhoto(p.chat_id, file, {}, signal);
      }
      const sent = await api.sendMessage(p.chat_id, p.text, extra, signal);
      const messageId = sent?.message_id !== undefined ? String(sent.message_id) : undefined;
      if (messageId !== undefined) m.onSent?.(messageId);
      return { ok: true, messageId };
    } catch (e) {
      // Out of time (a hanging Bot API): worth a later try.
      if (abort?.aborted) return { ok: false, failure: "unreachable", retryable: true, detail: "timed out" };
      return toSendFailure(e);
    }
  }

  const channel: Channel = { name: "telegram", send: (m) => send(m) };

  /**
   * Sends an update's replies in order within REPLY_BUDGET_MS; from the first the Bot API would not take for
   * now, the rest are kept, not dropped. Replies to a chat whose earlier replies are still kept are kept too,
   * behind them, so the citizen gets their questions in order and each once.
   */
  async function reply(replies: OutboundMessage[], updateId: number, log: () => Logger): Promise<void> {
    const q = deps.undelivered;
    const abort = AbortSignal.timeout(REPLY_BUDGET_MS);
    for (const [i, r] of replies.entries()) {
      const behind = q !== undefined && (i === 0 || r.chatId !== replies[i - 1]!.chatId) && (await q.waiting(r.chatId).catch(() => false));
      const res: SendResult = behind ? { ok: false, failure: "unreachable", retryable: true, detail: "earlier replies to this chat wait" } : await send(r, once, abort);
      if (res.ok) {
        if (keptSome) {
          keptSome = false;
          q?.recovered();
        }
        continue;
      }
      if (res.retryable && q) {
        if (!behind) keptSome = true;
        log().warn({ failure: res.failure, detail: res.detail, kept: replies.length - i }, "telegram reply not delivered now; kept to send later");
        await q.keep(updateId, replies.slice(i), res.retryAfterSeconds).catch((e) => log().error({ err: e }, "telegram replies could not be kept; they are lost"));
        return;
      }
      log().warn({ failure: res.failure, detail: res.detail }, "telegram reply not delivered");
    }
  }

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
      await reply(replies, ctx.update.update_id, log);
    } finally {
      // Stop the button's spinner, whatever happened above; an update handed back is answered when retried.
      // Cosmetic, so one short try: a failing Bot API must not hold the update (or its webhook call) for it.
      if (isCallback && !unavailable) {
        if (viaWebhook.has(ctx.update)) {
          // In the webhook response (ctx.api holds it): no request of its own, and nothing to wait for.
          await ctx.api.answerCallbackQuery(ctx.callbackQuery.id).catch((e) => log().debug({ err: e }, "answerCallbackQuery failed"));
        } else {
          const signal = AbortSignal.timeout(ANSWER_CALLBACK_MS) as unknown as Parameters<Api["answerCallbackQuery"]>[2];
          await once.answerCallbackQuery(ctx.callbackQuery.id, undefined, signal).catch((e) => log().debug({ err: e }, "answerCallbackQuery failed"));
        }
      }
      if (event) deps.metrics?.update("telegram", (performance.now() - started) / 1000, outcome);
    }
  }

  return {
    bot,
    channel,
    sendOnce: (m, ms) => send(m, once, AbortSignal.timeout(ms)),
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
      // getUpdates through `once`: auto-retry's 5xx backoff doubles inside one call (3, 6, 12 s…), so after a
      // long outage polling came back up to ~20 s late; the loop's own short, steady retry answers sooner.
      const p = startPolling(bot, once, logger, () => logger.info({ username: bot.botInfo.username }, "telegram long polling started"));
      poller = p;
      p.done.catch((e) => {
        if (poller === p) poller = undefined;
        logger.error({ err: e }, "telegram polling stopped with an error");
      });
    },
    async handleWebhookUpdate(body) {
      // Checked at the HTTP edge (http/telegram-update.ts) for every field the bot reads.
      const update = body as unknown as Update;
      if (!bot.isInited()) await bot.init();
      let json: string | null = null;
      viaWebhook.add(update);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`update ${update.update_id} not handled within ${WEBHOOK_TIMEOUT_MS} ms`)), WEBHOOK_TIMEOUT_MS);
      });
      try {
        await Promise.race([bot.handleUpdate(update, { send: async (body: string) => void (json = body) }), timeout]);
      } catch (e) {
        throw e instanceof BotError ? e.error : e;
      } finally {
        clearTimeout(timer);
      }
      return { json };
    },
    async stop() {
      const p = poller;
      poller = undefined;
      await p?.stop();
    },
  };
}
