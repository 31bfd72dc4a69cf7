// The survey's messages that are not questions, in the respondent's language (pure): the greeting that
// starts a run, the agency picker for walk-ins, the language chooser and the erase confirmation.
import type { Button } from "../channels/channel.ts";
import type { Translate } from "../i18n.ts";
import { encodeButton } from "./callback-data.ts";
import type { Locale } from "./types.ts";

export const AGENCY_PAGE_SIZE = 8;

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

/** One page of agencies to choose from (a walk-in response), with previous/next when there are more. */
export function agencyPicker(t: Translate, locale: Locale, page: number, agencies: (Named & { id: number })[], total: number): Button[][] {
  const rows: Button[][] = agencies.map((a) => [{ label: nameIn(locale, a), data: encodeButton({ kind: "agency", agencyId: a.id }) }]);
  const nav: Button[] = [];
  if (page > 0) nav.push({ label: t(locale, "start.previous_page"), data: encodeButton({ kind: "agency-page", page: page - 1 }) });
  if ((page + 1) * AGENCY_PAGE_SIZE < total) nav.push({ label: t(locale, "start.next_page"), data: encodeButton({ kind: "agency-page", page: page + 1 }) });
  if (nav.length) rows.push(nav);
  return rows;
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
