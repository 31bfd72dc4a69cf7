// One simulated Telegram user in a private chat with the bot: types commands and text, taps inline
// buttons by their label, and reads what the bot sent back, all through the emulated Bot API.
import type { Update } from "grammy/types";
import type { BotApiEmulator, ChatMessage } from "./bot-api.ts";

export interface CitizenProfile {
  userId: number;
  firstName: string;
  /** Telegram's language_code of the app; the bot answers in English for "en". */
  languageCode: "vi" | "en";
}

export class Citizen {
  /** The chat as the citizen saw it: their own taps and words (») and the bot's messages with buttons. */
  readonly transcript: string[] = [];

  constructor(
    private readonly api: BotApiEmulator,
    readonly profile: CitizenProfile,
  ) {}

  private get from() {
    return { id: this.profile.userId, is_bot: false, first_name: this.profile.firstName, language_code: this.profile.languageCode };
  }

  private get chat() {
    return { id: this.profile.userId, type: "private" as const, first_name: this.profile.firstName };
  }

  /** Every message the bot sent this citizen. */
  inbox(): ChatMessage[] {
    return this.api.messages(this.profile.userId);
  }

  /** The bot's latest message that has buttons. */
  lastKeyboard(): ChatMessage | undefined {
    return this.inbox().findLast((m) => m.buttons.length > 0);
  }

  private async send(update: Omit<Update, "update_id">, said: string): Promise<ChatMessage[]> {
    const before = this.inbox().length;
    this.transcript.push(`» ${said}`);
    await this.api.deliver(update);
    const replies = this.inbox().slice(before);
    for (const m of replies) {
      this.transcript.push(m.text.replace(/^/gm, "  "));
      for (const row of m.buttons) this.transcript.push(`  ${row.map((b) => `[${b.text}]`).join(" ")}`);
    }
    return replies;
  }

  /** "/start TOKEN", "/language", …: a message with a bot_command entity, as Telegram sends it. */
  command(text: string): Promise<ChatMessage[]> {
    const length = text.split(" ")[0]!.length;
    return this.send({
      message: { message_id: 0, date: 0, from: this.from, chat: this.chat, text, entities: [{ type: "bot_command", offset: 0, length }] },
    } as Omit<Update, "update_id">, text);
  }

  type(text: string): Promise<ChatMessage[]> {
    return this.send({ message: { message_id: 0, date: 0, from: this.from, chat: this.chat, text } } as Omit<Update, "update_id">, text);
  }

  /** Taps the button of the bot's latest keyboard whose label starts with `label`. */
  tap(label: string): Promise<ChatMessage[]> {
    const msg = this.lastKeyboard();
    const button = msg?.buttons.flat().find((b) => b.text.startsWith(label));
    if (!msg || !button) {
      const offered = msg ? msg.buttons.flat().map((b) => `"${b.text}"`).join(", ") : "no keyboard at all";
      throw new Error(`citizen ${this.profile.userId} looked for a button "${label}" but the bot offered ${offered}`);
    }
    return this.send({
      callback_query: {
        id: `${this.profile.userId}-${msg.messageId}`,
        from: this.from,
        chat_instance: String(this.profile.userId),
        data: button.data,
        message: { message_id: msg.messageId, date: 0, chat: this.chat, text: msg.text },
      },
    } as Omit<Update, "update_id">, `(taps) ${button.text}`);
  }
}
