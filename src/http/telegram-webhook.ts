// POST /webhooks/telegram in webhook mode. The secret header is checked first (in constant time), so a
// stranger's body is never parsed; an authenticated body that is not a usable update gets a 400 and a log
// line, never a 500 (Telegram would redeliver a 5xx, and a 500 looks like our fault in the logs). An update
// that could not be handled now (database unreachable) gets a 503, which Telegram does redeliver.
import { createHash, timingSafeEqual } from "node:crypto";
import { Hono, type Context } from "hono";
import type { TelegramBot } from "../channels/telegram/bot.ts";
import { isAppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { readCappedBody } from "./read-body.ts";
import { requestLogger } from "./request-log.ts";
import { checkTelegramUpdate } from "./telegram-update.ts";

/** Telegram's updates are a few kilobytes; a megabyte leaves room for any caption and entity list. */
export const TELEGRAM_WEBHOOK_MAX_BODY = 1024 * 1024;
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

// Digests make the comparison constant-time whatever the header's length.
const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

export function createTelegramWebhook(bot: Pick<TelegramBot, "handleWebhookUpdate">, secretToken: string, deps: { logger: Logger }): Hono {
  const app = new Hono();
  const log = (c: Context) => requestLogger(c, deps.logger).child({ component: "telegram-webhook" });
  const expected = digest(secretToken);

  app.post(
    "/",
    async (c, next) => {
      const given = c.req.header(SECRET_HEADER);
      if (given === undefined || !timingSafeEqual(digest(given), expected)) {
        log(c).warn("Telegram webhook call without the right secret token");
        return c.json({ error: "unauthorized" }, 401);
      }
      await next();
    },
    async (c) => {
      const body = await readCappedBody(c, TELEGRAM_WEBHOOK_MAX_BODY);
      if (!body.ok && body.reason === "too_large") {
        log(c).warn({ limit: TELEGRAM_WEBHOOK_MAX_BODY }, "Telegram webhook body over the size limit");
        return c.json({ error: "too_large" }, 413);
      }
      if (!body.ok) {
        log(c).warn("Telegram webhook body broken off before its end");
        return c.json({ error: "bad_update", message: "the body could not be read to its end" }, 400);
      }
      // Parsed once, here; grammY is handed the checked object.
      const checked = checkTelegramUpdate(body.bytes);
      if (!checked.ok) {
        log(c).warn({ reason: checked.reason, contentType: c.req.header("content-type") }, "Telegram webhook body refused");
        return c.json({ error: "bad_update", message: checked.reason }, 400);
      }
      // The access line then joins this call's request id to the update id the bot logs with.
      c.set("logger", requestLogger(c, deps.logger).child({ updateId: checked.update.update_id as number }));
      try {
        const { json } = await bot.handleWebhookUpdate(checked.update);
        // A Bot API method in the response body is Telegram's "webhook reply": one request fewer to make.
        return json === null ? c.body(null, 200) : c.body(json, 200, { "content-type": "application/json" });
      } catch (e) {
        // Not handled, so not acknowledged: Telegram redelivers a non-2xx, and the delivery key makes a
        // later copy count once. Either the database is unreachable or the update outran grammY's timeout.
        const reason = isAppError(e, "unavailable") ? "unavailable" : "timeout";
        log(c).warn({ err: e, updateId: checked.update.update_id, reason }, "Telegram update not handled now; Telegram will redeliver it");
        c.header("retry-after", "5");
        return c.json({ error: reason }, 503);
      }
    },
  );
  return app;
}
