// Zalo webhook event → what the core understands. Conversation events become InboundEvents (the same command
// names as Telegram); events about the relationship or a template (follow, unfollow, rating, delivery) become
// ZaloNotices for the lead to route, because they are not turns of a conversation.
import type { InboundEvent } from "../../messages.ts";
import type { ZaloEvent } from "./payload.ts";
import { ZALO_BUTTON_PREFIX } from "./render.ts";

export type ZaloNotice =
  /** The person followed the OA: an interaction, so CS messages may reach them for 7 days. */
  | { kind: "followed"; deliveryKey: string; userId: string; userIdByApp?: string; source?: string; at: Date }
  /** The person unfollowed: treat like Telegram's "bot was blocked" (recipient stopped). */
  | { kind: "unfollowed"; deliveryKey: string; userId: string; userIdByApp?: string; at: Date }
  /**
   * A ZBS "Đánh giá dịch vụ" rating: an overall-satisfaction answer, tied to our invitation by trackingId
   * (= the tracking_id we sent). The same rating redelivered has the same deliveryKey.
   */
  | {
      kind: "rating";
      deliveryKey: string;
      msgId: string;
      rate: number;
      trackingId?: string;
      userId?: string;
      ratingType?: string;
      option?: string;
      note?: string;
      feedbacks: string[];
      submittedAt?: Date;
    }
  /** A message we sent (CS or ZNS) reached the phone; for ZNS `recipient` is the phone number (84…). */
  | { kind: "delivered"; deliveryKey: string; msgId: string; recipient: string; trackingId?: string; deliveredAt?: Date };

export type ZaloTranslation =
  | { kind: "inbound"; event: InboundEvent }
  | { kind: "notice"; notice: ZaloNotice }
  | { kind: "ignored"; reason: string };

export type CommandName = "start" | "about" | "language" | "help" | "privacy" | "cancel" | "delete";

/** Word commands: matched against the whole message, never inside an answer. */
const WORDS: Record<string, { command: CommandName; args?: string }> = {
  "bắt đầu": { command: "start" },
  "đổi ngôn ngữ": { command: "language" },
  "ngôn ngữ": { command: "language" },
  english: { command: "language", args: "en" },
  "tiếng anh": { command: "language", args: "en" },
  "tiếng việt": { command: "language", args: "vi" },
  "trợ giúp": { command: "help" },
  "giới thiệu": { command: "about" },
  "quyền riêng tư": { command: "privacy" },
  "hủy": { command: "cancel" },
  "huỷ": { command: "cancel" },
  "hủy bỏ": { command: "cancel" },
  "huỷ bỏ": { command: "cancel" },
  "xóa dữ liệu": { command: "delete" },
  "xoá dữ liệu": { command: "delete" },
};

/**
 * Accent-less spellings (people type without a Vietnamese keyboard). Only phrases of two or more words:
 * a lone "huy" is also a common given name and may well be a free-text answer.
 */
const BARE_WORDS: Record<string, { command: CommandName; args?: string }> = {
  "bat dau": { command: "start" },
  "doi ngon ngu": { command: "language" },
  "tieng anh": { command: "language", args: "en" },
  "tieng viet": { command: "language", args: "vi" },
  "tro giup": { command: "help" },
  "gioi thieu": { command: "about" },
  "quyen rieng tu": { command: "privacy" },
  "huy bo": { command: "cancel" },
  "xoa du lieu": { command: "delete" },
};

const SLASH: Record<string, CommandName> = {
  start: "start",
  about: "about",
  language: "language",
  lang: "language",
  help: "help",
  privacy: "privacy",
  cancel: "cancel",
  delete: "delete",
};

function fold(s: string): string {
  return s
    .normalize("NFC")
    .toLocaleLowerCase("vi")
    .replace(/\s+/g, " ")
    .replace(/[.!?]+$/u, "")
    .trim();
}

function stripMarks(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").normalize("NFC");
}

/** Typed text → a command, or undefined when it is an ordinary message. Args keep their case (tokens). */
export function parseZaloCommand(text: string): { command: CommandName; args: string } | undefined {
  const trimmed = text.normalize("NFC").trim();
  const slash = /^\/([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (slash) {
    const command = SLASH[slash[1]!.toLowerCase()];
    return command ? { command, args: (slash[2] ?? "").trim() } : undefined;
  }
  // "bắt đầu <token>": the invitation token typed or prefilled after the words.
  const start = /^(bắt đầu|bat dau)\s+(\S+)$/iu.exec(trimmed);
  if (start) return { command: "start", args: start[2]! };
  const folded = fold(trimmed);
  const hit = WORDS[folded] ?? BARE_WORDS[stripMarks(folded)];
  return hit ? { command: hit.command, args: hit.args ?? "" } : undefined;
}

function textPayload(text: string): InboundEvent["payload"] {
  if (text.startsWith(ZALO_BUTTON_PREFIX)) return { kind: "button", data: text.slice(ZALO_BUTTON_PREFIX.length) };
  const cmd = parseZaloCommand(text);
  return cmd ? { kind: "command", command: cmd.command, args: cmd.args } : { kind: "text", text: text.normalize("NFC") };
}

function epochMs(s: string | undefined): Date | undefined {
  if (s === undefined || !/^\d{1,16}$/.test(s)) return undefined;
  return new Date(Number(s));
}

function inbound(userId: string, msgId: string, payload: InboundEvent["payload"]): ZaloTranslation {
  // A CS reply goes to the user id, so the chat id is the user id.
  return { kind: "inbound", event: { channel: "zalo", userId, chatId: userId, deliveryKey: `zalo:${msgId}`, payload } };
}

export function zaloToInbound(e: ZaloEvent, deliveryKey: string): ZaloTranslation {
  switch (e.event_name) {
    case "follow":
      return {
        kind: "notice",
        notice: { kind: "followed", deliveryKey, userId: e.follower.id, ...(e.user_id_by_app ? { userIdByApp: e.user_id_by_app } : {}), ...(e.source ? { source: e.source } : {}), at: epochMs(e.timestamp) ?? new Date(0) },
      };
    case "unfollow":
      return {
        kind: "notice",
        notice: { kind: "unfollowed", deliveryKey, userId: e.follower.id, ...(e.user_id_by_app ? { userIdByApp: e.user_id_by_app } : {}), at: epochMs(e.timestamp) ?? new Date(0) },
      };
    case "user_feedback": {
      const m = e.message;
      const notice: Extract<ZaloNotice, { kind: "rating" }> = { kind: "rating", deliveryKey, msgId: m.msg_id, rate: m.rate, feedbacks: m.feedbacks ?? [] };
      const userId = e.sender?.id ?? e.user_id;
      if (userId) notice.userId = userId;
      if (m.tracking_id) notice.trackingId = m.tracking_id;
      if (m.rating_type) notice.ratingType = m.rating_type;
      if (m.option) notice.option = m.option;
      if (m.note) notice.note = m.note;
      const at = epochMs(m.submit_time);
      if (at) notice.submittedAt = at;
      return { kind: "notice", notice };
    }
    case "user_received_message": {
      const notice: Extract<ZaloNotice, { kind: "delivered" }> = { kind: "delivered", deliveryKey, msgId: e.message.msg_id, recipient: e.recipient.id };
      if (e.message.tracking_id) notice.trackingId = e.message.tracking_id;
      const at = epochMs(e.message.delivery_time);
      if (at) notice.deliveredAt = at;
      return { kind: "notice", notice };
    }
    case "user_click_button": {
      const raw = typeof e.message?.payload === "string" ? e.message.payload : e.message?.text;
      if (!raw) return { kind: "ignored", reason: "user_click_button without a payload" };
      const msgId = e.message?.msg_id ?? `click:${e.sender.id}:${e.timestamp}`;
      // Our buttons carry the prefix; a tap on a button we did not send is treated as what it says.
      return inbound(e.sender.id, msgId, textPayload(raw));
    }
    default: {
      const text = e.message.text?.trim();
      if (!text) return { kind: "ignored", reason: `${e.event_name} without text (media is not a survey answer)` };
      return inbound(e.sender.id, e.message.msg_id, textPayload(text));
    }
  }
}
