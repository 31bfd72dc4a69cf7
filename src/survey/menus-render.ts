// The survey's messages that are not questions, in the respondent's language (pure): the greeting that
// starts a run, the language chooser and the erase confirmation (the walk-in picker: agency-picker.ts).
import type { Button } from "../channels/channel.ts";
import type { Translate } from "../i18n.ts";
import { encodeButton } from "./callback-data.ts";
import type { Locale } from "./types.ts";

interface Named {
  nameVi: string;
  nameEn: string | null;
}

export const nameIn = (locale: Locale, a: Named): string => (locale === "en" && a.nameEn ? a.nameEn : a.nameVi);

/** "Welcome to <agency>" (+ the procedure, for an invitation) + how many questions there are. */
export function greeting(t: Translate, locale: Locale, o: { agency: string; procedure?: string | null; total: number }): string {
  return [
    t(locale, "start.greeting", { agency: o.agency }),
    o.procedure ? t(locale, "start.procedure", { procedure: o.procedure }) : null,
    t(locale, "start.intro", { total: o.total }),
  ]
    .filter(Boolean)
    .join("\n");
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
