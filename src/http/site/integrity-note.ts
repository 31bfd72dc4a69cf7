// The site's sentence on flagged responses: how many of the figures' responses the integrity checks flagged
// and how many the rule in force left out, linked to the method. Only when something is flagged; the method
// note says in general what the checks are (pages.ts), so a page without flags carries no sentence.
import { formatInteger } from "../../format.ts";
import { html, type Html } from "../pages/html.ts";
import type { ViewContext } from "./fragments.ts";
import { siteHref } from "./layout.ts";
import type { SiteIntegrity } from "./model.ts";

/** Where the method note is (the data page's "How it is computed"). */
export const METHOD_ANCHOR = "method";

export function integrityNote(i: SiteIntegrity, c: ViewContext): Html {
  if (i.flagged === 0) return html``;
  const text = c.t(c.locale, "site.integrity_flagged", { flagged: formatInteger(i.flagged, c.locale), excluded: formatInteger(i.excluded, c.locale) });
  return html`<p class="small muted">${text} <a href="${siteHref("/results/data", c.locale)}#${METHOD_ANCHOR}">${c.t(c.locale, "site.integrity_link")}</a></p>`;
}

/** The province's figures are its top-level agencies' together. */
export function sumIntegrity(list: readonly SiteIntegrity[]): SiteIntegrity {
  return list.reduce((a, b) => ({ flagged: a.flagged + b.flagged, excluded: a.excluded + b.excluded }), { flagged: 0, excluded: 0 });
}
