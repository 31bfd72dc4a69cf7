// A fake Telegram Bot API on loopback HTTP for services running in other processes (webhook mode): it
// answers every call the survey makes as Telegram would and records each sendMessage with the moment it
// arrived, so the benchmark's latency runs from the update it posted to the reply reaching "Telegram".
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { UserFromGetMe } from "grammy/types";

export interface Reply {
  chatId: string;
  messageId: number;
  text: string;
  /** The inline keyboard exactly as the bot sent it. */
  buttons: { text: string; callback_data: string }[][];
  /** performance.now() in this process when the request's body had arrived. */
  at: number;
}

type Keyboard = { inline_keyboard?: { text: string; callback_data?: string }[][] };

/** Methods the survey path and the service's start may call; anything else is a finding. */
const EXPECTED = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery", "setMyCommands", "setWebhook"]);

export interface HttpBotApi {
  apiRoot: string;
  /** Calls per method, to show that nothing unexpected was asked of Telegram. */
  calls: Map<string, number>;
  unexpected(): string[];
  /** Telegram numbers messages per chat, the citizen's and the bot's in one sequence. */
  nextMessageId(chatId: string): number;
  /** The replies sent to a chat since the last call, oldest first. */
  take(chatId: string): Reply[];
  stop(): Promise<void>;
}

export async function startHttpBotApi(bot: UserFromGetMe): Promise<HttpBotApi> {
  const calls = new Map<string, number>();
  const inbox = new Map<string, Reply[]>();
  const messageIds = new Map<string, number>();
  const nextMessageId = (chatId: string) => {
    const n = (messageIds.get(chatId) ?? 0) + 1;
    messageIds.set(chatId, n);
    return n;
  };

  function answer(method: string, p: Record<string, unknown>, at: number): unknown {
    switch (method) {
      case "sendMessage": {
        const chatId = String(p.chat_id);
        const markup = p.reply_markup as Keyboard | undefined;
        const msg: Reply = {
          chatId,
          messageId: nextMessageId(chatId),
          text: String(p.text),
          buttons: (markup?.inline_keyboard ?? []).map((row) => row.map((b) => ({ text: b.text, callback_data: b.callback_data ?? "" }))),
          at,
        };
        const list = inbox.get(chatId);
        if (list) list.push(msg);
        else inbox.set(chatId, [msg]);
        return {
          ok: true,
          result: {
            message_id: msg.messageId,
            date: Math.floor(Date.now() / 1000),
            chat: { id: Number(chatId), type: "private", first_name: `Citizen ${chatId}` },
            from: { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username },
            text: msg.text,
            ...(markup ? { reply_markup: markup } : {}),
          },
        };
      }
      case "editMessageText":
      case "editMessageReplyMarkup":
        // The survey writes the answer into the question it answers: one more call per answer, which the figures include.
        return {
          ok: true,
          result: { message_id: Number(p.message_id), date: Math.floor(Date.now() / 1000), chat: { id: Number(p.chat_id), type: "private" }, text: String(p.text ?? "") },
        };
      case "answerCallbackQuery":
      case "setMyCommands":
      case "setWebhook":
        return { ok: true, result: true };
      default:
        return { ok: false, error_code: 400, description: `Bad Request: the benchmark's fake Bot API does not serve ${method}` };
    }
  }

  const server = http.createServer((req, res) => {
    const method = (req.url ?? "").split("/").pop() ?? "";
    calls.set(method, (calls.get(method) ?? 0) + 1);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      let out: unknown;
      try {
        const body = Buffer.concat(chunks).toString("utf8");
        out = answer(method, body ? (JSON.parse(body) as Record<string, unknown>) : {}, at);
      } catch (e) {
        out = { ok: false, error_code: 400, description: `Bad Request: ${(e as Error).message}` };
      }
      const json = JSON.stringify(out);
      res.writeHead((out as { ok: boolean }).ok ? 200 : 400, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
      res.end(json);
    });
  });
  // Many instances keep many keep-alive sockets open to "Telegram"; none may be cut mid-run.
  server.keepAliveTimeout = 60_000;
  server.maxRequestsPerSocket = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    unexpected: () => [...calls.keys()].filter((m) => !EXPECTED.has(m)),
    nextMessageId,
    take(chatId) {
      const out = inbox.get(chatId) ?? [];
      inbox.delete(chatId);
      return out;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
