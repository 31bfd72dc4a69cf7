// bench/broadcast: one announcement to many recipients through the broadcaster and the REAL grammY Telegram
// channel, against a loopback Bot API that enforces Telegram's flood limits (30 messages/s in any sliding
// second, 1 message/s per chat) and answers 429 beyond them, and 403 for a few chats that blocked the bot.
//
//   npm run bench:broadcast
//
// Knobs (environment): BENCH_RECIPIENTS (5000), BENCH_BLOCKED (5 chats answering 403),
// BENCH_RATE (29: the broadcaster's global limit; the server allows 30), BENCH_STRICT=1 (exit 1 on a miss).
//
// The channel is built with auto-retry told never to wait (maxDelaySeconds 0), so a 429 reaches the
// broadcaster instead of being slept through inside grammY. 429s are counted at the server regardless:
// that is the number Telegram would hold against the bot.
import type { UserFromGetMe } from "grammy/types";
import pino from "pino";
import { createBroadcaster } from "../src/broadcast/broadcaster.ts";
import type { BroadcastMessage } from "../src/broadcast/types.ts";
import { createTelegramBot } from "../src/channels/telegram/bot.ts";
import { createTranslator } from "../src/i18n.ts";
import { startRateLimitedBotApi } from "./lib/rate-limited-bot-api.ts";
import { fmt } from "./lib/stats.ts";

function numEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number ≥ ${min} (got "${raw}")`);
  return n;
}

const RECIPIENTS = Math.floor(numEnv("BENCH_RECIPIENTS", 5000, 1));
const BLOCKED = Math.min(RECIPIENTS, Math.floor(numEnv("BENCH_BLOCKED", 5, 0)));
const RATE = numEnv("BENCH_RATE", 29, 1);
const STRICT = process.env.BENCH_STRICT === "1";
const TARGET_PER_S = 28;
const SERVER_LIMIT = 30;

const BOT_TOKEN = "987654321:BENCHbenchBENCHbenchBENCHbench_-1";
const BOT_INFO = {
  id: 987654321,
  is_bot: true,
  first_name: "Hailong bench",
  username: "HailongBenchBot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

const vn = new Intl.NumberFormat("vi-VN");

async function main(): Promise<void> {
  const chatIds = Array.from({ length: RECIPIENTS }, (_, i) => String(800_000_000 + i));
  // Blocked chats spread through the list, so 403s arrive mid-run rather than in one clump.
  const blocked = Array.from({ length: BLOCKED }, (_, k) => chatIds[Math.floor(((k + 0.5) * RECIPIENTS) / BLOCKED)]!);
  const api = await startRateLimitedBotApi({ globalPerSecond: SERVER_LIMIT, perChatPerSecond: 1, blockedChatIds: blocked });
  const warnings: string[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) });
  const tg = createTelegramBot(
    { token: BOT_TOKEN, apiRoot: api.apiRoot, botInfo: BOT_INFO, retry: { maxRetryAttempts: 0, maxDelaySeconds: 0 } },
    { handler: { handle: async () => [] }, t: createTranslator(), logger },
  );
  const stoppedSeen: string[] = [];
  const t0 = performance.now();
  const broadcaster = createBroadcaster({
    channel: tg.channel,
    logger,
    limits: { globalPerSecond: RATE, perChatPerSecond: 1 },
    onStopped: (chatId) => void stoppedSeen.push(chatId),
    onProgress: (p) => {
      const s = (performance.now() - t0) / 1000;
      console.log(`  Đã gửi ${vn.format(p.done)}/${vn.format(p.total)}  (${fmt(s)} s, ${fmt(p.sent / s)} messages/s)`);
    },
  });
  const messages: BroadcastMessage[] = chatIds.map((chatId, i) => ({
    id: `bench-${i}`,
    chatId,
    locale: "vi",
    text: "Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63, tăng 8 bậc so với năm 2020.",
  }));

  console.log(`bench/broadcast: ${vn.format(RECIPIENTS)} recipients (${BLOCKED} blocked), broadcaster at ${RATE}/s, server limit ${SERVER_LIMIT}/s and 1/s per chat, node ${process.version}`);
  try {
    const report = await broadcaster.send({ id: "bench", messages });
    const seconds = report.durationMs / 1000;
    const c = api.counters;
    const doubled = [...api.deliveredTo.values()].filter((n) => n > 1).length;
    const missing = chatIds.filter((id) => !blocked.includes(id) && !api.deliveredTo.has(id)).length;
    const tooMany = c.tooManyGlobal + c.tooManyPerChat;
    console.log("");
    console.log(`  total time            ${fmt(seconds)} s`);
    console.log(`  messages/s            ${fmt(report.rate, 2)}  (delivered ${vn.format(report.sent)}; target ≥ ${TARGET_PER_S})`);
    console.log(`  requests/s at server  ${fmt(c.requests / seconds, 2)}  (most in one sliding second: ${c.maxInWindow}, limit ${SERVER_LIMIT})`);
    console.log(`  429s answered         ${tooMany}  (global ${c.tooManyGlobal}, per chat ${c.tooManyPerChat}; broadcaster saw ${report.rateLimited}; target 0)`);
    console.log(`  403s answered         ${c.forbidden}  (reported stopped ${report.stopped.length}, onStopped calls ${stoppedSeen.length})`);
    console.log(`  failures              ${report.failed.length}  (retried ${report.retried}, unsent ${report.unsentIds.length})`);
    console.log(`  delivery check        ${missing} missing, ${doubled} chats doubled, ${warnings.length} warnings logged`);
    const met = report.rate >= TARGET_PER_S && tooMany === 0 && missing === 0 && doubled === 0 && report.failed.length === 0 && warnings.length === 0;
    console.log(`  target                ${met ? "met" : "MISSED"}`);
    if (STRICT && !met) process.exitCode = 1;
  } finally {
    await api.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
