// A fake Telegram Bot API at grammY's boundary: an API transformer that answers the bot's calls in
// process, as Telegram would, and records every reply with the moment it left the bot. The benchmark
// measures the service, not a network, so nothing here does I/O or waits.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";

export interface SentMessage {
  chatId: string;
  messageId: number;
  text: string;
  /** The inline keyboard exactly as the bot sent it. */
  buttons: { text: string; callback_data: string }[][];
  /** performance.now() when sendMessage reached the fake API. */
  at: number;
}

type Keyboard = { inline_keyboard?: { text: string; callback_data?: string }[][] };

export class FakeBotApi {
  /** Calls per method, to show that nothing unexpected was asked of Telegram. */
  readonly calls = new Map<string, number>();
  private readonly inbox = new Map<string, SentMessage[]>();
  // Telegram numbers messages per chat, the citizen's and the bot's in one sequence.
  private readonly messageIds = new Map<string, number>();

  constructor(private readonly bot: UserFromGetMe) {}

  nextMessageId(chatId: string): number {
    const n = (this.messageIds.get(chatId) ?? 0) + 1;
    this.messageIds.set(chatId, n);
    return n;
  }

  /** The replies sent to a chat since the last call, oldest first. */
  take(chatId: string): SentMessage[] {
    const out = this.inbox.get(chatId) ?? [];
    this.inbox.delete(chatId);
    return out;
  }

  readonly transformer: Transformer = async (_prev, method, payload) => {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    const p = payload as Record<string, unknown>;
    switch (method) {
      case "sendMessage": {
        const at = performance.now();
        const chatId = String(p.chat_id);
        const markup = p.reply_markup as Keyboard | undefined;
        const msg: SentMessage = {
          chatId,
          messageId: this.nextMessageId(chatId),
          text: String(p.text),
          buttons: (markup?.inline_keyboard ?? []).map((row) => row.map((b) => ({ text: b.text, callback_data: b.callback_data ?? "" }))),
          at,
        };
        const list = this.inbox.get(chatId);
        if (list) list.push(msg);
        else this.inbox.set(chatId, [msg]);
        const result = {
          message_id: msg.messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chatId), type: "private", first_name: `Citizen ${chatId}` },
          from: { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username },
          text: msg.text,
          ...(markup ? { reply_markup: markup } : {}),
        };
        return { ok: true, result } as never;
      }
      case "editMessageText":
      case "editMessageReplyMarkup":
        // The survey edits an answered question in place ("✓ 4 · Hài lòng"): one more call per answer,
        // which the figures must include. Telegram answers an edit of a bot message with the message.
        return {
          ok: true,
          result: { message_id: Number(p.message_id), date: Math.floor(Date.now() / 1000), chat: { id: Number(p.chat_id), type: "private" }, text: String(p.text ?? "") },
        } as never;
      case "answerCallbackQuery":
      case "setMyCommands":
        return { ok: true, result: true } as never;
      default:
        // A method the survey path should never call: fail loudly rather than pretend.
        return { ok: false, error_code: 400, description: `Bad Request: the benchmark's fake Bot API does not serve ${method}` } as never;
    }
  };
}

/**
 * The same answers over HTTP on loopback, for the calls the service makes while it starts (setMyCommands),
 * before the benchmark can install its transformer on the bot it created. Counts what it served.
 */
export async function startLoopbackBotApi(): Promise<{ apiRoot: string; calls: Map<string, number>; stop(): Promise<void> }> {
  const calls = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const method = (req.url ?? "").split("/").pop() ?? "";
    calls.set(method, (calls.get(method) ?? 0) + 1);
    req.resume();
    req.on("end", () => {
      const ok = method === "setMyCommands";
      res.writeHead(ok ? 200 : 400, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { ok: true, result: true } : { ok: false, error_code: 400, description: `Bad Request: not served: ${method}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
