// The contract between the staff router and each staff feature (roles, subscriptions, announcements).
// A feature owns its commands, its button prefix and, while a person is in one of its dialogues, their text.
import type { InboundEvent, OutboundMessage } from "../messages.ts";
import type { Locale } from "../i18n.ts";
import type { StaffMember } from "./types.ts";

export interface StaffContext {
  event: InboundEvent;
  /** Null when the person has no staff role (a citizen, or someone about to redeem a code). */
  member: StaffMember | null;
  /** The member's language, else the provider's hint. */
  locale: Locale;
  now: Date;
  /** "telegram:<user id>": who the audit log names. */
  actor: string;
}

export type StaffReply = Promise<OutboundMessage[]>;

export interface StaffFeature {
  name: string;
  /** Slash commands (without "/") this feature answers, for staff and non-staff alike (each checks roles). */
  commands?: Record<string, (ctx: StaffContext, args: string) => StaffReply>;
  /** Button data beginning with "x:<prefix>:" goes to this feature with the rest of the data (see button-codec.ts). */
  buttonPrefix?: string;
  onButton?: (ctx: StaffContext, data: string) => StaffReply;
  /**
   * Text sent while member.pending.feature === name: all of it comes here until the feature clears
   * `pending` (a dialogue always offers a way out, e.g. /cancel), so a half-written post never leaks
   * into a survey.
   */
  onText?: (ctx: StaffContext, text: string) => StaffReply;
  /** /cancel while member.pending.feature === name: end the dialogue (clear pending) and say so. */
  onCancel?: (ctx: StaffContext) => StaffReply;
}

/** One reply in the chat the update came from, in the sender's language. */
export function say(ctx: StaffContext, text: string, extra: Partial<OutboundMessage> = {}): OutboundMessage[] {
  return [{ chatId: ctx.event.chatId, text, locale: ctx.locale, ...extra }];
}

/** For a reply to a button press: replace the message whose button was pressed, so a dialogue stays one message. */
export function inPlace(ctx: StaffContext): Partial<OutboundMessage> {
  const p = ctx.event.payload;
  return p.kind === "button" && p.messageId ? { editOf: p.messageId } : {};
}
