// Three instances on one PostgreSQL database, as a province runs them behind a load balancer (issue 11 §1):
// they start at the same moment (the migrations serialise), citizens' webhook updates reach random
// instances and each arrives 1–3 times, a digest slot fires on all three, and the instance sending it is
// stopped mid-send. What was tapped is what is stored, no tap gets two replies, every subscriber gets one
// digest, and the bot's bulk sends of all instances together stay under Telegram's limit in every second.
import fs from "node:fs";
import type { Transformer } from "grammy";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { testClock } from "../helpers/clock.ts";
import { createPgDatabase, postgresAvailable, tempDir } from "../helpers/databases.ts";
import { EMULATOR_BOT_INFO, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";
import { addMember, FakeTelegram, seedResults } from "../digest/digest-helpers.ts";
import { maxPerSecond } from "../broadcast/fake-channel.ts";

const API_KEY = "test-key-0123456789abcdef";
const SECRET = "several-instances-secret";
const CITIZENS = 60;
const SUBSCRIBERS = 30;
const LIKERT_ITEMS = 6;

/** mulberry32, so a failing run is the same run again. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pgUp = await postgresAvailable();

describe.skipIf(!pgUp)("three instances on one PostgreSQL database", () => {
  const api = new FakeTelegram();
  /** Every request to the fake Bot API: which instance made it, when (ms), and to which chat. */
  const log: { instance: number; method: string; chatId: string; at: number }[] = [];
  const clock = testClock();
  const instances: Service[] = [];
  const stopped = new Set<number>();
  const dataDirs: string[] = [];
  let drop: () => Promise<void> = async () => undefined;
  const rand = seeded(0x11);
  const pick = (n: number) => Math.floor(rand() * n);
  const live = () => instances.filter((_, i) => !stopped.has(i));

  const transformerOf = (instance: number): Transformer => async (prev, method, payload, signal) => {
    const p = payload as Record<string, unknown>;
    log.push({ instance, method, chatId: String(p.chat_id ?? ""), at: performance.now() });
    return api.transformer(prev, method, payload, signal);
  };

  beforeAll(async () => {
    const created = await createPgDatabase();
    drop = created.drop;
    // All three at the same moment on an empty database: one migrates, the others wait for its lock.
    const started = await Promise.all(
      [0, 1, 2].map((i) => {
        const dataDir = tempDir();
        dataDirs.push(dataDir);
        return startService({
          env: {
            DATABASE_URL: created.url,
            HAILONG_DATA_DIR: dataDir,
            PORT: "0",
            HAILONG_API_KEYS: API_KEY,
            TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
            TELEGRAM_MODE: "webhook",
            TELEGRAM_WEBHOOK_SECRET: SECRET,
            PUBLIC_BASE_URL: "https://hailong.example.gov.vn",
            HAILONG_REMINDER_DELAY_HOURS: "0",
            LOG_LEVEL: "silent",
          },
          logger: silentLogger(),
          now: clock.now,
          telegramBotInfo: EMULATOR_BOT_INFO,
          telegramTransformer: transformerOf(i),
        });
      }),
    );
    instances.push(...started);
  }, 120_000);

  afterAll(async () => {
    for (const [i, s] of instances.entries()) if (!stopped.has(i)) await s.stop();
    await drop();
    for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
  });

  /** Posts one update 1–3 times, at once, to random live instances; every delivery must be taken (2xx). */
  const deliver = async (update: Update) => {
    const copies = 1 + pick(3);
    const targets = Array.from({ length: copies }, () => live()[pick(live().length)]!);
    const statuses = await Promise.all(
      targets.map(async (s) => {
        const res = await fetch(`${s.url}/webhooks/telegram`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
          body: JSON.stringify(update),
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses.every((s) => s >= 200 && s < 300), `statuses ${statuses.join(",")}`).toBe(true);
  };

  let updateId = 100;
  /** What a chat received: new messages, and edits (a question may be asked in the message it answers). */
  const sentTo = (chatId: number) => api.delivered.filter((d) => d.chatId === String(chatId));

  /** One citizen through the whole survey; returns what they tapped, item by item. */
  async function citizen(n: number): Promise<{ scores: number[]; token: string }> {
    const chatId = 7000 + n;
    const from = { id: chatId, is_bot: false, first_name: `Citizen${n}`, language_code: "vi" };
    const chat = { id: chatId, first_name: `Citizen${n}`, type: "private" as const };
    const s = live()[pick(live().length)]!;
    const res = await fetch(`${s.url}/api/v1/dossiers`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        dossierCode: `000.00.20.H33-261127-${String(n).padStart(4, "0")}`,
        agencyCode: "LSN-TTPVHCC",
        agencyName: "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn",
        procedureCode: "1.001234",
        procedureName: "Cấp giấy phép xây dựng",
        completedAt: new Date(clock.now().getTime() - 3_600_000).toISOString(),
      }),
    });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    const text = `/start ${token}`;
    await deliver({
      update_id: ++updateId,
      message: { message_id: updateId, from, chat, date: 1795770000, text, entities: [{ type: "bot_command", offset: 0, length: 6 }] },
    } as Update);
    const scores: number[] = [];
    const press = async (label: string) => {
      const question = sentTo(chatId).findLast((d) => d.buttons.length > 0)!;
      const button = question.buttons.flat().find((b) => b.text.startsWith(label));
      if (!button) throw new Error(`citizen ${n}: no button "${label}" in ${JSON.stringify(question.buttons)}`);
      await deliver({
        update_id: ++updateId,
        callback_query: { id: String(updateId), from, chat_instance: "1", data: button.callback_data, message: { message_id: question.messageId, date: 0, chat, text: "" } },
      } as Update);
    };
    for (let i = 0; i < LIKERT_ITEMS; i++) {
      const score = 1 + pick(5);
      scores.push(score);
      await press(String(score));
    }
    await press("1.");
    await deliver({ update_id: ++updateId, message: { message_id: updateId, from, chat, date: 1795770000, text: `Góp ý ${n}` } } as Update);
    return { scores, token };
  }

  it("stores what was tapped, once, with one reply per tap, through updates delivered 1–3 times to any instance", async () => {
    const tapped = new Map<string, number[]>();
    const scoresOf: number[][] = [];
    // Ten citizens at a time, each at their own pace.
    for (let lo = 0; lo < CITIZENS; lo += 10) {
      const done = await Promise.all(Array.from({ length: 10 }, (_, k) => citizen(lo + k)));
      done.forEach((d, k) => {
        tapped.set(d.token, d.scores);
        scoresOf[lo + k] = d.scores;
      });
    }
    const db = instances[0]!.db;
    const rows = await db.sql.query<{ token: string; item_id: string; score: number | null; choice: string | null; text: string | null; status: string }>(
      `SELECT i.token, a.item_id, a.score, a.choice, a.text, r.status
         FROM answer a JOIN response r ON r.id = a.response_id JOIN invitation i ON i.id = r.invitation_id
        ORDER BY i.token, a.id`,
    );
    const byToken = new Map<string, typeof rows>();
    for (const r of rows) byToken.set(r.token, [...(byToken.get(r.token) ?? []), r]);
    expect(byToken.size).toBe(CITIZENS);
    for (const [token, scores] of tapped) {
      const mine = byToken.get(token)!;
      expect(mine.slice(0, LIKERT_ITEMS).map((r) => r.score)).toEqual(scores);
      expect(mine).toHaveLength(LIKERT_ITEMS + 2);
      expect(mine[LIKERT_ITEMS]!.choice).not.toBeNull();
      expect(mine.every((r) => r.status === "completed")).toBe(true);
    }
    expect(new Set(rows.map((r) => r.choice).filter(Boolean)).size).toBe(1);
    // One new message per update, however many times it came: the greeting with the first question after
    // /start, the next question after each tap, the thanks after the comment. (The answer is also written
    // into the question it answers when the instance that asked it takes the tap: an in-process courtesy,
    // so the edits are counted apart and only bounded.)
    // A citizen who scored an item 1–2 also gets the offer to describe the problem, under the thanks.
    const updates = 1 + LIKERT_ITEMS + 1 + 1;
    for (let n = 0; n < CITIZENS; n++) {
      const got = sentTo(7000 + n);
      const sends = got.filter((d) => d.method === "sendMessage");
      const expected = updates + (scoresOf[n]!.some((v) => v <= 2) ? 1 : 0);
      expect(sends.map((d) => d.text.slice(0, 40)), `citizen ${n}: ${JSON.stringify(sends.map((d) => d.text.slice(0, 40)))}`).toHaveLength(expected);
      expect(got.length - sends.length).toBeLessThanOrEqual(updates - 1);
    }
    // Every instance took a share of the work.
    for (const i of [0, 1, 2]) expect(log.some((l) => l.instance === i && l.method === "sendMessage")).toBe(true);
  }, 180_000);

  it("fires a digest slot once across instances, sends one per subscriber with the sender stopped mid-send, under the limit", async () => {
    const db = instances[0]!.db;
    await seedResults(db);
    const members = [];
    for (let i = 0; i < SUBSCRIBERS; i++) members.push(await addMember(db, { role: "official", scope: ["STP"] }, clock.now()));
    // A week on: the next firing, seen by every instance's cron at once.
    clock.advance(7 * 86_400_000);
    const at = clock.now();
    const memberChats = new Set(members.map((m) => m.chatId));
    const bulk = () => log.filter((l) => memberChats.has(l.chatId) && (l.method === "sendMessage" || l.method === "sendPhoto"));
    let victim: number | undefined;
    const stopping: Promise<void>[] = [];
    api.onDelivered = () => {
      const sent = bulk();
      if (victim === undefined && sent.length >= 12) {
        victim = sent.at(-1)!.instance;
        stopped.add(victim);
        stopping.push(instances[victim]!.stop());
      }
    };
    const outcomes = await Promise.all(instances.map((s) => s.staff.digests!.scheduler.fireNow(at)));
    // Each slot of this firing (the week, and whatever longer period ended with it) claimed by one instance.
    const claimed = new Map<string, number>();
    for (const o of outcomes.flat()) claimed.set(o.key, (claimed.get(o.key) ?? 0) + (o.outcome === "claimed" ? 1 : 0));
    expect(claimed.size).toBeGreaterThan(0);
    expect([...claimed.values()].every((n) => n === 1)).toBe(true);
    // Whoever claimed it woke its dispatcher; the others look for due rows too, as their poll would.
    const deadline = performance.now() + 60_000;
    while (new Set(bulk().map((l) => l.chatId)).size < SUBSCRIBERS || stopping.length === 0) {
      if (performance.now() > deadline) throw new Error(`digests reached ${new Set(bulk().map((l) => l.chatId)).size} of ${SUBSCRIBERS}`);
      await Promise.all(live().map((s) => s.staff.digests!.dispatcher.runDue()));
      await new Promise((r) => setTimeout(r, 200));
    }
    await Promise.all(stopping);
    await Promise.all(live().map((s) => s.staff.digests!.dispatcher.runDue()));
    api.onDelivered = undefined;
    expect(victim).toBeDefined();

    // One digest each: the same requests per subscriber, and none of them twice.
    const perChat = new Map<string, string[]>();
    for (const l of bulk()) perChat.set(l.chatId, [...(perChat.get(l.chatId) ?? []), l.method]);
    const shapes = new Set([...perChat.values()].map((m) => m.join(",")));
    expect(perChat.size).toBe(SUBSCRIBERS);
    expect(shapes.size).toBe(1);
    expect([...shapes][0]!.split(",").filter((m) => m === "sendPhoto").length).toBeLessThanOrEqual(1);
    const senders = new Set(bulk().map((l) => l.instance));
    expect(senders.size).toBeGreaterThan(1);

    const times = bulk().map((l) => l.at);
    const peak = maxPerSecond(times);
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    console.info(
      `[several instances] ${times.length} digest messages from instances ${[...senders].join("+")} in ${seconds.toFixed(1)} s (${(times.length / seconds).toFixed(1)}/s), at most ${peak} in any second`,
    );
    expect(peak).toBeLessThan(30);
  }, 180_000);
});
