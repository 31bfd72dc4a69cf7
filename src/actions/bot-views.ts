// The messages of /action and /actions (pure): the agency picker, the topic buttons, the prompts, the preview
// of what citizens will read, a review request with its buttons, and the lists. The service decides; these
// only draw what it decided, in the reader's language.
import type { Button, OutboundMessage } from "../messages.ts";
import { formatDate } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Agency } from "../store/agencies.ts";
import type { Element } from "../survey/types.ts";
import type { Locale } from "../i18n.ts";
import { actionButtons, TOPIC_CODES, type TopicCode } from "./buttons.ts";
import { topicName } from "./public-text.ts";
import { MAX_ACTION_TEXT, type ActionRefusal } from "./rules.ts";
import type { FeedbackAction } from "./types.ts";

export interface ViewContext {
  t: Translate;
  locale: Locale;
  timeZone: string;
}

/** What the official has chosen and typed so far; the row exists only once they submit it. */
export interface ActionDraft {
  agency: Agency;
  element: Element | null;
  textVi: string;
  textEn: string | null;
}

export const PICKER_PAGE = 8;

const nameOf = (a: Pick<Agency, "nameVi" | "nameEn">, l: Locale) => (l === "en" && a.nameEn ? a.nameEn : a.nameVi);

function message(chatId: string, v: ViewContext, text: string, buttons?: Button[][]): OutboundMessage {
  return { chatId, text, locale: v.locale, ...(buttons ? { buttons } : {}) };
}

function cancelRow(v: ViewContext, nonce: string): Button[] {
  return [{ label: v.t(v.locale, "actions.bot.cancel"), data: actionButtons.encode({ kind: "discard", nonce }) }];
}

export interface PickerLevel {
  /** The agency whose children are listed (it can be chosen itself), or null for the scope's roots. */
  parent: Agency | null;
  items: Agency[];
  /** Which agencies have children (they open their own level instead of being chosen at once). */
  hasChildren: (a: Agency) => boolean;
  /** Where « goes: a level's parent id (0: the roots), or null when there is nothing above. */
  up: number | null;
  page: number;
}

/** One level of the agency tree within the scope, a page at a time, redrawn in place by each tap. */
export function pickerView(chatId: string, v: ViewContext, nonce: string, lv: PickerLevel): OutboundMessage {
  const { t, locale: l } = v;
  const rows: Button[][] = [];
  const parentId = lv.parent?.id ?? 0;
  if (lv.parent) rows.push([{ label: t(l, "actions.bot.this_agency", { agency: nameOf(lv.parent, l) }), data: actionButtons.encode({ kind: "agency", nonce, agency: lv.parent.id }) }]);
  const pages = Math.max(1, Math.ceil(lv.items.length / PICKER_PAGE));
  const page = Math.min(Math.max(lv.page, 0), pages - 1);
  for (const a of lv.items.slice(page * PICKER_PAGE, (page + 1) * PICKER_PAGE)) {
    rows.push([
      lv.hasChildren(a)
        ? { label: `${nameOf(a, l)} ›`, data: actionButtons.encode({ kind: "level", nonce, parent: a.id, page: 0 }) }
        : { label: nameOf(a, l), data: actionButtons.encode({ kind: "agency", nonce, agency: a.id }) },
    ]);
  }
  const paging: Button[] = [];
  if (page > 0) paging.push({ label: t(l, "actions.bot.previous_page"), data: actionButtons.encode({ kind: "level", nonce, parent: parentId, page: page - 1 }) });
  if (page < pages - 1) paging.push({ label: t(l, "actions.bot.next_page"), data: actionButtons.encode({ kind: "level", nonce, parent: parentId, page: page + 1 }) });
  if (paging.length) rows.push(paging);
  if (lv.up !== null) rows.push([{ label: t(l, "actions.bot.up"), data: actionButtons.encode({ kind: "level", nonce, parent: lv.up, page: 0 }) }]);
  rows.push(cancelRow(v, nonce));
  const text = lv.parent ? t(l, "actions.bot.level", { agency: nameOf(lv.parent, l) }) : t(l, "actions.bot.choose_agency");
  return message(chatId, v, `${t(l, "actions.bot.intro")}\n\n${text}`, rows);
}

export function topicView(chatId: string, v: ViewContext, nonce: string, agency: Agency): OutboundMessage {
  const { t, locale: l } = v;
  const topics = (Object.entries(TOPIC_CODES) as [TopicCode, Element | null][]).map(([topic, element]) => [
    { label: topicName(t, l, element), data: actionButtons.encode({ kind: "topic", nonce, topic }) },
  ]);
  const back = { label: t(l, "actions.bot.back"), data: actionButtons.encode({ kind: "level", nonce, parent: 0, page: 0 }) };
  return message(chatId, v, t(l, "actions.bot.choose_topic", { agency: nameOf(agency, l) }), [...topics, [back, ...cancelRow(v, nonce)]]);
}

export function textPrompt(chatId: string, v: ViewContext, nonce: string, agency: Agency, element: Element | null, lang: "vi" | "en"): OutboundMessage {
  const { t, locale: l } = v;
  const key = lang === "vi" ? "actions.bot.text_prompt" : "actions.bot.english_prompt";
  return message(chatId, v, t(l, key, { agency: nameOf(agency, l), topic: topicName(t, l, element), max: MAX_ACTION_TEXT }), [cancelRow(v, nonce)]);
}

/** Exactly what a citizen will read (both languages), and what happens next. */
export function previewView(chatId: string, v: ViewContext, nonce: string, d: ActionDraft): OutboundMessage {
  const { t, locale: l } = v;
  const lines = [
    t(l, "actions.bot.preview_title", { agency: nameOf(d.agency, l) }),
    "",
    `🇻🇳 ${t("vi", "actions.public_topic", { topic: topicName(t, "vi", d.element) })}: ${d.textVi}`,
    d.textEn ? `🇬🇧 ${t("en", "actions.public_topic", { topic: topicName(t, "en", d.element) })}: ${d.textEn}` : t(l, "actions.bot.no_english"),
    "",
    t(l, "actions.bot.preview_next"),
  ];
  return message(chatId, v, lines.join("\n"), [
    [{ label: t(l, "actions.bot.submit"), data: actionButtons.encode({ kind: "submit", nonce }) }],
    [
      { label: t(l, "actions.bot.edit"), data: actionButtons.encode({ kind: "edit", nonce }) },
      { label: t(l, d.textEn ? "actions.bot.edit_english" : "actions.bot.add_english"), data: actionButtons.encode({ kind: "english", nonce }) },
    ],
    cancelRow(v, nonce),
  ]);
}

/** An action as a reviewer or its author sees it: who, where, about what, the texts and where it stands. */
export function actionCard(v: ViewContext, a: FeedbackAction, author: string): string {
  const { t, locale: l } = v;
  const status = t(l, `actions.status.${a.status}`);
  const decided = a.decidedAt && a.decidedBy ? ` · ${t(l, "actions.bot.decided", { at: formatDate(a.decidedAt, "vi", v.timeZone) })}` : "";
  return [
    t(l, "actions.bot.card_head", { id: a.id, agency: nameOf(a.agency, l), author, date: formatDate(a.createdAt, "vi", v.timeZone) }),
    `${t(l, "actions.public_topic", { topic: topicName(t, l, a.element) })}:`,
    `🇻🇳 ${a.textVi}`,
    ...(a.textEn ? [`🇬🇧 ${a.textEn}`] : []),
    `${status}${decided}`,
  ].join("\n");
}

/** The buttons a reviewer has on an action: decide a pending one, take down an approved one. */
export function reviewButtons(v: ViewContext, a: FeedbackAction): Button[][] {
  const { t, locale: l } = v;
  if (a.status === "pending") {
    return [
      [
        { label: t(l, "actions.bot.approve"), data: actionButtons.encode({ kind: "approve", id: a.id }) },
        { label: t(l, "actions.bot.reject"), data: actionButtons.encode({ kind: "reject", id: a.id }) },
      ],
    ];
  }
  if (a.status === "approved") return [[{ label: t(l, "actions.bot.take_down"), data: actionButtons.encode({ kind: "takeDown", id: a.id }) }]];
  return [];
}

export function reviewMessage(chatId: string, v: ViewContext, a: FeedbackAction, author: string, lead?: string): OutboundMessage {
  const card = actionCard(v, a, author);
  return message(chatId, v, lead ? `${lead}\n\n${card}` : card, reviewButtons(v, a));
}

export function refusalText(r: ActionRefusal, id: string, v: ViewContext): string {
  const { t, locale: l } = v;
  switch (r.reason) {
    case "wrong_status":
      return t(l, "actions.refusal.wrong_status", { id, status: t(l, `actions.status.${r.status}`) });
    case "too_long":
      return t(l, "actions.refusal.too_long", { max: r.max, length: r.length });
    case "unknown_agency":
    case "out_of_scope":
      return t(l, `actions.refusal.${r.reason}`, { agency: r.agency });
    default:
      return t(l, `actions.refusal.${r.reason}`, { id });
  }
}

