// Telegram Update → InboundEvent. Only private chats are surveys; everything else is ignored.
import type { Update } from "grammy/types";
import type { InboundEvent } from "../../messages.ts";

export function telegramDeliveryKey(botId: number, updateId: number): string {
  return `telegram:${botId}:${updateId}`;
}

function nameOf(u: { first_name: string; last_name?: string; username?: string }): string {
  const full = [u.first_name, u.last_name].filter(Boolean).join(" ");
  return u.username ? `${full} (@${u.username})` : full;
}

export function toInbound(update: Update, botId: number): InboundEvent | null {
  const deliveryKey = telegramDeliveryKey(botId, update.update_id);
  const cq = update.callback_query;
  if (cq) {
    const chat = cq.message?.chat;
    if (chat && chat.type !== "private") return null;
    return {
      channel: "telegram",
      userId: String(cq.from.id),
      chatId: String(chat?.id ?? cq.from.id),
      deliveryKey,
      languageHint: cq.from.language_code,
      displayName: nameOf(cq.from),
      payload: { kind: "button", data: cq.data ?? "", messageId: cq.message ? String(cq.message.message_id) : undefined },
    };
  }
  const m = update.message;
  if (!m || m.chat.type !== "private" || !m.from || m.from.is_bot) return null;
  const base = {
    channel: "telegram" as const,
    userId: String(m.from.id),
    chatId: String(m.chat.id),
    deliveryKey,
    languageHint: m.from.language_code,
    displayName: nameOf(m.from),
  };
  const text = m.text ?? m.caption ?? "";
  const cmd = m.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (m.text && cmd) {
    const name = m.text.slice(1, cmd.length).split("@")[0]!.toLowerCase();
    return { ...base, payload: { kind: "command", command: name, args: m.text.slice(cmd.length).trim() } };
  }
  // Stickers, photos and the like arrive as empty text: the survey re-prompts with the buttons.
  return { ...base, payload: { kind: "text", text } };
}
