// A Telegram Bot API emulator on loopback (telegram-test-api) and a "citizen" who taps and types.
import net from "node:net";
import telegramTestApi from "telegram-test-api";
import type { TelegramServer as TelegramServerClass } from "telegram-test-api/lib/telegramServer.js";

// The package is CommonJS with `module.exports = TelegramServer`; its typings describe an ES default export.
const TelegramServer = telegramTestApi as unknown as typeof TelegramServerClass;
type TelegramServer = TelegramServerClass;
import type { UserFromGetMe } from "grammy/types";

export const TEST_BOT_TOKEN = "123456789:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-ra";

/** What the emulator's getMe answers; passing it skips the call. */
export const EMULATOR_BOT_INFO = {
  id: 666,
  is_bot: true,
  first_name: "Test",
  username: "TestNameBot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startEmulator(): Promise<{ server: TelegramServer; apiRoot: string; stop(): Promise<void> }> {
  const port = await freePort();
  const server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 600 });
  await server.start();
  return { server, apiRoot: server.config.apiURL.replace(/\/$/, ""), stop: async () => void (await server.stop()) };
}

export interface BotMessage {
  messageId: number;
  text: string;
  buttons: { text: string; callback_data: string }[][];
}

type Client = ReturnType<TelegramServer["getClient"]>;

export class Citizen {
  readonly client: Client;
  last: BotMessage | undefined;
  constructor(
    private readonly server: TelegramServer,
    readonly userId: number,
    token = TEST_BOT_TOKEN,
  ) {
    this.client = server.getClient(token, { userId, chatId: userId, firstName: `Citizen${userId}`, timeout: 5000 });
  }

  /** Every bot message in this chat as it reads now, after the bot's edits (the emulator applies them in place). */
  screen(): BotMessage[] {
    return this.server.storage.botMessages
      .filter((u) => String(u.message.chat_id) === String(this.userId))
      .map((u) => {
        const markup = u.message.reply_markup as { inline_keyboard?: BotMessage["buttons"] } | undefined;
        return { messageId: u.messageId, text: u.message.text, buttons: markup?.inline_keyboard ?? [] };
      });
  }

  /** Waits until the chat reads as `check` wants: edits are sent after the replies a tap waits for. */
  async settle(check: (screen: BotMessage[]) => boolean, timeoutMs = 5_000): Promise<BotMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (check(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`citizen ${this.userId}: the chat never settled: ${JSON.stringify(screen)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Waits for the bot's replies; resolves with at least `min` messages (default 1). */
  async replies(min = 1, timeoutMs = 15_000): Promise<BotMessage[]> {
    const out: BotMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    while (out.length < min) {
      if (Date.now() > deadline) throw new Error(`citizen ${this.userId}: expected ${min} bot message(s), got ${out.length}`);
      const res = await this.client.getUpdates().catch(() => ({ result: [] as never[] }));
      for (const u of res.result as { messageId: number; message: { text: string; reply_markup?: unknown } }[]) {
        const markup = u.message.reply_markup as { inline_keyboard?: BotMessage["buttons"] } | string | undefined;
        const parsed = typeof markup === "string" ? (JSON.parse(markup) as { inline_keyboard?: BotMessage["buttons"] }) : markup;
        out.push({ messageId: u.messageId, text: u.message.text, buttons: parsed?.inline_keyboard ?? [] });
      }
      if (out.length < min) await new Promise((r) => setTimeout(r, 50));
    }
    this.last = out[out.length - 1];
    return out;
  }

  async command(text: string): Promise<BotMessage[]> {
    await this.client.sendCommand(this.client.makeCommand(text));
    return this.replies();
  }

  /** Types `text`; waits for `min` replies (a survey that ends with a low score sends the thanks and an offer). */
  async type(text: string, min = 1): Promise<BotMessage[]> {
    await this.client.sendMessage(this.client.makeMessage(text));
    return this.replies(min);
  }

  /** Presses a button of `msg` (default: the last bot message) whose label starts with `labelStart`. */
  async tap(labelStart: string, msg = this.last): Promise<BotMessage[]> {
    const button = msg?.buttons.flat().find((b) => b.text.startsWith(labelStart));
    if (!msg || !button) throw new Error(`no button starting with "${labelStart}" in: ${JSON.stringify(msg?.buttons)}`);
    return this.press(button.callback_data, msg.messageId);
  }

  async press(data: string, messageId = this.last?.messageId ?? 1): Promise<BotMessage[]> {
    await this.client.sendCallback(this.client.makeCallbackQuery(data, { message: { message_id: messageId } }));
    return this.replies();
  }
}
