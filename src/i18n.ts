// One message catalogue for every channel: t(locale, key, vars). Catalogs live in locales/{vi,en}.json.
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./project-root.ts";
import i18next, { type i18n as I18n } from "i18next";

/** The languages every message exists in; Vietnamese first (the default for anyone we know nothing of). */
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALES_DIR = path.join(PROJECT_ROOT, "locales");

export function loadCatalog(locale: Locale): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, `${locale}.json`), "utf8")) as Record<string, unknown>;
}

export type Translate = (locale: Locale, key: string, vars?: Record<string, unknown>) => string;

let instance: I18n | undefined;

/** Loads the catalogs once (synchronously) and returns a translator; safe to call repeatedly. */
export function createTranslator(): Translate {
  if (!instance) {
    const inst = i18next.createInstance();
    void inst.init({
      initAsync: false,
      fallbackLng: "vi",
      supportedLngs: [...LOCALES],
      resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: loadCatalog(l) }])),
      // Messages are plain text rendered by each channel; channels escape for their own markup.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    instance = inst;
  }
  const inst = instance;
  // Every reply renders ~10 messages from a small set of (key, variables): remember them. Bounded, since
  // variables such as agency names come from data.
  const memo = new Map<string, string>();
  return (locale, key, vars) => {
    const id = vars ? `${locale}\u0000${key}\u0000${JSON.stringify(vars)}` : `${locale}\u0000${key}`;
    let text = memo.get(id);
    if (text === undefined) {
      text = inst.t(key, { lng: locale, ...vars });
      if (memo.size >= 5_000) memo.clear();
      memo.set(id, text);
    }
    return text;
  };
}

export function isLocale(x: unknown): x is Locale {
  return typeof x === "string" && (LOCALES as readonly string[]).includes(x);
}

/** Maps a provider language hint (e.g. Telegram's `language_code`) to a supported locale; Vietnamese first. */
export function localeFromHint(hint: string | undefined): Locale {
  return hint?.toLowerCase().startsWith("en") ? "en" : "vi";
}
