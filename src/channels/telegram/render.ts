// OutboundMessage → Telegram sendMessage parameters. Plain text by default (no parse_mode), so citizen or
// agency text can never break markup; staff posts may opt into HTML built with escapeHtml(). Telegram caps
// text at 4,096 characters and photo captions at 1,024.
import type { InlineKeyboardMarkup } from "grammy/types";
import { clipText } from "../../format.ts";
import type { OutboundMessage } from "../../messages.ts";

export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;

export interface TelegramSend {
  chat_id: string;
  text: string;
  reply_markup?: InlineKeyboardMarkup;
  parse_mode?: "HTML";
}

export function toSendMessage(m: OutboundMessage): TelegramSend {
  const text = m.text.normalize("NFC");
  // Clipping HTML could cut a tag in half; HTML posts are checked for length where they are written.
  const out: TelegramSend = { chat_id: m.chatId, text: m.format === "html" ? text : clipText(text, TELEGRAM_TEXT_LIMIT) };
  if (m.format === "html") out.parse_mode = "HTML";
  if (m.buttons?.length) {
    out.reply_markup = { inline_keyboard: m.buttons.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))) };
  }
  return out;
}

/** Whether the text fits as the photo's caption, so picture and text arrive as one message. */
export function fitsCaption(m: OutboundMessage): boolean {
  return [...m.text.normalize("NFC")].length <= TELEGRAM_CAPTION_LIMIT;
}
