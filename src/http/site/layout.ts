// The page shell of the public results site: header with the language switch, navigation, footer, and
// the headers every page sends. No script anywhere, so the CSP forbids scripts outright; styles come only
// from the served stylesheet and images only from this site.
import type { Translate } from "../../i18n.ts";
import type { Locale } from "../../i18n.ts";
import { html, Html } from "../pages/html.ts";
import { SITE_CSS_VERSION } from "./stylesheet.ts";

export const SITE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const SITE_HEADERS: Record<string, string> = {
  "content-security-policy": SITE_CSP,
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-content-type-options": "nosniff",
  vary: "Accept-Language",
};

/** A link on the site in the reader's language: the language travels in the address, so pages cache per URL. */
export function siteHref(path: string, locale: Locale): string {
  return `${path}?lang=${locale}`;
}

export function agencyPath(code: string): string {
  return `/results/agencies/${encodeURIComponent(code)}`;
}

export type NavKey = "overview" | "data";

export interface ShellOptions {
  locale: Locale;
  t: Translate;
  /** The page's own path, for the language switch and the alternate-language links. */
  path: string;
  title: string;
  nav: NavKey | null;
  body: Html;
  footer: Html;
}

function languageSwitch(o: ShellOptions): Html {
  const link = (l: Locale, label: string) =>
    l === o.locale
      ? html`<li><a href="${siteHref(o.path, l)}" lang="${l}" aria-current="true">${label}</a></li>`
      : html`<li><a href="${siteHref(o.path, l)}" lang="${l}" hreflang="${l}">${label}</a></li>`;
  return html`<nav aria-label="${o.t(o.locale, "site.language")}" id="language"><ul>${link("vi", "Tiếng Việt")}${link("en", "English")}</ul></nav>`;
}

function mainNav(o: ShellOptions): Html {
  const item = (key: NavKey, path: string, label: string) =>
    html`<li><a href="${siteHref(path, o.locale)}"${new Html(o.nav === key ? ' aria-current="page"' : "")}>${label}</a></li>`;
  return html`<nav aria-label="${o.t(o.locale, "site.nav_label")}"><ul>${item("overview", "/", o.t(o.locale, "site.nav_overview"))}${item("data", "/results/data", o.t(o.locale, "site.nav_data"))}</ul></nav>`;
}

export function shell(o: ShellOptions): string {
  const { locale, t } = o;
  return `<!doctype html>${html`<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ${t(locale, "site.name")}</title>
<link rel="stylesheet" href="/results/site.css?v=${SITE_CSS_VERSION}">
<link rel="icon" href="/results/icon.svg" type="image/svg+xml">
<link rel="alternate" hreflang="vi" href="${siteHref(o.path, "vi")}">
<link rel="alternate" hreflang="en" href="${siteHref(o.path, "en")}">
</head>
<body>
<a class="skip" href="#content">${t(locale, "site.skip")}</a>
<header><div class="bar"><a class="brand" href="${siteHref("/", locale)}">${t(locale, "site.name")}</a>${languageSwitch(o)}${mainNav(o)}</div></header>
<main id="content" tabindex="-1">
${o.body}
</main>
<footer>${o.footer}</footer>
</body>
</html>`.value}`;
}
