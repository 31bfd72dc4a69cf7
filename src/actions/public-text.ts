// How an approved action reads to citizens (pure), the same in the chat and on the site: the topic of the
// feedback, then what was done, in the reader's language when the official gave it, else in Vietnamese.
import { formatDate } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Element } from "../survey/types.ts";
import type { Locale } from "../i18n.ts";

export interface PublicAction {
  element: Element | null;
  textVi: string;
  textEn: string | null;
  createdAt: Date;
}

export function topicName(t: Translate, locale: Locale, element: Element | null): string {
  return element ? t(locale, `element.${element}`) : t(locale, "actions.topic_other");
}

/** The text and the language it is in (a page marks Vietnamese inside an English page with lang="vi"). */
export function actionText(a: Pick<PublicAction, "textVi" | "textEn">, locale: Locale): { text: string; lang: Locale } {
  return locale === "en" && a.textEn ? { text: a.textEn, lang: "en" } : { text: a.textVi, lang: "vi" };
}

/** "Thủ tục hành chính: Đã niêm yết … (13/12/2026)": one line of the thank-you message. */
export function actionLine(t: Translate, locale: Locale, a: PublicAction, timeZone: string): string {
  return t(locale, "actions.public_line", { topic: topicName(t, locale, a.element), text: actionText(a, locale).text, date: formatDate(a.createdAt, "vi", timeZone) });
}
