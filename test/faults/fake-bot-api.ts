// A Bot API over loopback HTTP (TELEGRAM_API_ROOT), so in-process services and child processes alike talk to
// it: it records what each chat was sent, serves getUpdates from a queue (long polling, with the offset
// confirming updates as Telegram does), and can fail on demand as Telegram does (5xx, 429 with
// retry_after, or a request that hangs until the client gives up).
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";

export interface Sent {
  method: string;
  chatId: string;
  messageId: number;
  text: string;
  buttons: { text: string; callback_data: string }[][];
}

export type BotApiFault = { kind: "5xx" } | { kind: "429"; retryAfter: number } | { kind: "hang" };

export interface FakeBotApi {
  /** TELEGRAM_API_ROOT for the service. */
  apiRoot: string;
  /** Messages and edits that got through, in order. */
  sent: Sent[];
  /** Calls refused or left hanging while a fault was on. */
  failed: number;
  fault: BotApiFault | undefined;
  /** Queues an update for getUpdates. */
  push(update: Update): void;
  /** Updates queued and not yet confirmed by a getUpdates offset past them. */
  unconfirmed(): Update[];
  /** What a chat received (new messages and edits). */
  to(chatId: number | string): Sent[];
  close(): Promise<void>;
}

const SEND_METHODS = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup", "sendPhoto"]);
const LONG_POLL_CAP_MS = 500;

export async function startFakeBotApi(): Promise<FakeBotApi> {
  const queue: Update[] = [];
  const waiting = new Set<() => void>();
  const hanging = new Set<http.ServerResponse>();
  let messageId = 1000;
  let fault: BotApiFault | undefined;
  const api = {
    apiRoot: "",
    sent: [] as Sent[],
    failed: 0,
    get fault() {
      return fault;
    },
    set fault(f: BotApiFault | undefined) {
      fault = f;
      // A hang ends as a dropped connection, as a stalled proxy's would.
      if (!f) for (const r of hanging) r.destroy();
    },
    push(update: Update) {
      queue.push(update);
      for (const w of waiting) w();
    },
    unconfirmed: () => [...queue],
    to: (chatId: number | string) => api.sent.filter((s) => s.chatId === String(chatId)),
    async close() {
      for (const r of hanging) r.destroy();
      for (const w of waiting) w();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  async function getUpdates(p: { offset?: number; timeout?: number }): Promise<Update[]> {
    if (p.offset !== undefined) {
      while (queue.length > 0 && queue[0]!.update_id < p.offset) queue.shift();
    }
    if (queue.length === 0 && (p.timeout ?? 0) > 0) {
      // Shorter than Telegram's wait, so a stopped poller is not held up.
      await new Promise<void>((resolve) => {
        const done = () => (waiting.delete(done), clearTimeout(timer), resolve());
        const timer = setTimeout(done, Math.min(LONG_POLL_CAP_MS, (p.timeout ?? 0) * 1000));
        waiting.add(done);
      });
    }
    return queue.slice(0, 100);
  }

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (d: Buffer) => (raw += d.toString()));
    req.on("end", () => {
      void (async () => {
        const method = (req.url ?? "").split("/").pop() ?? "";
        const p = (raw && req.headers["content-type"]?.includes("json") ? JSON.parse(raw) : {}) as Record<string, unknown>;
        if (fault) {
          api.failed++;
          if (fault.kind === "hang") {
            hanging.add(res);
            res.on("close", () => hanging.delete(res));
            return;
          }
          if (fault.kind === "429") {
            return answer(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${fault.retryAfter}`, parameters: { retry_after: fault.retryAfter } });
          }
          return answer(res, 502, { ok: false, error_code: 502, description: "Bad Gateway" });
        }
        if (method === "getUpdates") return answer(res, 200, { ok: true, result: await getUpdates(p as { offset?: number; timeout?: number }) });
        if (method === "getMe") return answer(res, 200, { ok: true, result: { id: 666, is_bot: true, first_name: "Test", username: "TestNameBot" } });
        if (SEND_METHODS.has(method)) {
          const markup = (typeof p.reply_markup === "string" ? JSON.parse(p.reply_markup) : p.reply_markup) as { inline_keyboard?: Sent["buttons"] } | undefined;
          const id = method === "sendMessage" || method === "sendPhoto" ? ++messageId : Number(p.message_id);
          api.sent.push({ method, chatId: String(p.chat_id), messageId: id, text: String(p.text ?? ""), buttons: markup?.inline_keyboard ?? [] });
          return answer(res, 200, { ok: true, result: { message_id: id, date: 0, chat: { id: Number(p.chat_id), type: "private" }, text: p.text } });
        }
        return answer(res, 200, { ok: true, result: true });
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  api.apiRoot = `http://127.0.0.1:${port}`;
  return api;
}
