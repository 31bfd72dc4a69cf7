// A fake Zalo OA platform on 127.0.0.1 (random port): OAuth v4 (single-use rotating refresh tokens), CS send,
// template send by user id, ZNS by phone and user profile. It answers the way Zalo does — HTTP 200 with
// `error != 0` — records every call, and can be told to fail the next calls with given error codes.
import http from "node:http";
import type { AddressInfo } from "node:net";
import crypto from "node:crypto";

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** JSON bodies, parsed. */
  json?: unknown;
  /** Form bodies (OAuth), parsed. */
  form?: Record<string, string>;
}

export interface FakeZaloOaOptions {
  appId: string;
  appSecret: string;
  /** The refresh token the test configures as ZALO_REFRESH_TOKEN. */
  refreshToken: string;
  /** expires_in handed out with each access token (Zalo: "90000"). */
  accessTtlSeconds?: number;
  /** Delay before answering a refresh, to widen race windows in concurrency tests. */
  refreshDelayMs?: number;
  /** Whether a refresh also invalidates the previous access token (unknown on the real platform). */
  refreshRevokesOldAccess?: boolean;
}

export const PATHS = {
  oauth: "/v4/oa/access_token",
  cs: "/v3.0/oa/message/cs",
  templateByUid: "/v3.0/oa/message/template",
  zns: "/message/template",
  profile: "/v3.0/oa/user/detail",
} as const;

export interface FakeZaloOa {
  readonly url: string;
  readonly calls: RecordedCall[];
  callsTo(path: string): RecordedCall[];
  /** The next `times` calls to `path` answer with this Zalo error code. */
  failNext(path: string, code: number, times?: number, message?: string): void;
  /** The refresh token that will be accepted next (single-use). */
  readonly validRefreshToken: string;
  readonly accessTokens: ReadonlySet<string>;
  /** Every access token handed out so far stops working (as if Zalo revoked them): next use gets -216. */
  revokeAccessTokens(): void;
  /** Mints an authorization code for the code-exchange flow. */
  issueCode(): string;
  /** Awaited before each answer, with the call (lets a test look at the database mid-flight). */
  onCall?: (call: RecordedCall) => Promise<void> | void;
  /** user id → raw JSON text of `data` for /user/detail (raw, so tests can send ids as bare numbers). */
  readonly profiles: Map<string, string>;
  close(): Promise<void>;
}

export async function startFakeZaloOa(opts: FakeZaloOaOptions): Promise<FakeZaloOa> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, { code: number; message: string }[]>();
  const accessTokens = new Set<string>();
  const codes = new Set<string>();
  const profiles = new Map<string, string>();
  let validRefresh = opts.refreshToken;
  let counter = 0;
  const ttl = opts.accessTtlSeconds ?? 90000;

  const zaloError = (code: number, message: string) => JSON.stringify({ error: code, message });
  const msgId = () => crypto.randomBytes(10).toString("hex");

  function issuePair(): string {
    counter++;
    if (opts.refreshRevokesOldAccess) accessTokens.clear();
    const access = `AT-${counter}-${crypto.randomBytes(6).toString("hex")}`;
    const refresh = `RT-${counter}-${crypto.randomBytes(6).toString("hex")}`;
    accessTokens.add(access);
    validRefresh = refresh;
    // expires_in is a string in Zalo's official example.
    return JSON.stringify({ access_token: access, refresh_token: refresh, expires_in: String(ttl) });
  }

  function route(call: RecordedCall): string {
    const queued = failures.get(call.path);
    if (queued && queued.length > 0) {
      const f = queued.shift()!;
      return zaloError(f.code, f.message);
    }
    if (call.path === PATHS.oauth) {
      if (call.headers["secret_key"] !== opts.appSecret) return JSON.stringify({ error: -14002, error_name: "Invalid app secret", error_description: "secret_key mismatch" });
      const f = call.form ?? {};
      if (f.app_id !== opts.appId) return JSON.stringify({ error: -14001, error_name: "Invalid app id" });
      if (f.grant_type === "refresh_token") {
        if (f.refresh_token !== validRefresh) return JSON.stringify({ error: -14014, error_name: "Invalid refresh token", error_description: "Refresh token is invalid or used" });
        return issuePair();
      }
      if (f.grant_type === "authorization_code") {
        if (!f.code || !codes.delete(f.code)) return JSON.stringify({ error: -14019, error_name: "Invalid code" });
        return issuePair();
      }
      return JSON.stringify({ error: -14003, error_name: "Invalid grant type" });
    }
    const token = call.headers["access_token"];
    if (!token || !accessTokens.has(token)) return zaloError(-216, "Access token is invalid");
    if (call.path === PATHS.cs && call.method === "POST") {
      const b = call.json as { recipient?: { user_id?: unknown }; message?: { text?: unknown } };
      if (typeof b?.recipient?.user_id !== "string" || typeof b.message?.text !== "string") return zaloError(-201, "Parameters are invalid");
      return `{"data":{"quota":{"quota_type":"reply","remain":"8","total":"8"},"message_id":"${msgId()}","user_id":"${b.recipient.user_id}","sent_time":"1626926349402"},"error":0,"message":"Success"}`;
    }
    if (call.path === PATHS.templateByUid && call.method === "POST") {
      return `{"data":{"message_id":"${msgId()}"},"error":0,"message":"Success"}`;
    }
    if (call.path === PATHS.zns && call.method === "POST") {
      const b = call.json as { phone?: unknown; tracking_id?: unknown };
      if (typeof b?.phone !== "string" || !/^84\d{9}$/.test(b.phone)) return zaloError(-108, "Phone number is invalid");
      if (typeof b.tracking_id !== "string" || b.tracking_id.length > 48) return zaloError(-201, "tracking_id is invalid");
      return `{"error":0,"message":"Success","data":{"msg_id":"${msgId()}","sent_time":"1626926349402","quota":{"dailyQuota":"500","remainingQuota":"499"}}}`;
    }
    if (call.path === PATHS.profile && call.method === "GET") {
      let uid = "";
      try {
        uid = String((JSON.parse(call.query.data ?? "{}") as { user_id?: unknown }).user_id ?? "");
      } catch {
        return zaloError(-201, "Parameters are invalid");
      }
      const p = profiles.get(uid);
      return p ? `{"data":${p},"error":0,"message":"Success"}` : zaloError(-213, "User has not followed the OA");
    }
    return zaloError(-404, "Unknown endpoint");
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const body = Buffer.concat(chunks).toString("utf8");
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
        const call: RecordedCall = { method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body };
        const type = headers["content-type"] ?? "";
        if (type.startsWith("application/json")) {
          try {
            call.json = JSON.parse(body);
          } catch {
            call.json = undefined;
          }
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
          call.form = Object.fromEntries(new URLSearchParams(body));
        }
        calls.push(call);
        if (call.path === PATHS.oauth && opts.refreshDelayMs) await new Promise((r) => setTimeout(r, opts.refreshDelayMs));
        const answer = route(call);
        if (fake.onCall) await fake.onCall(call);
        // Zalo answers errors with HTTP 200 too.
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.end(answer);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const fake: FakeZaloOa = {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (path) => calls.filter((c) => c.path === path),
    failNext(path, code, times = 1, message = "failure requested by the test") {
      const q = failures.get(path) ?? [];
      for (let i = 0; i < times; i++) q.push({ code, message });
      failures.set(path, q);
    },
    get validRefreshToken() {
      return validRefresh;
    },
    accessTokens,
    revokeAccessTokens: () => accessTokens.clear(),
    issueCode() {
      const c = `code-${crypto.randomBytes(6).toString("hex")}`;
      codes.add(c);
      return c;
    },
    profiles,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
