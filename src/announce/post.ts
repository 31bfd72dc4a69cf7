// What a published announcement looks like on each channel: the picture, the Vietnamese text, then the
// English text (one post per target, as the preview showed it). Telegram gets HTML in which every piece of
// text is escaped, so whatever staff typed (<, &, *, _, [) arrives as typed; Zalo gets plain text.
import { escapeHtml } from "../channels/telegram/html.ts";
import type { OutboundMessage } from "../messages.ts";
import type { Translate } from "../i18n.ts";
import type { Announcement } from "./types.ts";

export type PostBody = Omit<OutboundMessage, "chatId">;

function picture(a: Announcement, png: Buffer): NonNullable<OutboundMessage["photo"]> {
  return { png, filename: `announcement-${a.id}.png` };
}

/** The link's label in both languages, since the post is bilingual. */
function linkLabel(t: Translate): string {
  return `${t("vi", "announce.post.permalink")} · ${t("en", "announce.post.permalink")}`;
}

export function telegramPost(a: Announcement, png: Buffer, t: Translate, permalink?: string | null): PostBody {
  const parts = [escapeHtml(a.textVi.trim()), `<i>${escapeHtml(a.textEn.trim())}</i>`];
  if (permalink) parts.push(`<a href="${escapeHtml(permalink)}">${escapeHtml(linkLabel(t))}</a>`);
  return { text: parts.join("\n\n"), format: "html", photo: picture(a, png), locale: "vi" };
}

export function zaloPost(a: Announcement, png: Buffer, t: Translate, permalink?: string | null): PostBody {
  const parts = [a.textVi.trim(), a.textEn.trim()];
  if (permalink) parts.push(`${linkLabel(t)}: ${permalink}`);
  return { text: parts.join("\n\n"), photo: picture(a, png), locale: "vi" };
}
