// The part of a Telegram update the bot reads, checked before grammY sees it. Telegram itself only sends
// well-formed updates; anything else that carries the right secret is a broken proxy or a test tool, and
// deserves a 400 that says so rather than a TypeError deep in a handler answered as 500.
import { z } from "zod";
import { findBadText } from "../text-input.ts";

const id = z.number().int().safe();
const user = z.looseObject({
  id,
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
const chat = z.looseObject({ id, type: z.string() });
const message = z.looseObject({
  message_id: id,
  date: id,
  chat,
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(z.looseObject({ type: z.string(), offset: id, length: id })).optional(),
});

const update = z.looseObject({
  update_id: id.nonnegative(),
  message: message.optional(),
  callback_query: z
    .looseObject({ id: z.string(), from: user, data: z.string().optional(), message: message.optional() })
    .optional(),
});

export type UpdateCheck = { ok: true; update: Record<string, unknown> } | { ok: false; reason: string };

/** Parses the raw body of a webhook call into an update the bot can handle, or says why not. */
export function checkTelegramUpdate(raw: Uint8Array): UpdateCheck {
  if (raw.byteLength === 0) return { ok: false, reason: "empty body" };
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    return { ok: false, reason: "not UTF-8 JSON" };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, reason: `a JSON ${body === null ? "null" : Array.isArray(body) ? "array" : typeof body}, not an update object` };
  }
  const parsed = update.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: `not an update: ${first ? `${first.path.join(".") || "(body)"}: ${first.message}` : "invalid"}` };
  }
  const bad = findBadText(body);
  if (bad) return { ok: false, reason: `${bad.path} ${bad.reason}` };
  return { ok: true, update: body as Record<string, unknown> };
}
