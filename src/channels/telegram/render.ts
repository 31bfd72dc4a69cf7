// OutboundMessage → Telegram sendMessage parameters. Plain text (no parse_mode), so citizen or agency
// text can never break markup; Telegram caps text at 4,096 characters.
import type { InlineKeyboardMarkup } from "grammy/types";
import type { OutboundMessage } from "../channel.ts";

export const TELEGRAM_TEXT_LIMIT = 4096;

export interface TelegramSend {
  chat_id: string;
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

export function toSendMessage(m: OutboundMessage): TelegramSend {
  const text = m.text.normalize("NFC");
  const out: TelegramSend = {
    chat_id: m.chatId,
    text: [...text].length > TELEGRAM_TEXT_LIMIT ? [...text].slice(0, TELEGRAM_TEXT_LIMIT - 1).join("") + "…" : text,
  };
  if (m.buttons?.length) {
    out.reply_markup = { inline_keyboard: m.buttons.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))) };
  }
  return out;
}
