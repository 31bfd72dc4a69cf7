// Which language a public page speaks: ?lang= wins (the page's own switch), then the browser's
// Accept-Language preferences; Vietnamese for vi-*, for a tie, and when the browser names neither
// language or sends nothing (the page is for citizens of Vietnamese centres).
import type { Locale } from "../../i18n.ts";
import { isLocale } from "../../i18n.ts";

/** The supported locale the browser prefers most, by q-value; undefined when it names neither. */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(",")) {
    const [tag = "", ...params] = part.trim().split(";");
    const primary = tag.trim().toLowerCase().split("-")[0];
    if (!isLocale(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q || (q === best.q && primary === "vi")) best = { locale: primary, q };
  }
  return best?.locale;
}

export function pickLocale(query: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(query)) return query;
  return fromAcceptLanguage(acceptLanguage) ?? "vi";
}
