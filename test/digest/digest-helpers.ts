// Digest tests: a fake Telegram Bot API at grammY's boundary (an API transformer) that records what each chat
// received, and can refuse (403 blocked, 400 bad request, 429 with retry_after) or "die" mid-send; a fake
// clock whose sleeps move it; and seeding of agencies, staff, subscriptions and responses with plain SQL and
// the stores.
import { InputFile, type Transformer } from "grammy";
import { createTelegramBot } from "../../src/channels/telegram/bot.ts";
import type { Channel } from "../../src/messages.ts";
import { createTranslator } from "../../src/i18n.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Database } from "../../src/store/database.ts";
import { createStaffStore, type StaffRecord } from "../../src/store/staff.ts";
import { createSubscriptionStore, type SubscriptionChoice } from "../../src/store/subscriptions.ts";
import type { Role } from "../../src/staff/types.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";
import { insertAgencies, insertResponses, uniform } from "../indices/helpers.ts";

export const TZ = "Asia/Ho_Chi_Minh";
export const t = createTranslator();

export interface Delivered {
  method: "sendMessage" | "sendPhoto" | "editMessageText";
  chatId: string;
  messageId: number;
  text: string;
  buttons: { text: string; callback_data: string }[][];
  photo?: { png: Buffer; filename: string };
}

/** A fake Bot API: what was delivered to whom, every request seen, and scripted refusals. */
export class FakeTelegram {
  readonly delivered: Delivered[] = [];
  /** Every request, delivered or not: [method, chat]. */
  readonly requests: { method: string; chatId: string }[] = [];
  readonly blocked = new Set<string>();
  readonly badRequest = new Set<string>();
  /** The next n requests answer 429 with this retry_after. */
  rateLimit = { next: 0, retryAfter: 2 };
  /** After this many deliveries, the process "dies": requests never get an answer (delivered or not first). */
  dieAfter: { deliveries: number; delivered: boolean } | undefined;
  /** Called after each delivery with the number delivered so far. */
  onDelivered: ((n: number) => void) | undefined;
  private dead = false;
  private died!: () => void;
  /** Resolves when the first request goes unanswered. */
  readonly death = new Promise<void>((r) => (this.died = r));
  private messageId = 5000;

  to(chatId: string | number): Delivered[] {
    return this.delivered.filter((d) => d.chatId === String(chatId));
  }

  readonly transformer: Transformer = async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    const chatId = String(p.chat_id ?? "");
    if (!["sendMessage", "sendPhoto", "editMessageText"].includes(method)) return { ok: true, result: true } as never;
    this.requests.push({ method, chatId });
    if (this.dieAfter && (this.dead || this.delivered.length >= this.dieAfter.deliveries)) {
      if (this.dieAfter.delivered) this.record(method, chatId, p);
      this.dead = true;
      this.died();
      return new Promise<never>(() => undefined);
    }
    if (this.rateLimit.next > 0) {
      this.rateLimit.next--;
      const retry_after = this.rateLimit.retryAfter;
      return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retry_after}`, parameters: { retry_after } } as never;
    }
    if (this.blocked.has(chatId)) return { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } as never;
    if (this.badRequest.has(chatId)) return { ok: false, error_code: 400, description: "Bad Request: message is too long" } as never;
    const messageId = this.record(method, chatId, p);
    this.onDelivered?.(this.delivered.length);
    return { ok: true, result: method === "editMessageText" ? true : { message_id: messageId, date: 0, chat: { id: Number(chatId), type: "private" } } } as never;
  };

  private record(method: string, chatId: string, p: Record<string, unknown>): number {
    const markup = p.reply_markup as { inline_keyboard?: Delivered["buttons"] } | undefined;
    const photo = p.photo instanceof InputFile ? { png: (p.photo as unknown as { fileData: Buffer }).fileData, filename: p.photo.filename ?? "" } : undefined;
    const messageId = method === "editMessageText" ? Number(p.message_id) : ++this.messageId;
    this.delivered.push({
      method: method as Delivered["method"],
      chatId,
      messageId,
      text: String(p.text ?? p.caption ?? ""),
      buttons: markup?.inline_keyboard ?? [],
      ...(photo ? { photo } : {}),
    });
    return messageId;
  }
}

/** The Telegram channel as main.ts builds it for bulk sends: grammY's auto-retry never waits. */
export function bulkChannel(api: FakeTelegram): Channel {
  return createTelegramBot(
    { token: TEST_BOT_TOKEN, apiRoot: "http://127.0.0.1:9", botInfo: EMULATOR_BOT_INFO, retry: { maxRetryAttempts: 0, maxDelaySeconds: 0 }, transformer: api.transformer },
    { handler: { handle: async () => [] }, t, logger: silentLogger() },
  ).channel;
}

/** A clock for the service and the broadcaster: sleeping moves it, so rate limits and leases pass instantly. */
export function fakeClock(start: string) {
  const clock = {
    now: new Date(start),
    slept: [] as number[],
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.advance(Math.max(0, ms));
      await new Promise((r) => setImmediate(r));
    },
  };
  return clock;
}

export const AGENCIES = [
  { code: "LSN" },
  { code: "STP", parent: "LSN" },
  { code: "SXD", parent: "LSN" },
  { code: "UBND-CL", parent: "LSN" },
];

/** The agency tree with responses in weeks 47 and 48 of 2026 (and November): enough for STP, few for UBND-CL. */
export async function seedResults(db: Database): Promise<void> {
  const ids = await insertAgencies(db, AGENCIES);
  await insertResponses(db, ids, [
    ...uniform("STP", 12, 5, "2026-11-17T03:00:00Z"),
    ...uniform("STP", 10, 4, "2026-11-18T03:00:00Z"),
    ...uniform("STP", 14, 5, "2026-11-24T03:00:00Z"),
    ...uniform("STP", 8, 2, "2026-11-25T03:00:00Z"),
    ...uniform("SXD", 25, 4, "2026-11-26T03:00:00Z"),
    ...uniform("UBND-CL", 3, 3, "2026-11-26T03:00:00Z"),
    { agency: "STP", completedAt: "2026-11-26T04:00:00Z", answers: { access: 2, improve: "attitude" } },
  ]);
  await db.sql.query(
    `INSERT INTO answer (response_id, item_id, text, answered_at)
     SELECT id, 'comment', 'Tôi là Nguyễn Văn An, số điện thoại 0912345678, cán bộ rất nhiệt tình.', '2026-11-24 03:10:00'
       FROM response WHERE agency_id = $1 AND completed_at = '2026-11-24 03:00:00' LIMIT 1`,
    [ids.get("STP")],
  );
}

let userSeq = 700_000;

export interface Member {
  record: StaffRecord;
  chatId: string;
}

export async function addMember(
  db: Database,
  o: { role: Role; scope?: string[]; locale?: "vi" | "en"; subscription?: SubscriptionChoice | null },
  at: Date,
): Promise<Member> {
  const userId = String(++userSeq);
  const record = await createStaffStore(db).upsert(
    { channel: "telegram", userId, chatId: userId, displayName: `Cán bộ ${userId}`, role: o.role, scope: o.scope ?? [], locale: o.locale ?? "vi", grantedBy: "cli" },
    at,
  );
  if (o.subscription !== null) {
    await createSubscriptionStore(db).save(record.id, o.subscription ?? { agencies: [], languages: ["vi"], frequency: "weekly" }, at);
  }
  return { record, chatId: userId };
}

/** Pictures and texts of the digest a chat received, per language (Vietnamese and English titles differ). */
export function digestsOf(api: FakeTelegram, chatId: string) {
  const got = api.to(chatId).filter((d) => d.method !== "editMessageText");
  return {
    photos: got.filter((d) => d.method === "sendPhoto"),
    viTexts: got.filter((d) => d.method === "sendMessage" && d.text.startsWith(t("vi", "digest.title"))),
    enTexts: got.filter((d) => d.method === "sendMessage" && d.text.startsWith(t("en", "digest.title"))),
    all: got,
  };
}

/** Back to no staff, subscriptions, slots or outbox rows, keeping agencies and responses (tests share a database). */
export async function forgetDigests(db: Database): Promise<void> {
  await db.sql.exec(`DELETE FROM outbox_job; DELETE FROM schedule_slot; DELETE FROM digest_subscription; DELETE FROM audit_entry; DELETE FROM staff_member;`);
}
