// The /subscribe dialogue's screens: text plus buttons for each step of a draft, in the member's language.
import type { Button } from "../messages.ts";
import { clipText } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { ScopedAgency } from "../staff/scope.ts";
import type { DigestFrequency } from "../store/subscriptions.ts";
import type { Locale } from "../i18n.ts";
import { tapButton } from "./subscribe-buttons.ts";
import { PAGE_SIZE, pages, type Action, type Draft } from "./subscribe-draft.ts";

/** Telegram shows about this many characters of a button label on a phone; longer names are cut. */
const LABEL_CHARS = 48;

export interface Screen {
  text: string;
  buttons: Button[][];
}

function agencyName(code: string, names: Map<string, ScopedAgency>, locale: Locale): string {
  return names.get(code)?.name[locale] ?? code;
}

export function languagesLabel(languages: Locale[], locale: Locale, t: Translate): string {
  return languages.length > 1 ? t(locale, "subscribe.language_both") : t(locale, `subscribe.language_${languages[0]}`);
}

export function frequencyLabel(f: DigestFrequency, locale: Locale, t: Translate): string {
  return t(locale, f === "weekly" ? "subscribe.frequency_weekly" : "subscribe.frequency_monthly");
}

export function agenciesLabel(codes: string[], names: Map<string, ScopedAgency>, locale: Locale, t: Translate): string {
  return codes.length === 0 ? t(locale, "subscribe.scope_all") : codes.map((c) => agencyName(c, names, locale)).join("; ");
}

export function renderDraft(d: Draft, names: Map<string, ScopedAgency>, locale: Locale, t: Translate): Screen {
  const b = (label: string, a: Action): Button => ({ label, data: tapButton(d, a) });
  const cancel = b(t(locale, "subscribe.button_cancel"), { kind: "cancel" });
  const back = b(t(locale, "subscribe.button_back"), { kind: "back" });
  switch (d.step) {
    case "agencies": {
      const first = d.page * PAGE_SIZE;
      const rows: Button[][] = [[b(`${d.all ? "☑" : "☐"} ${t(locale, "subscribe.all")}`, { kind: "all" })]];
      d.options.slice(first, first + PAGE_SIZE).forEach((code, i) => {
        const indent = "· ".repeat(Math.min(3, names.get(code)?.depth ?? 0));
        const mark = d.picked.includes(code) ? "☑" : "☐";
        rows.push([b(clipText(`${mark} ${indent}${agencyName(code, names, locale)}`, LABEL_CHARS), { kind: "toggle", index: first + i })]);
      });
      const n = pages(d);
      if (n > 1) {
        const nav: Button[] = [];
        if (d.page > 0) nav.push(b(t(locale, "subscribe.button_previous_page"), { kind: "page", page: d.page - 1 }));
        if (d.page < n - 1) nav.push(b(t(locale, "subscribe.button_next_page"), { kind: "page", page: d.page + 1 }));
        rows.push(nav);
      }
      rows.push([cancel, b(t(locale, "subscribe.button_continue"), { kind: "next" })]);
      const lines = [t(locale, "subscribe.step_agencies")];
      if (n > 1) lines.push(t(locale, "subscribe.page", { page: d.page + 1, pages: n }));
      if (d.needAgency) lines.push(t(locale, "subscribe.need_agency"));
      return { text: lines.join("\n\n"), buttons: rows };
    }
    case "languages":
      return {
        text: t(locale, "subscribe.step_language"),
        buttons: [
          [b(t(locale, "subscribe.language_vi"), { kind: "language", languages: ["vi"] }), b(t(locale, "subscribe.language_en"), { kind: "language", languages: ["en"] })],
          [b(t(locale, "subscribe.language_both"), { kind: "language", languages: ["vi", "en"] })],
          [back, cancel],
        ],
      };
    case "frequency":
      return {
        text: t(locale, "subscribe.step_frequency"),
        buttons: [
          [b(t(locale, "subscribe.frequency_weekly"), { kind: "frequency", frequency: "weekly" })],
          [b(t(locale, "subscribe.frequency_monthly"), { kind: "frequency", frequency: "monthly" })],
          [back, cancel],
        ],
      };
    case "confirm":
      return {
        text: t(locale, "subscribe.summary", {
          agencies: agenciesLabel(d.all ? [] : d.picked, names, locale, t),
          languages: languagesLabel(d.languages, locale, t),
          frequency: frequencyLabel(d.frequency, locale, t),
        }),
        buttons: [[b(t(locale, "subscribe.button_confirm"), { kind: "confirm" })], [back, cancel]],
      };
  }
}
