// The announcement as staff see it in the bot: the picture, both texts, where it stands, and the buttons the
// viewer may use now. Pure: everything comes in.
import type { Button, OutboundMessage } from "../messages.ts";
import { formatDateTime } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Role } from "../staff/types.ts";
import type { Locale } from "../i18n.ts";
import { announceButtons, type AnnounceButton } from "./buttons.ts";
import { approvedAsIs } from "./lifecycle.ts";
import type { Announcement } from "./types.ts";

/** Button data of this feature ("x:a:…"). */
export const btn = (action: AnnounceButton): string => announceButtons.encode(action);

export interface ViewContext {
  locale: Locale;
  role: Role | null;
  timeZone: string;
  t: Translate;
}

/** Display names of the people an announcement names by audit actor ("telegram:<id>"), where known. */
export interface PeopleNames {
  approver?: string;
  rejecter?: string;
}

// A rejection is shown while the post is still in review (rejected, edited since, or submitted again), so
// the author and the next approver see what was asked for; once approved it is history.
const SHOWS_REJECTION: readonly Announcement["status"][] = ["rejected", "draft", "pending"];

function statusLines(a: Announcement, v: ViewContext, names: PeopleNames): string[] {
  const { t, locale: l } = v;
  const lines = [t(l, "announce.bot.header", { id: a.id, version: a.version, status: t(l, `announce.status.${a.status}`) })];
  if (a.approvedBy && a.approvedAt && approvedAsIs(a)) {
    lines.push(t(l, "announce.bot.approved_by", { who: names.approver ?? a.approvedBy, at: formatDateTime(a.approvedAt, l, v.timeZone) }));
  }
  if (a.rejectedBy && a.rejectedAt && a.rejectionReason && SHOWS_REJECTION.includes(a.status)) {
    const vars = { who: names.rejecter ?? a.rejectedBy, at: formatDateTime(a.rejectedAt, l, v.timeZone), reason: a.rejectionReason };
    lines.push(t(l, a.status === "rejected" ? "announce.bot.rejected_by" : "announce.bot.rejected_before", vars));
  }
  if (a.status === "scheduled" && a.publishAt) lines.push(t(l, "announce.bot.scheduled_at", { at: formatDateTime(a.publishAt, l, v.timeZone) }));
  if (a.status === "published" && a.publishedAt) lines.push(t(l, "announce.bot.published_at", { at: formatDateTime(a.publishedAt, l, v.timeZone) }));
  return lines;
}

/** The preview's text: status, then both languages as they will be published. */
export function previewText(a: Announcement, v: ViewContext, names: PeopleNames = {}): string {
  const { t, locale: l } = v;
  return [statusLines(a, v, names).join("\n"), `${t(l, "announce.bot.label_vi")}\n${a.textVi}`, `${t(l, "announce.bot.label_en")}\n${a.textEn}`].join("\n\n");
}

/** The actions open to this viewer on this announcement now. */
export function previewButtons(a: Announcement, v: ViewContext): Button[][] {
  const { t, locale: l, role } = v;
  if (role !== "admin" && role !== "comms") return [];
  const b = (key: string, action: AnnounceButton): Button => ({ label: t(l, `announce.bot.${key}`), data: btn(action) });
  const at = { id: a.id, version: a.version };
  const edit = [b("edit_vi", { kind: "editVi", ...at }), b("edit_en", { kind: "editEn", ...at })];
  const discard = [b("discard", { kind: "discard", id: a.id })];
  switch (a.status) {
    case "draft":
    case "rejected":
      return [edit, [b("submit", { kind: "submit", ...at })], discard];
    case "pending":
      return role === "admin" ? [[b("approve", { kind: "approve", ...at }), b("reject", { kind: "reject", ...at })], edit, discard] : [edit, discard];
    case "approved":
      return [[b("publish_now", { kind: "publish", ...at }), b("schedule", { kind: "schedule", ...at })], edit, discard];
    case "scheduled":
      return [[b("publish_now", { kind: "publish", ...at }), b("unschedule", { kind: "unschedule", id: a.id })], edit, discard];
    default:
      return [];
  }
}

/** The full preview message, with the picture when there is one. */
export function previewMessage(chatId: string, a: Announcement, v: ViewContext, png?: Buffer, names: PeopleNames = {}): OutboundMessage {
  const m: OutboundMessage = { chatId, text: previewText(a, v, names), buttons: previewButtons(a, v), locale: v.locale };
  if (png) m.photo = { png, filename: `announcement-${a.id}.png` };
  return m;
}

/** Schedule choices: three quick times; typing a time works too. */
export function scheduleButtons(a: Announcement, v: ViewContext): Button[][] {
  const { t, locale: l } = v;
  const quick = (when: "tm" | "ta" | "nm") => btn({ kind: "quickTime", id: a.id, version: a.version, when });
  return [
    [{ label: t(l, "announce.bot.quick_tomorrow_morning"), data: quick("tm") }, { label: t(l, "announce.bot.quick_tomorrow_afternoon"), data: quick("ta") }],
    [{ label: t(l, "announce.bot.quick_next_monday"), data: quick("nm") }],
  ];
}

/** The question an admin answers by typing the reason for a rejection. */
export function rejectPrompt(chatId: string, a: Pick<Announcement, "id">, v: ViewContext): OutboundMessage {
  const { t, locale: l } = v;
  return {
    chatId,
    text: t(l, "announce.bot.reject_prompt", { id: a.id }),
    buttons: [[{ label: t(l, "announce.bot.reject_keep"), data: btn({ kind: "rejectCancel", id: a.id }) }]],
    locale: l,
  };
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
    buttons: list.map((a) => [{ label: t(l, "announce.bot.list_item", { id: a.id, status: t(l, `announce.status.${a.status}`) }), data: btn({ kind: "open", id: a.id }) }]),
    locale: l,
  };
}
