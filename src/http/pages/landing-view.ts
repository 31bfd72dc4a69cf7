// The landing page of an invitation (pure rendering): which app to answer in, in the citizen's language.
// It shows the agency and nothing about the person or the dossier: the link may be photographed, shared
// or opened on a borrowed phone.
import type { Translate } from "../../i18n.ts";
import type { Locale } from "../../i18n.ts";
import { html, page, type Html } from "./html.ts";

export type LandingState =
  /** `resultsPath`: the agency's page on the public results site (same host), without its ?lang=. */
  | { kind: "open"; token: string; agencyName: string; expiresAt: Date; telegramUrl?: string; zaloUrl?: string; resultsPath: string }
  /**
   * A link that can no longer start its survey still leads somewhere: the bot's chat (a walk-in rating of
   * another visit, /help), the Zalo OA, and the agency's results (the overview for an unknown link).
   */
  | { kind: "expired" | "used" | "unknown"; chatUrl?: string; zaloUrl?: string; resultsPath: string };

export interface LandingViewOptions {
  locale: Locale;
  t: Translate;
  timeZone: string;
}

function languageSwitch(locale: Locale, t: Translate): Html {
  const link = (l: Locale, label: string) =>
    l === locale ? html`<a href="?lang=${l}" lang="${l}" aria-current="page">${label}</a>` : html`<a href="?lang=${l}" lang="${l}" hreflang="${l}">${label}</a>`;
  return html`<nav aria-label="${t(locale, "landing.language")}">${link("vi", "Tiếng Việt")} · ${link("en", "English")}</nav>`;
}

/**
 * 13/12/2026 on both pages: the date a Vietnamese receipt and counter use, which an English reader in
 * Vietnam reads the same way (no month names to translate, no US order to confuse).
 */
export function vietnameseDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "2-digit", year: "numeric", timeZone }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")}/${part("month")}/${part("year")}`;
}

/** What SIPAS is and why this answer counts, in a line, with the agency's public results (as the bot's greeting says it). */
function whyItMatters(resultsPath: string, locale: Locale, t: Translate): Html {
  return html`<p class="hint" id="why">${t(locale, "landing.why")} <a href="${resultsPath}?lang=${locale}" id="results-link">${t(locale, "landing.results_link")}</a></p>`;
}

function openBody(s: Extract<LandingState, { kind: "open" }>, { locale, t, timeZone }: LandingViewOptions): Html {
  const date = vietnameseDate(s.expiresAt, timeZone);
  const buttons: Html[] = [];
  const notes: Html[] = [];
  if (s.telegramUrl) buttons.push(html`<a class="btn telegram" id="open-telegram" href="${s.telegramUrl}">${t(locale, "landing.open_telegram")}</a>`);
  else notes.push(html`<p class="note" id="telegram-unavailable">${t(locale, "landing.telegram_unavailable")}</p>`);
  if (s.zaloUrl) buttons.push(html`<a class="btn zalo" id="open-zalo" href="${s.zaloUrl}">${t(locale, "landing.open_zalo")}</a>`);
  else notes.push(html`<p class="note" id="zalo-unavailable">${t(locale, "landing.zalo_unavailable")}</p>`);
  return html`<div class="card">
<p class="agency">${s.agencyName}</p>
<h1>${t(locale, "landing.title")}</h1>
<p>${t(locale, "landing.intro")}</p>
${whyItMatters(s.resultsPath, locale, t)}
${buttons.length ? html`<p><strong>${t(locale, "landing.choose_app")}</strong></p><div class="buttons">${buttons}</div>` : html``}
${s.zaloUrl ? html`<p class="hint">${t(locale, "landing.zalo_hint")} <code>${t(locale, "landing.zalo_message", { token: s.token })}</code></p>` : html``}
${notes}
<p class="small">${t(locale, "landing.valid_until", { date })}</p>
<p class="small">${t(locale, "landing.privacy")}</p>
</div>`;
}

function closedBody(s: Exclude<LandingState, { kind: "open" }>, { locale, t }: LandingViewOptions): Html {
  const buttons: Html[] = [];
  if (s.chatUrl) buttons.push(html`<a class="btn telegram" id="open-chat" href="${s.chatUrl}">${t(locale, "landing.open_chat_telegram")}</a>`);
  if (s.zaloUrl) buttons.push(html`<a class="btn zalo" id="open-chat-zalo" href="${s.zaloUrl}">${t(locale, "landing.open_chat_zalo")}</a>`);
  return html`<div class="card" id="${s.kind}">
<h1>${t(locale, `landing.${s.kind}_title`)}</h1>
<p>${t(locale, `landing.${s.kind}_body`)}</p>
${buttons.length ? html`<p>${t(locale, "landing.next_step")}</p><div class="buttons">${buttons}</div>` : html``}
${whyItMatters(s.resultsPath, locale, t)}
</div>`;
}

export function renderLanding(state: LandingState, opts: LandingViewOptions): string {
  const { locale, t } = opts;
  const body = state.kind === "open" ? openBody(state, opts) : closedBody(state, opts);
  return page({ lang: locale, title: t(locale, "landing.page_title"), body: html`${body}${languageSwitch(locale, t)}` });
}
