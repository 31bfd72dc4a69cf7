// OutboundMessage → the exact body of POST /v3.0/oa/message/cs.
//
// Buttons: Zalo's "quick reply" is a template button of type `oa.query.hide`; a tap sends its payload back to
// us without showing it in the chat. Our payload is `#hl:` + the core's compact callback data, so to-inbound
// can tell a tap from typed text. How many buttons the OA renders is not documented (channels.md §A.3: some
// integrations cap at 3, partner samples show 5), so the limit is ZALO_MAX_BUTTONS (default 5). A message
// whose buttons do not all fit is sent as a numbered text prompt instead ("1 – …" lines plus a hint to type
// the number); the core's typed-answer parser already reads digits. Half a keyboard would be worse than none.
import { clipText } from "../../format.ts";
import type { Button, OutboundMessage } from "../../messages.ts";
import { BUTTON_PAYLOAD_LIMIT, BUTTON_TITLE_LIMIT, type ZaloCsRequest } from "./client.ts";

export const ZALO_BUTTON_PREFIX = "#hl:";

export interface ZaloRenderOptions {
  /** Most buttons per message before falling back to text (0 = always text). */
  maxButtons: number;
}

const HINT = {
  vi: (range: string) => `Trả lời bằng cách gõ số ${range}.`,
  en: (range: string) => `Reply by typing a number ${range}.`,
};
const ALSO = {
  vi: (words: string) => `Hoặc gõ: ${words}`,
  en: (words: string) => `Or type: ${words}`,
};

/** The text prompt used when buttons cannot be shown: the labels, and how to answer by typing. */
export function numberedPrompt(text: string, buttons: Button[], locale: OutboundMessage["locale"]): string {
  const numbered = buttons.filter((b) => /^\d+(\s|$)/.test(b.label.trim()));
  const others = buttons.filter((b) => !numbered.includes(b));
  const lines: string[] = [text];
  if (numbered.length > 0) {
    const bare = numbered.every((b) => /^\d+$/.test(b.label.trim()));
    lines.push("", bare ? numbered.map((b) => b.label.trim()).join(" · ") : numbered.map((b) => b.label.trim()).join("\n"));
    const digits = numbered.map((b) => Number(/^\d+/.exec(b.label.trim())![0]));
    const range = digits.length > 1 ? `${Math.min(...digits)}–${Math.max(...digits)}` : String(digits[0]);
    lines.push("", HINT[locale](range));
  } else if (others.length > 0) {
    lines.push("", others.map((b) => `• ${b.label.trim()}`).join("\n"));
  }
  if (numbered.length > 0 && others.length > 0) lines.push(ALSO[locale](others.map((b) => `“${b.label.trim()}”`).join(", ")));
  return lines.join("\n");
}

export function renderZaloMessage(msg: OutboundMessage, opts: ZaloRenderOptions): ZaloCsRequest {
  const text = msg.text.normalize("NFC");
  const buttons = (msg.buttons ?? []).flat();
  const recipient = { user_id: msg.chatId };
  if (buttons.length === 0) return { recipient, message: { text } };
  const fits =
    buttons.length <= opts.maxButtons &&
    buttons.every((b) => [...(ZALO_BUTTON_PREFIX + b.data)].length <= BUTTON_PAYLOAD_LIMIT);
  if (!fits) return { recipient, message: { text: numberedPrompt(text, buttons, msg.locale).normalize("NFC") } };
  return {
    recipient,
    message: {
      text,
      attachment: {
        type: "template",
        payload: {
          buttons: buttons.map((b) => ({
            title: clipText(b.label.normalize("NFC"), BUTTON_TITLE_LIMIT),
            type: "oa.query.hide" as const,
            payload: ZALO_BUTTON_PREFIX + b.data,
          })),
        },
      },
    },
  };
}
