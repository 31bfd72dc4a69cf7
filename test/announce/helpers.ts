// A world for announcement tests on a real database: the shipped official results plus Lạng Sơn's 2020 rank,
// staff of every role, a fake clock, the real grammY Telegram channel with the Bot API faked by a transformer
// (it records every call; chosen chats answer 403), and the real Zalo client with Zalo faked at fetch.
import { createStores } from "../../src/store/stores.ts";
import type { Transformer } from "grammy";
import { InputFile } from "grammy";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createAnnouncements, type Announcements } from "../../src/announce/wiring.ts";
import type { Actor } from "../../src/announce/types.ts";
import type { ChannelName, Channel } from "../../src/messages.ts";
import { createTelegramBot } from "../../src/channels/telegram/bot.ts";
import { createZaloChannel } from "../../src/channels/zalo/channel.ts";
import { createZaloClient } from "../../src/channels/zalo/client.ts";
import type { Config } from "../../src/config.ts";
import { createTranslator } from "../../src/i18n.ts";
import { silentLogger } from "../../src/logger.ts";
import { seedOfficialResults } from "../../src/results/seed.ts";
import { NO_DETAILS } from "../../src/results/row.ts";
import type { StaffMember } from "../../src/staff/types.ts";
import { createAuditLog } from "../../src/store/audit.ts";
import type { Database } from "../../src/store/database.ts";
import { createOfficialResultsStore } from "../../src/store/official-results.ts";
import { createStaffStore, type StaffRecord } from "../../src/store/staff.ts";
import { memoryCredentialStore, testConfig } from "../channels/zalo/helpers.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";

export const t = createTranslator();
export const TZ = "Asia/Ho_Chi_Minh";

export interface BotCall {
  method: string;
  payload: Record<string, unknown>;
  /** sendPhoto: the picture's bytes. */
  photo?: Buffer;
}

export interface FakeTelegram {
  transformer: Transformer;
  calls: BotCall[];
  /** Chats that answer 403 (the bot was removed from the channel). */
  forbidden: Set<string>;
  to(chatId: string): BotCall[];
}

export function fakeTelegram(): FakeTelegram {
  const calls: BotCall[] = [];
  const forbidden = new Set<string>();
  let messageId = 500;
  const transformer: Transformer = async (_prev, method, payload) => {
    const p = { ...(payload as Record<string, unknown>) };
    const call: BotCall = { method, payload: p };
    if (p.photo instanceof InputFile) {
      const raw = (p.photo as unknown as { fileData: unknown }).fileData;
      if (raw instanceof Uint8Array) call.photo = Buffer.from(raw);
    }
    calls.push(call);
    if (forbidden.has(String(p.chat_id))) return { ok: false, error_code: 403, description: "Forbidden: bot is not a member of the channel chat" } as never;
    if (method === "sendMessage" || method === "sendPhoto") {
      return { ok: true, result: { message_id: ++messageId, date: 0, chat: { id: 1, type: "private" } } } as never;
    }
    return { ok: true, result: true } as never;
  };
  return { transformer, calls, forbidden, to: (chatId) => calls.filter((c) => String(c.payload.chat_id) === chatId) };
}

export interface FakeZalo {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** CS messages sent, parsed. */
  messages: { user_id: string; message: Record<string, unknown> }[];
  uploads: number;
}

export function fakeZalo(): FakeZalo {
  const z: FakeZalo = {
    messages: [],
    uploads: 0,
    fetch: async (url, init) => {
      const path = new URL(url).pathname;
      if (path === "/v4/oa/access_token") return new Response(`{"access_token":"AT-1","refresh_token":"RT-2","expires_in":"90000"}`);
      if (path === "/v2.0/oa/upload/image") return new Response(`{"data":{"attachment_id":"att-${++z.uploads}"},"error":0,"message":"Success"}`);
      const body = JSON.parse(String(init.body)) as { recipient: { user_id: string }; message: Record<string, unknown> };
      z.messages.push({ user_id: body.recipient.user_id, message: body.message });
      return new Response(`{"data":{"message_id":"m${z.messages.length}"},"error":0,"message":"Success"}`);
    },
  };
  return z;
}

export const TARGETS = { telegramChats: ["@langson_news", "-1001234567890"], zaloUsers: ["6142494823190448412"] };

export interface World {
  db: Database;
  clock: { now: Date };
  telegram: FakeTelegram;
  zalo: FakeZalo;
  channels: Partial<Record<ChannelName, Channel>>;
  ann: Announcements;
  staff: ReturnType<typeof createStaffStore>;
  audit: ReturnType<typeof createAuditLog>;
  people: { comms: StaffRecord; comms2: StaffRecord; admin: StaffRecord; admin2: StaffRecord; official: StaffRecord };
  actor(m: StaffMember): Actor;
}

/** A world on emptied announcement, audit and outbox tables: each test starts from nothing. */
/**
 * One database per engine for the describe block, and a fresh world on it before each test: `use` gets
 * it (assign it to the block's `let w`, build what depends on it).
 */
export function freshWorldEach(kind: TestDatabase["kind"], use: (w: World) => void): void {
  let tdb: TestDatabase | undefined;
  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
  });
  afterAll(async () => tdb?.dispose());
  beforeEach(async () => use(await freshWorld(tdb!.db)));
}

export async function freshWorld(db: Database, o: Parameters<typeof createWorld>[1] = {}): Promise<World> {
  await db.prisma.announcement.deleteMany();
  await db.prisma.auditEntry.deleteMany();
  await db.prisma.outboxJob.deleteMany();
  return createWorld(db, o);
}

export async function createWorld(
  db: Database,
  o: { approval?: Config["approval"]; targets?: typeof TARGETS; start?: Date; progressEveryMs?: number } = {},
): Promise<World> {
  await seedOfficialResults(db);
  // The registry ships Lạng Sơn's 2021 SIPAS only; its 2020 rank (39) makes the year-on-year sentence.
  await createOfficialResultsStore(db).upsertResults([
    { ...NO_DETAILS, indexCode: "SIPAS", unitCode: "20", year: 2020, value: null, rank: 39, of: 63, grade: null, sourceUrl: "https://example.gov.vn/sipas-2020", verification: "verified", note: null },
  ]);
  const clock = { now: o.start ?? new Date("2026-11-27T03:00:00Z") };
  const telegram = fakeTelegram();
  const bot = createTelegramBot(
    { token: TEST_BOT_TOKEN, apiRoot: "http://127.0.0.1:9", botInfo: EMULATOR_BOT_INFO, transformer: telegram.transformer, retry: { maxRetryAttempts: 0, maxDelaySeconds: 0 } },
    { handler: { handle: async () => [] }, t, logger: silentLogger() },
  );
  const zalo = fakeZalo();
  const zaloClient = createZaloClient({ config: testConfig("http://zalo.test"), credentials: memoryCredentialStore(), logger: silentLogger(), fetch: zalo.fetch });
  const channels: Partial<Record<ChannelName, Channel>> = { telegram: bot.channel, zalo: createZaloChannel({ client: zaloClient, logger: silentLogger() }) };
  const ann = createAnnouncements({
    db,
    stores: createStores(db, () => clock.now),
    config: { announce: o.targets ?? TARGETS, approval: o.approval ?? "second-person", timeZone: TZ, minN: 30 },
    t,
    logger: silentLogger(),
    now: () => clock.now,
    channels: () => channels,
    broadcast: { progressEveryMs: o.progressEveryMs ?? 0 },
  });
  const staff = createStaffStore(db);
  const grant = (userId: string, role: StaffRecord["role"], displayName: string, locale: "vi" | "en" = "vi") =>
    staff.upsert({ channel: "telegram", userId, chatId: userId, displayName, role, scope: [], locale, grantedBy: "cli" }, clock.now);
  const people = {
    comms: await grant("100", "comms", "Chị Lan (truyền thông)"),
    comms2: await grant("110", "comms", "Anh Minh", "en"),
    admin: await grant("200", "admin", "Ông Hùng (quản trị)"),
    admin2: await grant("300", "admin", "Bà Hoa", "en"),
    official: await grant("400", "official", "Cán bộ Sở Tư pháp"),
  };
  return {
    db,
    clock,
    telegram,
    zalo,
    channels,
    ann,
    staff,
    audit: createAuditLog(db),
    people,
    actor: (m) => ({ id: `${m.channel}:${m.userId}`, role: m.role }),
  };
}

/** Drafts Lạng Sơn SIPAS 2021 as `by` and takes it through submit and approval. */
export async function approvedAnnouncement(w: World, by: Actor, approver: Actor) {
  const created = await w.ann.service.create(by, { kind: "official_result", indexCode: "SIPAS", unitCode: "20", year: 2021 });
  if (!created.ok) throw new Error(`draft refused: ${created.refusal.reason}`);
  const id = created.announcement.id;
  const submitted = await w.ann.service.submit(by, id);
  if (!submitted.ok) throw new Error(`submit refused: ${submitted.refusal.reason}`);
  const approved = await w.ann.service.approve(approver, id, submitted.announcement.version);
  if (!approved.ok) throw new Error(`approve refused: ${approved.refusal.reason}`);
  return approved.announcement;
}
