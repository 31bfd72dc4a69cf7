// The bot's HTTP client for the Bot API: a POST over node:http(s) with keep-alive, answered with what grammY
// reads of a response (json()). grammY's default, node-fetch, builds a WHATWG Response and its streams for
// each call; with two calls per answer that was ~9 % of an instance's CPU (bench:ingest profile). Bodies are
// grammY's: a JSON string, or a multipart stream for a photo.
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";

/** A Bot API answer is a few kilobytes; anything near this is not the Bot API, and is not kept in memory. */
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** What grammY passes: its headers are a plain object, its signal an AbortSignal (or its polyfill's). */
interface BotApiInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable;
  signal?: { aborted: boolean; reason?: unknown; addEventListener(t: "abort", f: () => void, o?: { once: boolean }): void; removeEventListener(t: "abort", f: () => void): void } | null;
  agent?: http.Agent;
}

export interface BotApiResponse {
  status: number;
  ok: boolean;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

const aborted = (signal: NonNullable<BotApiInit["signal"]>) =>
  signal.reason instanceof Error ? signal.reason : Object.assign(new Error("The Bot API call was aborted"), { name: "AbortError" });

export function botApiFetch(input: string | URL, init: BotApiInit = {}): Promise<BotApiResponse> {
  const url = typeof input === "string" ? new URL(input) : input;
  const secure = url.protocol === "https:";
  const signal = init.signal ?? undefined;
  return new Promise<BotApiResponse>((resolve, reject) => {
    if (signal?.aborted) return reject(aborted(signal));
    const body = init.body;
    const headers: Record<string, string | number> = { ...init.headers };
    const payload = typeof body === "string" ? Buffer.from(body, "utf8") : undefined;
    if (payload) headers["content-length"] = payload.byteLength;
    let settled = false;
    const done = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      f();
    };
    const req = (secure ? https : http).request(
      url,
      { method: init.method ?? "POST", headers, agent: init.agent instanceof http.Agent ? init.agent : secure ? agents.https : agents.http },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.byteLength;
          if (size > MAX_RESPONSE_BYTES) {
            req.destroy(new Error(`the Bot API answered more than ${MAX_RESPONSE_BYTES} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on("error", (e) => done(() => reject(e)));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          done(() => resolve({ status, ok: status >= 200 && status < 300, text: async () => text, json: async () => JSON.parse(text) as unknown }));
        });
      },
    );
    const onAbort = () => req.destroy(aborted(signal!));
    signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", (e) => done(() => reject(e)));
    if (payload) req.end(payload);
    else if (body instanceof Readable) {
      body.on("error", (e) => req.destroy(e));
      body.pipe(req);
    } else req.end();
  });
}
