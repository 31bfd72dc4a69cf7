// POST /webhooks/telegram in webhook mode; grammY checks X-Telegram-Bot-Api-Secret-Token in constant time.
import { Hono } from "hono";
import type { TelegramBot } from "../channels/telegram/bot.ts";

export function createTelegramWebhook(bot: TelegramBot, secretToken: string): Hono {
  const app = new Hono();
  const handle = bot.webhookHandler(secretToken);
  app.post("/", (c) => handle(c));
  return app;
}
