// A typed client for the Zalo OA Open API v3, ZNS/ZBS templates and OAuth v4. Usable on its own: it knows
// nothing of surveys. Every call returns a typed result; Zalo's "HTTP 200 with error != 0" never escapes as a
// success, and access-token errors are handled here (refresh once, retry once).
import type { Logger } from "pino";
import { z } from "zod";
import type { OAuthCredentialStore } from "../../store/oauth-credentials.ts";
import type { ZaloConfig } from "./config.ts";
import { classifyZaloError, TOKEN_ERROR_CODES, transportFailure, type ZaloFailure } from "./errors.ts";
import { zaloRequest, type FetchLike } from "./http.ts";
import { normalizeVietnamPhone } from "./phone.ts";
import { createZaloTokenManager, ZaloAuthError, type ZaloHealth, type ZaloTokenManager } from "./tokens.ts";

export type { ZaloFailure, ZaloHealth };

/** Zalo's documented limit for a consultation text ("tối đa 2.000 ký tự"), counted after NFC. */
export const CS_TEXT_LIMIT = 2000;
/** Third-party documentation gives these button limits; Zalo's own pages do not. */
export const BUTTON_TITLE_LIMIT = 100;
export const BUTTON_PAYLOAD_LIMIT = 1000;
export const TRACKING_ID_LIMIT = 48;
/** Zalo's limit for POST /v2.0/oa/upload/image: JPG or PNG up to 1 MB (channels.md §A.3). */
export const IMAGE_UPLOAD_LIMIT = 1024 * 1024;

export type ZaloCsButton =
  | { title: string; type: "oa.query.hide" | "oa.query.show"; payload: string }
  | { title: string; type: "oa.open.url"; payload: { url: string } };

/** The body of POST /v3.0/oa/message/cs, exactly as sent. */
export interface ZaloCsRequest {
  recipient: { user_id: string };
  message: { text: string; attachment?: { type: "template"; payload: { buttons: ZaloCsButton[] } } };
}

/** The body of POST /v3.0/oa/message/cs for a picture: a media template, with an optional caption. */
export interface ZaloMediaRequest {
  recipient: { user_id: string };
  message: {
    text?: string;
    attachment: { type: "template"; payload: { template_type: "media"; elements: [{ media_type: "image"; attachment_id: string }] } };
  };
}

export type ZaloSendResult = { ok: true; messageId: string } | ZaloFailure;
export type ZaloTemplateResult = { ok: true; messageId: string; dailyQuota?: string; remainingQuota?: string } | ZaloFailure;
export type ZaloCallResult<T> = { ok: true; data: T } | ZaloFailure;

export interface ZaloUserProfile {
  userId: string;
  userIdByApp?: string;
  displayName?: string;
  avatar?: string;
  isFollower?: boolean;
  /** "DD/MM/YYYY" as Zalo gives it. */
  lastInteractionDate?: string;
  sharedInfo?: { name?: string; phone?: string; address?: string };
}

export interface TemplateByPhone {
  /** 0…, +84… or 84…; normalised to 84…. */
  phone: string;
  /** Defaults to ZALO_ZNS_TEMPLATE_ID. */
  templateId?: string;
  templateData: Record<string, string | number>;
  /** Our invitation id: echoed in the delivery webhook. ≤ 48 characters of A-Z a-z 0-9 _ -. */
  trackingId: string;
}

export interface TemplateByUserId {
  userId: string;
  templateId?: string;
  templateData: Record<string, string | number>;
}

export interface ZaloClient {
  readonly tokens: ZaloTokenManager;
  sendCs(request: ZaloCsRequest): Promise<ZaloSendResult>;
  sendText(userId: string, text: string): Promise<ZaloSendResult>;
  /** Text with `oa.query.hide` buttons: a tap sends `payload` back to us without showing it in the chat. */
  sendTextWithButtons(userId: string, text: string, buttons: { title: string; payload: string }[]): Promise<ZaloSendResult>;
  /** Uploads a PNG or JPEG (≤ 1 MB) for media messages; Zalo keeps it 7 days. */
  uploadImage(image: Buffer, filename: string): Promise<ZaloCallResult<{ attachmentId: string }>>;
  /** A picture uploaded with uploadImage, with the caption shown under it. */
  sendImage(userId: string, attachmentId: string, caption?: string): Promise<ZaloSendResult>;
  sendTemplateByPhone(input: TemplateByPhone): Promise<ZaloTemplateResult>;
  sendTemplateByUserId(input: TemplateByUserId): Promise<ZaloTemplateResult>;
  getUserProfile(userId: string): Promise<ZaloCallResult<ZaloUserProfile>>;
  exchangeCode(code: string, codeVerifier?: string): Promise<void>;
  /** For /healthz: degraded while the token cannot be refreshed. */
  health(): ZaloHealth;
  /** Keeps the token fresh even when nothing is sent for weeks (the refresh token itself lasts 3 months). */
  start(intervalMs?: number): void;
  stop(): void;
}

export interface ZaloClientOptions {
  config: Pick<ZaloConfig, "appId" | "appSecret" | "refreshToken" | "apiRoot" | "oauthRoot" | "znsRoot" | "zns">;
  credentials: OAuthCredentialStore;
  logger: Logger;
  fetch?: FetchLike;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  refreshAheadMs?: number;
  /** Injected instead of built from the options (tests sharing one manager). */
  tokens?: ZaloTokenManager;
}

const id = z.union([z.string(), z.number()]).transform(String);
const envelope = z.looseObject({
  error: z.union([z.number(), z.string()]).transform(Number),
  message: z.string().optional(),
  data: z.unknown().optional(),
});
const csData = z.looseObject({ message_id: id.optional(), msg_id: id.optional() });
const uploadData = z.looseObject({ attachment_id: id });
const templateData = z.looseObject({
  msg_id: id.optional(),
  message_id: id.optional(),
  quota: z.looseObject({ dailyQuota: id.optional(), remainingQuota: id.optional() }).optional(),
});
const profileData = z.looseObject({
  user_id: id,
  user_id_by_app: id.optional(),
  display_name: z.string().optional(),
  avatar: z.string().optional(),
  user_is_follower: z.boolean().optional(),
  user_last_interaction_date: z.string().optional(),
  shared_info: z.looseObject({ name: z.string().optional(), phone: id.optional(), address: z.string().optional() }).nullish(),
});

const badRequest = (detail: string): ZaloFailure => ({ ok: false, failure: "bad-request", retryable: false, detail });

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Checks and normalises a CS request the way Zalo counts: NFC, code points. */
export function validateCsRequest(request: ZaloCsRequest): { ok: true; request: ZaloCsRequest } | ZaloFailure {
  const text = request.message.text.normalize("NFC");
  if (text.trim() === "") return badRequest("message text is empty");
  const length = codePoints(text);
  if (length > CS_TEXT_LIMIT) return badRequest(`message text is ${length} characters after NFC; Zalo allows ${CS_TEXT_LIMIT}`);
  if (!/^\d{1,30}$/.test(request.recipient.user_id)) return badRequest("recipient user_id must be a decimal string");
  const buttons = request.message.attachment?.payload.buttons;
  if (buttons) {
    for (const b of buttons) {
      if (codePoints(b.title.normalize("NFC")) > BUTTON_TITLE_LIMIT) return badRequest(`button title longer than ${BUTTON_TITLE_LIMIT} characters`);
      if (typeof b.payload === "string" && codePoints(b.payload) > BUTTON_PAYLOAD_LIMIT) return badRequest(`button payload longer than ${BUTTON_PAYLOAD_LIMIT} characters`);
    }
  }
  const message: ZaloCsRequest["message"] = { text };
  if (request.message.attachment) {
    message.attachment = {
      type: "template",
      payload: { buttons: request.message.attachment.payload.buttons.map((b) => ({ ...b, title: b.title.normalize("NFC") })) },
    };
  }
  return { ok: true, request: { recipient: request.recipient, message } };
}

function imageType(image: Buffer): "image/png" | "image/jpeg" | null {
  if (image.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (image[0] === 0xff && image[1] === 0xd8 && image[2] === 0xff) return "image/jpeg";
  return null;
}

/** Checks a picture before it costs one of the OA's 5,000 monthly uploads. */
export function validateImage(image: Buffer): { ok: true; type: "image/png" | "image/jpeg" } | ZaloFailure {
  const type = imageType(image);
  if (!type) return badRequest("the picture is neither PNG nor JPEG");
  if (image.length > IMAGE_UPLOAD_LIMIT) return badRequest(`the picture is ${image.length} bytes; Zalo accepts up to ${IMAGE_UPLOAD_LIMIT}`);
  return { ok: true, type };
}

function nfcData(data: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === "string" ? v.normalize("NFC") : v]));
}

export function createZaloClient(opts: ZaloClientOptions): ZaloClient {
  const { config, logger } = opts;
  const fetchFn: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const log = logger.child({ component: "zalo-client" });
  const tokens =
    opts.tokens ??
    createZaloTokenManager({
      config,
      store: opts.credentials,
      logger,
      fetch: fetchFn,
      now,
      sleep: opts.sleep,
      timeoutMs,
      refreshAheadMs: opts.refreshAheadMs,
    });
  let timer: NodeJS.Timeout | undefined;

  /**
   * One authenticated call. On a token error the token is replaced (refreshing at most once across all
   * callers) and the call is made once more; a token refused twice is a failure, not a loop.
   */
  async function call(
    method: "GET" | "POST",
    url: string,
    json: unknown,
    form?: FormData,
  ): Promise<{ ok: true; data: unknown } | ZaloFailure> {
    let token: string;
    try {
      token = await tokens.accessToken();
    } catch (e) {
      return authFailure(e);
    }
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { access_token: token };
      if (method === "POST" && !form) headers["content-type"] = "application/json";
      const body = method === "POST" ? (form ?? JSON.stringify(json)) : undefined;
      const out = await zaloRequest(fetchFn, url, { method, headers, body }, timeoutMs);
      if (out.kind === "transport") return transportFailure(out.status, out.detail);
      const env = envelope.safeParse(out.body);
      if (!env.success) return transportFailure(out.status >= 400 ? out.status : undefined, `HTTP ${out.status} without Zalo's {error, message} envelope`);
      if (env.data.error === 0) {
        if (out.status >= 400) return transportFailure(out.status, `HTTP ${out.status} from Zalo`);
        return { ok: true, data: env.data.data };
      }
      if (TOKEN_ERROR_CODES.has(env.data.error) && attempt === 0) {
        log.warn({ code: env.data.error }, "Zalo refused the access token; refreshing and retrying once");
        try {
          token = await tokens.replaceRejected(token);
        } catch (e) {
          return authFailure(e);
        }
        continue;
      }
      return classifyZaloError(env.data.error, env.data.message, now());
    }
  }

  function authFailure(e: unknown): ZaloFailure {
    if (!(e instanceof ZaloAuthError)) throw e;
    // Nothing can be sent until an operator acts; callers keep the message and try again later.
    return { ok: false, failure: "unknown", retryable: true, retryAfterSeconds: 300, detail: e.message };
  }

  const api = (path: string) => `${config.apiRoot}${path}`;

  async function sendCs(request: ZaloCsRequest): Promise<ZaloSendResult> {
    const checked = validateCsRequest(request);
    if (!checked.ok) return checked;
    const r = await call("POST", api("/v3.0/oa/message/cs"), checked.request);
    if (!r.ok) return r;
    const d = csData.safeParse(r.data ?? {});
    // The message went out; a missing id in the answer must not turn it into a failure (and a resend).
    return { ok: true, messageId: (d.success ? (d.data.message_id ?? d.data.msg_id) : undefined) ?? "" };
  }

  function templateResult(r: { ok: true; data: unknown } | ZaloFailure): ZaloTemplateResult {
    if (!r.ok) return r;
    const d = templateData.safeParse(r.data ?? {});
    if (!d.success) return { ok: true, messageId: "" };
    const out: ZaloTemplateResult = { ok: true, messageId: d.data.msg_id ?? d.data.message_id ?? "" };
    if (d.data.quota?.dailyQuota !== undefined) out.dailyQuota = d.data.quota.dailyQuota;
    if (d.data.quota?.remainingQuota !== undefined) out.remainingQuota = d.data.quota.remainingQuota;
    return out;
  }

  function templateId(given: string | undefined): string | undefined {
    return given ?? config.zns?.templateId;
  }

  return {
    tokens,
    sendCs,
    sendText: (userId, text) => sendCs({ recipient: { user_id: userId }, message: { text } }),
    sendTextWithButtons: (userId, text, buttons) =>
      sendCs({
        recipient: { user_id: userId },
        message: {
          text,
          attachment: { type: "template", payload: { buttons: buttons.map((b) => ({ title: b.title, type: "oa.query.hide", payload: b.payload })) } },
        },
      }),
    async uploadImage(image, filename) {
      const checked = validateImage(image);
      if (!checked.ok) return checked;
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(image)], { type: checked.type }), filename);
      const r = await call("POST", api("/v2.0/oa/upload/image"), undefined, form);
      if (!r.ok) return r;
      const d = uploadData.safeParse(r.data ?? {});
      if (!d.success) return { ok: false, failure: "unknown", retryable: false, detail: "Zalo accepted the upload but returned no attachment_id" };
      return { ok: true, data: { attachmentId: d.data.attachment_id } };
    },
    async sendImage(userId, attachmentId, caption) {
      if (!/^\d{1,30}$/.test(userId)) return badRequest("recipient user_id must be a decimal string");
      const text = caption?.normalize("NFC");
      if (text !== undefined && codePoints(text) > CS_TEXT_LIMIT) return badRequest(`caption is ${codePoints(text)} characters after NFC; Zalo allows ${CS_TEXT_LIMIT}`);
      const request: ZaloMediaRequest = {
        recipient: { user_id: userId },
        message: {
          ...(text?.trim() ? { text } : {}),
          attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: attachmentId }] } },
        },
      };
      const r = await call("POST", api("/v3.0/oa/message/cs"), request);
      if (!r.ok) return r;
      const d = csData.safeParse(r.data ?? {});
      return { ok: true, messageId: (d.success ? (d.data.message_id ?? d.data.msg_id) : undefined) ?? "" };
    },
    async sendTemplateByPhone(input) {
      const phone = normalizeVietnamPhone(input.phone);
      if (!phone) return badRequest("not a Vietnamese mobile number (expected 0…, +84… or 84… with 9 national digits)");
      if (!/^[A-Za-z0-9_-]{1,48}$/.test(input.trackingId)) {
        return badRequest(`tracking_id must be 1–${TRACKING_ID_LIMIT} characters of A-Z a-z 0-9 _ -`);
      }
      const template = templateId(input.templateId);
      if (!template) return badRequest("no template id given and ZALO_ZNS_TEMPLATE_ID is not set");
      const body: Record<string, unknown> = { phone, template_id: template, template_data: nfcData(input.templateData), tracking_id: input.trackingId };
      if (config.zns?.mode === "development") body.mode = "development";
      return templateResult(await call("POST", `${config.znsRoot}/message/template`, body));
    },
    async sendTemplateByUserId(input) {
      if (!/^\d{1,30}$/.test(input.userId)) return badRequest("user_id must be a decimal string");
      const template = templateId(input.templateId);
      if (!template) return badRequest("no template id given and ZALO_ZNS_TEMPLATE_ID is not set");
      return templateResult(
        await call("POST", api("/v3.0/oa/message/template"), { user_id: input.userId, template_id: template, template_data: nfcData(input.templateData) }),
      );
    },
    async getUserProfile(userId) {
      if (!/^\d{1,30}$/.test(userId)) return badRequest("user_id must be a decimal string");
      // Zalo's GET endpoints take one URL-encoded JSON `data` parameter.
      const r = await call("GET", api(`/v3.0/oa/user/detail?data=${encodeURIComponent(JSON.stringify({ user_id: userId }))}`), undefined);
      if (!r.ok) return r;
      const d = profileData.safeParse(r.data);
      if (!d.success) return { ok: false, failure: "unknown", retryable: false, detail: "unexpected profile shape from Zalo" };
      const p = d.data;
      const profile: ZaloUserProfile = { userId: p.user_id };
      if (p.user_id_by_app !== undefined) profile.userIdByApp = p.user_id_by_app;
      if (p.display_name !== undefined) profile.displayName = p.display_name;
      if (p.avatar !== undefined) profile.avatar = p.avatar;
      if (p.user_is_follower !== undefined) profile.isFollower = p.user_is_follower;
      if (p.user_last_interaction_date !== undefined) profile.lastInteractionDate = p.user_last_interaction_date;
      if (p.shared_info) {
        const s = p.shared_info;
        profile.sharedInfo = {};
        if (s.name) profile.sharedInfo.name = s.name;
        if (s.phone) profile.sharedInfo.phone = s.phone;
        if (s.address) profile.sharedInfo.address = s.address;
      }
      return { ok: true, data: profile };
    },
    exchangeCode: (code, verifier) => tokens.exchangeCode(code, verifier),
    health: () => tokens.health(),
    start(intervalMs = 30 * 60_000) {
      if (timer) return;
      const tick = () => {
        tokens.accessToken().catch((e: Error) => log.error({ err: e.message }, "background Zalo token check failed"));
      };
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
