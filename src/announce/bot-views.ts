// The announcement as staff see it in the bot: the picture, both texts, where it stands, and the buttons the
// viewer may use now. Pure: everything comes in.
import type { Button, OutboundMessage } from "../channels/channel.ts";
import { formatDateTime } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Role } from "../staff/feature.ts";
import { staffButton } from "../staff/feature.ts";
import type { Locale } from "../survey/types.ts";
import { approvedAsIs } from "./lifecycle.ts";
import type { Announcement } from "./types.ts";

export const BUTTON_PREFIX = "a";

/** Button data of this feature: "x:a:<rest>". */
export const btn = (rest: string): string => staffButton(BUTTON_PREFIX, rest);

export interface ViewContext {
  locale: Locale;
  role: Role | null;
  timeZone: string;
  t: Translate;
}

function statusLines(a: Announcement, v: ViewContext, approver?: string): string[] {
  const { t, locale: l } = v;
  const lines = [t(l, "announce.bot.header", { id: a.id, version: a.version, status: t(l, `announce.status.${a.status}`) })];
  if (a.approvedBy && a.approvedAt && approvedAsIs(a)) {
    lines.push(t(l, "announce.bot.approved_by", { who: approver ?? a.approvedBy, at: formatDateTime(a.approvedAt, l, v.timeZone) }));
  }
  if (a.status === "scheduled" && a.publishAt) lines.push(t(l, "announce.bot.scheduled_at", { at: formatDateTime(a.publishAt, l, v.timeZone) }));
  if (a.status === "published" && a.publishedAt) lines.push(t(l, "announce.bot.published_at", { at: formatDateTime(a.publishedAt, l, v.timeZone) }));
  return lines;
}

/** The preview's text: status, then both languages as they will be published. `approver`: a name for the approver's id. */
export function previewText(a: Announcement, v: ViewContext, approver?: string): string {
  const { t, locale: l } = v;
  return [statusLines(a, v, approver).join("\n"), `${t(l, "announce.bot.label_vi")}\n${a.textVi}`, `${t(l, "announce.bot.label_en")}\n${a.textEn}`].join("\n\n");
}

/** The actions open to this viewer on this announcement now. */
export function previewButtons(a: Announcement, v: ViewContext): Button[][] {
  const { t, locale: l, role } = v;
  if (role !== "admin" && role !== "comms") return [];
  const b = (key: string, data: string): Button => ({ label: t(l, `announce.bot.${key}`), data: btn(data) });
  const at = `${a.id}:${a.version}`;
  const edit = [b("edit_vi", `ev:${at}`), b("edit_en", `ee:${at}`)];
  const discard = [b("discard", `d:${a.id}`)];
  switch (a.status) {
    case "draft":
    case "rejected":
      return [edit, [b("submit", `s:${at}`)], discard];
    case "pending":
      return role === "admin" ? [[b("approve", `ap:${at}`), b("reject", `rj:${at}`)], edit, discard] : [edit, discard];
    case "approved":
      return [[b("publish_now", `p:${at}`), b("schedule", `sc:${at}`)], edit, discard];
    case "scheduled":
      return [[b("publish_now", `p:${at}`), b("unschedule", `us:${a.id}`)], edit, discard];
    default:
      return [];
  }
}

/** The full preview message, with the picture when there is one. */
export function previewMessage(chatId: string, a: Announcement, v: ViewContext, png?: Buffer, approver?: string): OutboundMessage {
  const m: OutboundMessage = { chatId, text: previewText(a, v, approver), buttons: previewButtons(a, v), locale: v.locale };
  if (png) m.photo = { png, filename: `announcement-${a.id}.png` };
  return m;
}

/** Schedule choices: three quick times; typing a time works too. */
export function scheduleButtons(a: Announcement, v: ViewContext): Button[][] {
  const { t, locale: l } = v;
  const at = `${a.id}:${a.version}`;
  return [
    [{ label: t(l, "announce.bot.quick_tomorrow_morning"), data: btn(`sq:${at}:tm`) }, { label: t(l, "announce.bot.quick_tomorrow_afternoon"), data: btn(`sq:${at}:ta`) }],
    [{ label: t(l, "announce.bot.quick_next_monday"), data: btn(`sq:${at}:nm`) }],
  ];
}

/** Recent announcements, one button each. */
export function listMessage(chatId: string, list: Announcement[], v: ViewContext): OutboundMessage {
  const { t, locale: l } = v;
  if (list.length === 0) return { chatId, text: t(l, "announce.bot.list_empty"), locale: l };
  const title = (a: Announcement) => {
    const first = (l === "en" ? a.textEn : a.textVi).split("\n")[0] ?? "";
    return first.length > 48 ? `${first.slice(0, 47)}…` : first;
  };
  return {
    chatId,
    text: [t(l, "announce.bot.list_header"), ...list.map((a) => `• ${t(l, "announce.bot.list_item", { id: a.id, status: t(l, `announce.status.${a.status}`) })} — ${title(a)}`)].join("\n"),
    buttons: list.map((a) => [{ label: t(l, "announce.bot.list_item", { id: a.id, status: t(l, `announce.status.${a.status}`) }), data: btn(`o:${a.id}`) }]),
    locale: l,
  };
}
