// The real service and grammY bot, fed real-shaped Telegram updates in process, with the Bot API faked
// at its boundary by an API transformer that records every outgoing call.
import fs from "node:fs";
import path from "node:path";
import type { Transformer } from "grammy";
import type { Update } from "grammy/types";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { createPgDatabase, tempDir } from "./databases.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "./telegram-emulator.ts";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/telegram");

export function fixture(name: string): Update {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as Update;
}

export interface SentMessage {
  chat_id: string;
  text: string;
  buttons: { text: string; callback_data: string }[][];
  /** How it reached the chat: a new text message (default), a photo (text = caption), an edit of an
   * earlier message's text and buttons, or of its buttons only ("keyboard"). */
  kind?: "photo" | "edit" | "keyboard";
  /** The message's id: a new one for a sent message, the edited one's for an edit. */
  messageId: number;
}

export interface Harness {
  service: Service;
  sent: SentMessage[];
  calls: { method: string; payload: Record<string, unknown> }[];
  clock: { now: Date };
  /** Chats that have blocked the bot: sending to them fails with Telegram's 403. */
  blocked: Set<string>;
  /** Feeds an update and returns the messages the bot sent for it. */
  feed(update: Update): Promise<SentMessage[]>;
  /** Builders of real-shaped updates for one citizen. */
  user(id: number, languageCode?: string): TelegramUser;
  stop(): Promise<void>;
}

export interface TelegramUser {
  command(text: string): Promise<SentMessage[]>;
  text(text: string): Promise<SentMessage[]>;
  /** Presses a button with this data on the message with this id (default 1: some message long gone). */
  press(data: string, messageId?: number): Promise<SentMessage[]>;
  /** Presses the button of the last message sent to this user whose label starts with `label`. */
  tap(label: string): Promise<SentMessage[]>;
  /** The last message with something to read or tap: edits that only take buttons off are passed over. */
  last(): SentMessage | undefined;
  /** Every message of this chat as it reads now, after the edits, by id. */
  screen(): Map<number, { text: string; buttons: SentMessage["buttons"] }>;
  /** The update last fed for this user, to redeliver it. */
  lastUpdate(): Update;
}

export async function startHarness(opts: { kind?: "embedded" | "postgresql"; env?: Record<string, string> } = {}): Promise<Harness> {
  const dataDir = tempDir();
  let drop: (() => Promise<void>) | undefined;
  const env: Record<string, string> = {
    HAILONG_DATA_DIR: dataDir,
    HAILONG_API_KEYS: "test-key-0123456789abcdef",
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    TELEGRAM_API_ROOT: "http://127.0.0.1:9",
    LOG_LEVEL: "silent",
    ...opts.env,
  };
  if (opts.kind === "postgresql") {
    const pg = await createPgDatabase();
    env.DATABASE_URL = pg.url;
    drop = pg.drop;
  }
  const clock = { now: new Date("2026-11-27T03:00:00Z") };
  const sent: SentMessage[] = [];
  const calls: Harness["calls"] = [];
  let messageId = 1000;
  const blocked = new Set<string>();
  const transformer: Transformer = async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    calls.push({ method, payload: p });
    if (blocked.has(String(p.chat_id))) return { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } as never;
    if (method === "sendMessage") {
      const markup = p.reply_markup as { inline_keyboard?: SentMessage["buttons"] } | undefined;
      sent.push({ chat_id: String(p.chat_id), text: String(p.text), buttons: markup?.inline_keyboard ?? [], messageId: ++messageId });
      return { ok: true, result: { message_id: messageId, date: 0, chat: { id: Number(p.chat_id), type: "private" }, text: p.text } } as never;
    }
    if (method === "editMessageReplyMarkup") {
      const markup = p.reply_markup as { inline_keyboard?: SentMessage["buttons"] } | undefined;
      sent.push({ chat_id: String(p.chat_id), text: "", buttons: markup?.inline_keyboard ?? [], kind: "keyboard", messageId: Number(p.message_id) });
      return { ok: true, result: true } as never;
    }
    if (method === "sendPhoto" || method === "editMessageText") {
      const markup = p.reply_markup as { inline_keyboard?: SentMessage["buttons"] } | undefined;
      const text = String(method === "sendPhoto" ? (p.caption ?? "") : p.text);
      const edit = method === "editMessageText";
      const id = edit ? Number(p.message_id) : ++messageId;
      sent.push({ chat_id: String(p.chat_id), text, buttons: markup?.inline_keyboard ?? [], kind: edit ? "edit" : "photo", messageId: id });
      if (edit) return { ok: true, result: true } as never;
      return { ok: true, result: { message_id: id, date: 0, chat: { id: Number(p.chat_id), type: "private" }, photo: [] } } as never;
    }
    return { ok: true, result: true } as never;
  };
  const service = await startService({
    env,
    logger: silentLogger(),
    now: () => clock.now,
    telegramBotInfo: EMULATOR_BOT_INFO,
    telegramTransformer: transformer,
    listen: false,
    telegramPolling: false,
  });

  let updateId = 1;
  const feed = async (update: Update) => {
    const before = sent.length;
    await service.telegram!.bot.handleUpdate(update);
    return sent.slice(before);
  };

  const user = (id: number, languageCode = "vi"): TelegramUser => {
    const from = { id, is_bot: false, first_name: `Citizen${id}`, language_code: languageCode };
    const chat = { id, first_name: `Citizen${id}`, type: "private" as const };
    let last: Update = { update_id: 0 };
    const mine = () => sent.filter((m) => m.chat_id === String(id));
    const go = (u: Update) => {
      last = u;
      return feed(u);
    };
    const api: TelegramUser = {
      command: (text) => {
        const len = text.split(" ")[0]!.length;
        return go({ update_id: ++updateId, message: { message_id: updateId, from, chat, date: 1795770000, text, entities: [{ type: "bot_command", offset: 0, length: len }] } } as Update);
      },
      text: (text) => go({ update_id: ++updateId, message: { message_id: updateId, from, chat, date: 1795770000, text } } as Update),
      press: (data, messageId = 1) =>
        go({
          update_id: ++updateId,
          callback_query: { id: String(updateId), from, chat_instance: "1", data, message: { message_id: messageId, date: 0, chat, text: "" } },
        } as Update),
      tap: (label) => {
        const msg = api.last();
        const b = msg?.buttons.flat().find((x) => x.text.startsWith(label));
        if (!msg || !b) throw new Error(`no button "${label}" in ${JSON.stringify(msg?.buttons)}`);
        return api.press(b.callback_data, msg.messageId);
      },
      last: () => mine().findLast((m) => !((m.kind === "edit" || m.kind === "keyboard") && m.buttons.length === 0)),
      screen: () => {
        const out = new Map<number, { text: string; buttons: SentMessage["buttons"] }>();
        for (const m of mine()) {
          if (m.kind === "keyboard") out.set(m.messageId, { text: out.get(m.messageId)?.text ?? "", buttons: m.buttons });
          else out.set(m.messageId, { text: m.text, buttons: m.buttons });
        }
        return out;
      },
      lastUpdate: () => last,
    };
    return api;
  };

  return {
    service,
    sent,
    calls,
    clock,
    blocked,
    feed,
    user,
    async stop() {
      await service.stop();
      await drop?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
