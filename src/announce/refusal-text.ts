// A refusal in words, for the bot and the CLI alike.
import type { Translate } from "../i18n.ts";
import type { Locale } from "../i18n.ts";
import type { RefusalVars } from "./draft.ts";
import type { Refusal } from "./lifecycle.ts";

export function refusalText(r: Refusal, id: string, l: Locale, t: Translate): string {
  const key = `announce.refused.${r.reason}`;
  switch (r.reason) {
    case "wrong_status":
      return t(l, key, { id, status: t(l, `announce.status.${r.status}`), action: t(l, `announce.action.${r.step === "draft" ? "edit" : r.step}`) });
    case "stale_version":
      return t(l, key, { id, version: r.version });
    case "too_long":
      return t(l, key, { length: r.length, max: r.max });
    case "failed":
      return t(l, key, { id, detail: r.detail });
    default:
      return t(l, key, { id });
  }
}

/** A source that could not be drafted (see DraftRefused), with names in the reader's language. */
export function draftRefusalText(reason: string, vars: RefusalVars, l: Locale, t: Translate): string {
  const inLocale = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === "object" ? v[l] : v]));
  return t(l, `announce.refused.${reason}`, inLocale);
}
