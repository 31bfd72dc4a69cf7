// A Telegram Bot API on loopback HTTP that enforces flood limits the way the broadcaster must respect
// them: a sliding 1-second window over every answered request (30 by default) and a per-chat spacing
// (1 per second), answering 429 with retry_after beyond either, and 403 "blocked" for chosen chats.
// It counts what it answered, so a benchmark reports the server's view, which no client-side retry hides.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RateLimitedBotApiOptions {
  globalPerSecond?: number;
  perChatPerSecond?: number;
  /** Chats whose user blocked the bot. */
  blockedChatIds?: Iterable<string>;
}

export interface BotApiCounters {
  requests: number;
  delivered: number;
  tooManyGlobal: number;
  tooManyPerChat: number;
  forbidden: number;
  badRequests: number;
  /** The most answered requests seen in one sliding second. */
  maxInWindow: number;
}

export interface RateLimitedBotApi {
  apiRoot: string;
  counters: BotApiCounters;
  /** Messages delivered per chat, to prove nothing was lost or doubled. */
  deliveredTo: Map<string, number>;
  stop(): Promise<void>;
}

const WINDOW_MS = 1000;

export async function startRateLimitedBotApi(opts: RateLimitedBotApiOptions = {}): Promise<RateLimitedBotApi> {
  const globalLimit = opts.globalPerSecond ?? 30;
  const perChatGapMs = 1000 / (opts.perChatPerSecond ?? 1);
  const blocked = new Set(opts.blockedChatIds ?? []);
  const counters: BotApiCounters = { requests: 0, delivered: 0, tooManyGlobal: 0, tooManyPerChat: 0, forbidden: 0, badRequests: 0, maxInWindow: 0 };
  const deliveredTo = new Map<string, number>();
  // Answered (non-429) requests of the last second, oldest first: Telegram counts what it processed.
  const recent: number[] = [];
  const lastToChat = new Map<string, number>();
  let messageId = 0;

  function answer(method: string, body: string): { status: number; json: unknown } {
    counters.requests++;
    if (method !== "sendMessage") {
      counters.badRequests++;
      return { status: 400, json: { ok: false, error_code: 400, description: `Bad Request: method ${method} is not served here` } };
    }
    const chatId = String((JSON.parse(body || "{}") as { chat_id?: unknown }).chat_id ?? "");
    const t = performance.now();
    while (recent.length > 0 && recent[0]! <= t - WINDOW_MS) recent.shift();
    if (recent.length >= globalLimit) {
      counters.tooManyGlobal++;
      return tooMany(Math.ceil((recent[0]! + WINDOW_MS - t) / 1000));
    }
    const last = lastToChat.get(chatId);
    if (last !== undefined && t - last < perChatGapMs) {
      counters.tooManyPerChat++;
      return tooMany(Math.ceil((last + perChatGapMs - t) / 1000));
    }
    recent.push(t);
    counters.maxInWindow = Math.max(counters.maxInWindow, recent.length);
    lastToChat.set(chatId, t);
    if (blocked.has(chatId)) {
      counters.forbidden++;
      return { status: 403, json: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } };
    }
    counters.delivered++;
    deliveredTo.set(chatId, (deliveredTo.get(chatId) ?? 0) + 1);
    const result = { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: "private" }, text: "" };
    return { status: 200, json: { ok: true, result } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = /^\/bot[^/]+\/([A-Za-z]+)$/.exec(req.url ?? "")?.[1] ?? "";
      let out: { status: number; json: unknown };
      try {
        out = answer(method, Buffer.concat(chunks).toString("utf8"));
      } catch (e) {
        counters.badRequests++;
        out = { status: 400, json: { ok: false, error_code: 400, description: `Bad Request: ${(e as Error).message}` } };
      }
      res.writeHead(out.status, { "content-type": "application/json" });
      res.end(JSON.stringify(out.json));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    counters,
    deliveredTo,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function tooMany(retryAfter: number): { status: number; json: unknown } {
  const n = Math.max(1, retryAfter);
  return { status: 429, json: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${n}`, parameters: { retry_after: n } } };
}
