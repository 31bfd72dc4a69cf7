// The channel-neutral vocabulary at the seam between providers and the core: channels translate provider
// payloads into these and back, the core decides. A leaf: survey, staff, digest and channels all import it,
// and it imports nothing but the language type.
import type { Locale } from "./i18n.ts";

export type ChannelName = "telegram" | "zalo";

/** A provider event, already translated; the core never sees provider payloads. */
export interface InboundEvent {
  channel: ChannelName;
  /** Provider user id as a string (Zalo ids exceed 2^53). */
  userId: string;
  /** Where to reply. */
  chatId: string;
  /** Unique per provider delivery (e.g. `telegram:<update_id>`), for redelivery dedupe. */
  deliveryKey: string;
  /** The provider's hint of the person's language, if any. */
  languageHint?: string;
  /**
   * The person's name as the provider shows it. Only staff records keep it (so admins recognise who
   * redeemed a code); the survey never stores it, since respondents are pseudonymous.
   */
  displayName?: string;
  payload:
    | { kind: "command"; command: string; args: string }
    | { kind: "text"; text: string }
    /** A button press: our own compact callback data, still unverified. */
    | { kind: "button"; data: string; messageId?: string };
}

export interface Button {
  label: string;
  /** Compact callback data (≤ 64 bytes on Telegram). */
  data: string;
}

/** A channel-neutral message: text plus rows of buttons. */
export interface OutboundMessage {
  chatId: string;
  text: string;
  buttons?: Button[][];
  locale: Locale;
  /**
   * "html": the text is Telegram HTML built with escapeHtml() around every interpolated value (staff
   * posts only). Default plain text, which no citizen or agency text can break.
   */
  format?: "plain" | "html";
  /** A picture sent just before the text (charts). Telegram: sendPhoto; Zalo: uploaded, then a media message. */
  photo?: { png: Buffer; filename: string };
  /** Replace the text of this earlier message (progress updates) instead of sending a new one. */
  editOf?: string;
  /** With editOf: change only that message's buttons (none = take them off) and keep its text. */
  keyboardOnly?: boolean;
  /**
   * Called with the provider's id of the sent message, by channels that can edit it later (Telegram), so
   * the core can take a question's keyboard off once it is answered by typing. Zalo never calls it.
   */
  onSent?: (messageId: string) => void;
}

export type SendFailureKind =
  | "recipient-stopped"
  | "rate-limited"
  | "window-expired"
  | "bad-request"
  | "unreachable"
  | "quota"
  | "quiet-hours"
  | "unknown";

export type SendResult =
  | { ok: true; messageId?: string }
  | { ok: false; failure: SendFailureKind; retryable: boolean; retryAfterSeconds?: number; detail?: string };

export interface Channel {
  readonly name: ChannelName;
  send(message: OutboundMessage): Promise<SendResult>;
}
