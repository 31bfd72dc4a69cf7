// Citizens for the fault tests: each gets an invitation through the integration API, then goes through the
// short survey (/start, six 1–5 taps, a choice, a comment) as Telegram would carry it: a webhook update is
// redelivered until some instance answers 2xx, or an update is queued for long polling. A citizen taps only
// what the bot last asked, so the next tap waits for the reply the last one earned.
import type { Update } from "grammy/types";
import { expect } from "vitest";
import type { Database } from "../../src/store/database.ts";
import type { FakeBotApi, Sent } from "./fake-bot-api.ts";

export const API_KEY = "test-key-0123456789abcdef";
export const WEBHOOK_SECRET = "fault-tests-webhook-secret";
export const LIKERT_ITEMS = 6;

/** The service's environment in the fault tests: the integration API and Telegram against `apiRoot`. */
export function faultServiceEnv(apiRoot: string, mode: "webhook" | "polling", botToken: string): Record<string, string> {
  return {
    HAILONG_API_KEYS: API_KEY,
    TELEGRAM_BOT_TOKEN: botToken,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_MODE: mode,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    PUBLIC_BASE_URL: "https://hailong.example.gov.vn",
  };
}

/** mulberry32, so a failing run is the same run again. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Issues an invitation for citizen n through one instance's API and returns its token. */
export async function invite(baseUrl: string, n: number, completedAt: Date): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/dossiers`, {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({
      dossierCode: `000.00.20.H33-261127-${String(n).padStart(4, "0")}`,
      agencyCode: "LSN-TTPVHCC",
      agencyName: "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn",
      procedureCode: "1.001234",
      procedureName: "Cấp giấy phép xây dựng",
      completedAt: completedAt.toISOString(),
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** What Telegram saw of its webhook calls: each status, and when the first 2xx came after a moment. */
export interface WebhookLog {
  statuses: { status: number; at: number }[];
}

/**
 * Posts the update to one of the instances until one answers 2xx, as Telegram redelivers (here after
 * `retryMs`); a refused connection (an instance gone) counts as a failed call.
 */
export async function deliverByWebhook(urls: () => string[], update: Update, log: WebhookLog, rand: () => number, retryMs = 500): Promise<void> {
  for (;;) {
    const all = urls();
    const url = all[Math.floor(rand() * all.length)];
    let status = 0;
    if (url) {
      try {
        const res = await fetch(`${url}/webhooks/telegram`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
          body: JSON.stringify(update),
          signal: AbortSignal.timeout(60_000),
        });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 0;
      }
    }
    log.statuses.push({ status, at: performance.now() });
    if (status >= 200 && status < 300) return;
    await sleep(retryMs);
  }
}

export interface CitizenRun {
  chatId: number;
  token: string;
  scores: number[];
}

export interface CitizenOptions {
  n: number;
  token: string;
  api: FakeBotApi;
  deliver: (update: Update) => Promise<void>;
  nextUpdateId: () => number;
  rand: () => number;
  thinkMs: number;
  /** How long a citizen waits for the bot's next message before the test fails. */
  patienceMs?: number;
  /**
   * When the reply to an acknowledged update has not come after this long, the citizen taps (or types) the
   * same again as a new update, as a person would; unset: they only wait. A reply can be lost when the
   * process dies between storing the answer and sending it: Telegram's redelivery is then a duplicate.
   */
  retryAfterMs?: number;
  /** Told of each repeated tap, by its new update id. */
  onRetry?: (updateId: number) => void;
}

/** The same tap or message sent again by the citizen: a new update, not a redelivery. */
function anew(update: Update, id: number): Update {
  if (update.callback_query) return { ...update, update_id: id, callback_query: { ...update.callback_query, id: String(id) } };
  return { ...update, update_id: id, message: { ...update.message!, message_id: id } };
}

/** One citizen through the whole survey; resolves with what they tapped. */
export async function answerSurvey(o: CitizenOptions): Promise<CitizenRun> {
  const chatId = 7000 + o.n;
  const from = { id: chatId, is_bot: false, first_name: `Citizen${o.n}`, language_code: "vi" };
  const chat = { id: chatId, first_name: `Citizen${o.n}`, type: "private" as const };
  const messages = () => o.api.to(chatId).filter((s) => s.method === "sendMessage").length;
  const send = async (update: Update) => {
    const before = messages();
    await o.deliver(update);
    const deadline = performance.now() + (o.patienceMs ?? 120_000);
    let again = performance.now() + (o.retryAfterMs ?? Infinity);
    while (messages() <= before) {
      if (performance.now() > deadline) throw new Error(`citizen ${o.n} waited in vain for the bot's reply to update ${update.update_id}`);
      if (performance.now() > again) {
        const id = o.nextUpdateId();
        o.onRetry?.(id);
        await o.deliver(anew(update, id));
        again = performance.now() + (o.retryAfterMs ?? Infinity);
      }
      await sleep(50);
    }
    await sleep(o.thinkMs * (0.5 + o.rand()));
  };
  const press = async (label: string) => {
    const question = o.api.to(chatId).findLast((d) => d.buttons.length > 0);
    const button = question?.buttons.flat().find((b) => b.text.startsWith(label));
    if (!question || !button) throw new Error(`citizen ${o.n}: no button "${label}" in ${JSON.stringify(question?.buttons)}`);
    const id = o.nextUpdateId();
    await send({
      update_id: id,
      callback_query: { id: String(id), from, chat_instance: "1", data: button.callback_data, message: { message_id: question.messageId, date: 0, chat, text: "" } },
    } as Update);
  };
  const text = `/start ${o.token}`;
  const startId = o.nextUpdateId();
  await send({ update_id: startId, message: { message_id: startId, from, chat, date: 1795770000, text, entities: [{ type: "bot_command", offset: 0, length: 6 }] } } as Update);
  const scores: number[] = [];
  for (let i = 0; i < LIKERT_ITEMS; i++) {
    const score = 1 + Math.floor(o.rand() * 5);
    scores.push(score);
    await press(String(score));
  }
  await press("1.");
  const commentId = o.nextUpdateId();
  await send({ update_id: commentId, message: { message_id: commentId, from, chat, date: 1795770000, text: `Góp ý ${o.n}` } } as Update);
  return { chatId, token: o.token, scores };
}

/** Each citizen's response as stored: complete, with exactly the scores tapped, each answer once. */
export async function expectStoredAsTapped(db: Database, runs: CitizenRun[]): Promise<void> {
  const rows = await db.sql.query<{ token: string; score: number | null; choice: string | null; status: string }>(
    `SELECT i.token, a.score, a.choice, r.status
       FROM answer a JOIN response r ON r.id = a.response_id JOIN invitation i ON i.id = r.invitation_id
      WHERE i.token = ANY($1::text[])
      ORDER BY i.token, a.id`,
    [runs.map((r) => r.token)],
  );
  const byToken = new Map<string, typeof rows>();
  for (const r of rows) byToken.set(r.token, [...(byToken.get(r.token) ?? []), r]);
  for (const run of runs) {
    const mine = byToken.get(run.token) ?? [];
    expect(mine.slice(0, LIKERT_ITEMS).map((r) => r.score), `citizen ${run.chatId}`).toEqual(run.scores);
    expect(mine, `citizen ${run.chatId}`).toHaveLength(LIKERT_ITEMS + 2);
    expect(mine.every((r) => r.status === "completed"), `citizen ${run.chatId}`).toBe(true);
  }
}

/**
 * One reply per tap, however many times an update was refused or redelivered first: questions 2–8 each
 * asked once in a new message (the first comes with the greeting), no message sent twice, and the thanks.
 */
export function expectEachQuestionOnce(sent: Sent[], chatId: number): void {
  const texts = sent.filter((s) => s.method === "sendMessage").map((s) => s.text);
  const shown = JSON.stringify(texts.map((x) => x.slice(0, 40)));
  for (let k = 2; k <= LIKERT_ITEMS + 2; k++) expect(texts.filter((x) => x.startsWith(`Câu ${k}/`)), `citizen ${chatId}: ${shown}`).toHaveLength(1);
  expect(new Set(texts).size, `citizen ${chatId}: ${shown}`).toBe(texts.length);
  expect(texts.filter((x) => x.startsWith("Cảm ơn Ông/Bà đã đánh giá")), `citizen ${chatId}: ${shown}`).toHaveLength(1);
}
