// The survey's messages that are not questions, in the respondent's language (pure): the greeting that
// starts a run, the thank-you that ends it, the language chooser and the erase confirmation (the walk-in
// picker: agency-picker.ts).
import type { Button } from "../messages.ts";
import type { Translate } from "../i18n.ts";
import { actionLine, type PublicAction } from "../actions/public-text.ts";
import { encodeButton } from "./callback-data.ts";
import type { Locale } from "../i18n.ts";

interface Named {
  nameVi: string;
  nameEn: string | null;
}

export const nameIn = (locale: Locale, a: Named): string => (locale === "en" && a.nameEn ? a.nameEn : a.nameVi);

/**
 * "Welcome to <agency>" (+ the procedure, for an invitation), what SIPAS is and why this answer counts, and
 * how many questions there are. Citizens read this on small phones in a hurry: the explanation is one
 * line, and /about has the rest.
 */
export function greeting(t: Translate, locale: Locale, o: { agency: string; procedure?: string | null; total: number }): string {
  return [
    t(locale, "start.greeting", { agency: o.agency }),
    o.procedure ? t(locale, "start.procedure", { procedure: o.procedure }) : null,
    t(locale, "start.why"),
    t(locale, "start.intro", { total: o.total }),
  ]
    .filter(Boolean)
    .join("\n");
}

/** How many approved actions the thank-you shows: one or two lines is what a citizen reads at the end. */
export const THANK_YOU_ACTIONS = 2;

/** The thank-you at the end, with what the agency did about earlier feedback ("you said, we did"), newest first. */
export function thankYou(t: Translate, locale: Locale, actions: PublicAction[], timeZone: string): string {
  const thanks = t(locale, "survey.completed");
  if (actions.length === 0) return thanks;
  const lines = actions.slice(0, THANK_YOU_ACTIONS).map((a) => `• ${actionLine(t, locale, a, timeZone)}`);
  return [thanks, "", t(locale, "survey.we_did"), ...lines].join("\n");
}

/** Each language named in itself. */
export function languageChooser(): Button[][] {
  return [
    [
      { label: "Tiếng Việt", data: encodeButton({ kind: "language", locale: "vi" }) },
      { label: "English", data: encodeButton({ kind: "language", locale: "en" }) },
    ],
  ];
}

export function eraseConfirmation(t: Translate, locale: Locale): Button[][] {
  return [
    [
      { label: t(locale, "delete.yes"), data: encodeButton({ kind: "delete", confirm: true }) },
      { label: t(locale, "delete.no"), data: encodeButton({ kind: "delete", confirm: false }) },
    ],
  ];
}
