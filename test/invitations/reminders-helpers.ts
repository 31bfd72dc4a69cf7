// A service with Telegram on and the Bot API faked by a transformer (blocked chats answer 403), a shared fake
// clock, citizens who tap through the survey, and invitations made through the real integration API. Unlike
// the common harness, it can start several services on the same data (restart, two instances).
import type { Transformer } from "grammy";
import type { Update } from "grammy/types";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";

export const API_KEY = "test-key-0123456789abcdef";

export interface Sent {
  chat_id: string;
  text: string;
  buttons: { text: string; callback_data: string }[][];
}

export interface FakeBotApi {
  transformer: Transformer;
  sent: Sent[];
  /** Chats that blocked the bot: sendMessage answers 403 and is counted in `refused`. */
  blocked: Set<string>;
  refused: string[];
}

export function fakeBotApi(): FakeBotApi {
  const api: FakeBotApi = { sent: [], blocked: new Set(), refused: [], transformer: async () => ({ ok: true, result: true }) as never };
  let messageId = 1000;
  api.transformer = async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    if (method !== "sendMessage") return { ok: true, result: true } as never;
    const chat = String(p.chat_id);
    if (api.blocked.has(chat)) {
      api.refused.push(chat);
      return { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } as never;
    }
    const markup = p.reply_markup as { inline_keyboard?: Sent["buttons"] } | undefined;
    api.sent.push({ chat_id: chat, text: String(p.text), buttons: markup?.inline_keyboard ?? [] });
    return { ok: true, result: { message_id: ++messageId, date: 0, chat: { id: Number(chat), type: "private" }, text: p.text } } as never;
  };
  return api;
}

export function baseEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HAILONG_DATA_DIR: dataDir,
    HAILONG_API_KEYS: API_KEY,
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    TELEGRAM_API_ROOT: "http://127.0.0.1:9",
    LOG_LEVEL: "silent",
    ...extra,
  };
}

export function boot(env: Record<string, string>, clock: { now: Date }, api: FakeBotApi, outboxIntervalMs?: number): Promise<Service> {
  return startService({
    env,
    logger: silentLogger(),
    now: () => clock.now,
    telegramBotInfo: EMULATOR_BOT_INFO,
    telegramTransformer: api.transformer,
    listen: false,
    telegramPolling: false,
    outboxIntervalMs,
  });
}

let updateId = 1;

/** A citizen in Telegram talking to `service`, reading what `api` recorded for their chat. */
export function citizen(service: Service, api: FakeBotApi, id: number) {
  const from = { id, is_bot: false, first_name: `Citizen${id}`, language_code: "vi" };
  const chat = { id, first_name: `Citizen${id}`, type: "private" as const };
  const mine = () => api.sent.filter((m) => m.chat_id === String(id));
  const feed = async (u: Update) => {
    const before = mine().length;
    await service.telegram!.bot.handleUpdate(u);
    return mine().slice(before);
  };
  const c = {
    messages: mine,
    command(text: string) {
      const len = text.split(" ")[0]!.length;
      return feed({ update_id: ++updateId, message: { message_id: updateId, from, chat, date: 1795770000, text, entities: [{ type: "bot_command", offset: 0, length: len }] } } as Update);
    },
    /** Presses the button of their latest message whose label starts with `label`. */
    tap(label: string) {
      const msg = mine().at(-1);
      const b = msg?.buttons.flat().find((x) => x.text.startsWith(label));
      if (!b) throw new Error(`no button "${label}" in ${JSON.stringify(msg?.buttons)}`);
      return feed({
        update_id: ++updateId,
        callback_query: { id: String(updateId), from, chat_instance: "1", data: b.callback_data, message: { message_id: 1, date: 0, chat, text: "" } },
      } as Update);
    },
  };
  return c;
}

let dossier = 0;

export async function invite(service: Service): Promise<{ token: string; id: string }> {
  const dossierCode = `HS-REM-${process.pid}-${++dossier}`;
  const res = await service.http.request("/api/v1/dossiers", {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ dossierCode, agencyCode: "UBND-XA-A", agencyName: "UBND xã Tân Thanh", completedAt: "2026-11-27T09:30:00+07:00" }),
  });
  if (res.status !== 201) throw new Error(`invitation: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const inv = await service.db.prisma.invitation.findUniqueOrThrow({ where: { dossierCode }, select: { id: true } });
  return { token, id: inv.id };
}

export const HOUR = 3_600_000;
export const advance = (clock: { now: Date }, ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
/** Whether a message is a reminder (the reminder.run text in Vietnamese). */
export const isReminder = (m: Sent) => m.text.startsWith("Ông/Bà chưa hoàn thành khảo sát");
