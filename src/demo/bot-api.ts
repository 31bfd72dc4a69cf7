// A Telegram Bot API emulated in process, installed as grammY's API transformer: the real bot calls
// getMe, deleteWebhook and getUpdates (long polling) and sends its replies exactly as it would to
// Telegram, but nothing leaves the process, so the demo needs neither a token nor a network. It answers
// the methods the service uses (sendPhoto included) and refuses any other with a 400, as Telegram would.
import type { Transformer } from "grammy";
import type { InlineKeyboardButton, Update, UserFromGetMe } from "grammy/types";

export interface ChatMessage {
  messageId: number;
  text: string;
  /** Callback buttons of the inline keyboard, row by row. */
  buttons: { text: string; data: string }[][];
  /** Bytes of a picture sent with sendPhoto. */
  photo?: number;
}

export interface BotApiEmulator {
  readonly transformer: Transformer;
  readonly botInfo: UserFromGetMe;
  /** Queues an update for the bot's next getUpdates; resolves once the bot has finished handling it. */
  deliver(update: Omit<Update, "update_id">, timeoutMs?: number): Promise<void>;
  /** Every message the bot sent to a chat, oldest first (edits applied in place). */
  messages(chatId: number): ChatMessage[];
  /** Calls per method, for the summary. */
  readonly calls: ReadonlyMap<string, number>;
}

type Signal = Pick<AbortSignal, "addEventListener" | "removeEventListener">;

type Reply = { ok: true; result: unknown } | { ok: false; error_code: number; description: string };

const DAY_SECONDS = 86_400;

function keyboard(markup: unknown): ChatMessage["buttons"] {
  const rows = (markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard ?? [];
  return rows.map((row) => row.map((b) => ({ text: b.text, data: "callback_data" in b ? (b.callback_data ?? "") : "" })));
}

export function createBotApiEmulator(botInfo: UserFromGetMe): BotApiEmulator {
  const queue: Update[] = [];
  const handled = new Map<number, () => void>();
  const chats = new Map<number, ChatMessage[]>();
  const calls = new Map<string, number>();
  let nextUpdateId = 1;
  let nextMessageId = 1;
  // The one pending long poll, woken when an update is queued.
  let wake: (() => void) | undefined;

  const chat = (id: unknown) => {
    const key = Number(id);
    let list = chats.get(key);
    if (!list) chats.set(key, (list = []));
    return list;
  };

  const store = (chatId: unknown, text: string, markup: unknown, photo?: number) => {
    const m: ChatMessage = { messageId: nextMessageId++, text, buttons: keyboard(markup), ...(photo !== undefined ? { photo } : {}) };
    chat(chatId).push(m);
    // Dates are not read by the service; a fixed value keeps the demo's runs identical.
    return { message_id: m.messageId, date: DAY_SECONDS, chat: { id: Number(chatId), type: "private" }, text };
  };

  // getUpdates with an offset confirms every update below it: grammY asks again only after it has
  // handled the whole previous batch, so that is the moment a citizen's tap has been fully answered.
  const confirm = (offset: number) => {
    for (const [id, done] of handled) {
      if (id < offset) {
        handled.delete(id);
        done();
      }
    }
    while (queue.length && (queue[0] as Update).update_id < offset) queue.shift();
  };

  // grammY types the signal with its abort-controller shim; only its two listener methods are used.
  const getUpdates = (p: { offset?: number; limit?: number; timeout?: number }, signal?: Signal): Promise<Update[]> => {
    confirm(p.offset ?? 0);
    const take = () => queue.slice(0, p.limit ?? 100);
    if (queue.length || !p.timeout) return Promise.resolve(take());
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", aborted);
        wake = undefined;
      };
      const aborted = () => {
        finish();
        reject(new Error("getUpdates cancelled"));
      };
      const timer = setTimeout(() => {
        finish();
        resolve(take());
      }, (p.timeout ?? 0) * 1000);
      timer.unref();
      signal?.addEventListener("abort", aborted, { once: true });
      wake = () => {
        finish();
        resolve(take());
      };
    });
  };

  const answer = async (method: string, p: Record<string, unknown>, signal?: Signal): Promise<Reply> => {
    switch (method) {
      case "getMe":
        return { ok: true, result: botInfo };
      case "deleteWebhook":
      case "setMyCommands":
      case "deleteMyCommands":
      case "answerCallbackQuery":
        return { ok: true, result: true };
      case "getUpdates":
        return { ok: true, result: await getUpdates(p as { offset?: number; limit?: number; timeout?: number }, signal) };
      case "sendMessage":
        return { ok: true, result: store(p.chat_id, String(p.text ?? ""), p.reply_markup) };
      case "sendPhoto": {
        const file = p.photo as { fileData?: unknown } | undefined;
        const bytes = Buffer.isBuffer(file?.fileData) || file?.fileData instanceof Uint8Array ? file.fileData.byteLength : 0;
        return { ok: true, result: store(p.chat_id, String(p.caption ?? ""), p.reply_markup, bytes) };
      }
      case "editMessageText": {
        const m = chat(p.chat_id).find((x) => x.messageId === Number(p.message_id));
        if (!m) return { ok: false, error_code: 400, description: "Bad Request: message to edit not found" };
        m.text = String(p.text ?? "");
        m.buttons = keyboard(p.reply_markup);
        return { ok: true, result: { message_id: m.messageId, date: DAY_SECONDS, chat: { id: Number(p.chat_id), type: "private" }, text: m.text } };
      }
      case "editMessageReplyMarkup": {
        // The complaint offer and the officials' cards lose their buttons once used.
        const m = chat(p.chat_id).find((x) => x.messageId === Number(p.message_id));
        if (!m) return { ok: false, error_code: 400, description: "Bad Request: message to edit not found" };
        m.buttons = keyboard(p.reply_markup);
        return { ok: true, result: true };
      }
      default:
        return { ok: false, error_code: 400, description: `Bad Request: method ${method} is not emulated` };
    }
  };

  const transformer: Transformer = async (_prev, method, payload, signal) => {
    calls.set(method, (calls.get(method) ?? 0) + 1);
    return (await answer(method, payload as Record<string, unknown>, signal)) as never;
  };

  return {
    transformer,
    botInfo,
    calls,
    deliver(update, timeoutMs = 20_000) {
      const full = { ...update, update_id: nextUpdateId++ } as Update;
      // A bot that stopped polling would leave the citizen waiting forever: fail loudly instead.
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          handled.delete(full.update_id);
          reject(new Error(`the bot did not take update ${full.update_id} within ${timeoutMs / 1000} s (is Telegram long polling running?)`));
        }, timeoutMs);
        handled.set(full.update_id, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      queue.push(full);
      wake?.();
      return done;
    },
    messages: (chatId) => chat(chatId),
  };
}
