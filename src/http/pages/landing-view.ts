// The landing page of an invitation (pure rendering): which app to answer in, in the citizen's language.
// It shows the agency and nothing about the person or the dossier: the link may be photographed, shared
// or opened on a borrowed phone.
import type { Translate } from "../../i18n.ts";
import type { Locale } from "../../survey/types.ts";
import { html, page, type Html } from "./html.ts";

export type LandingState =
  | { kind: "open"; token: string; agencyName: string; expiresAt: Date; telegramUrl?: string; zaloUrl?: string }
  | { kind: "expired" | "used" | "unknown" };

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

function openBody(s: Extract<LandingState, { kind: "open" }>, { locale, t, timeZone }: LandingViewOptions): Html {
  const date = new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", { dateStyle: "long", timeZone }).format(s.expiresAt);
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
${buttons.length ? html`<p><strong>${t(locale, "landing.choose_app")}</strong></p><div class="buttons">${buttons}</div>` : html``}
${s.zaloUrl ? html`<p class="hint">${t(locale, "landing.zalo_hint")} <code>${t(locale, "landing.zalo_message", { token: s.token })}</code></p>` : html``}
${notes}
<p class="small">${t(locale, "landing.valid_until", { date })}</p>
<p class="small">${t(locale, "landing.privacy")}</p>
</div>`;
}

function closedBody(kind: "expired" | "used" | "unknown", { locale, t }: LandingViewOptions): Html {
  return html`<div class="card" id="${kind}">
<h1>${t(locale, `landing.${kind}_title`)}</h1>
<p>${t(locale, `landing.${kind}_body`)}</p>
</div>`;
}

export function renderLanding(state: LandingState, opts: LandingViewOptions): string {
  const { locale, t } = opts;
  const body = state.kind === "open" ? openBody(state, opts) : closedBody(state.kind, opts);
  return page({ lang: locale, title: t(locale, "landing.page_title"), body: html`${body}${languageSwitch(locale, t)}` });
}
