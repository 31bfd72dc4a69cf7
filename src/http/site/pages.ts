// The site's HTML pages (pure): the province overview, one page per agency, the data dictionary and a
// friendly "not found". Each takes the snapshot and the reader's language and returns the whole document.
import { formatInteger } from "../../format.ts";
import { html, type Html } from "../pages/html.ts";
import { vietnameseDate } from "../pages/landing-view.ts";
import { DICTIONARY } from "./open-data.ts";
import { actionsList, agencyList, announcementsList, elementsList, headline, officialTable, periodHeading, rateLine, trendChart, trendTable, type ViewContext } from "./fragments.ts";
import { integrityNote, METHOD_ANCHOR, sumIntegrity } from "./integrity-note.ts";
import { agencyPath, shell, siteHref } from "./layout.ts";
import { currentOf, type SiteAgency, type SiteSnapshot } from "./model.ts";

function footer(s: SiteSnapshot, c: ViewContext): Html {
  return html`<p>${c.t(c.locale, "site.footer", { date: vietnameseDate(s.builtAt, c.timeZone), minN: formatInteger(s.minN, c.locale) })}</p>
<p>${c.t(c.locale, "site.privacy")} <a href="${siteHref("/results/data", c.locale)}">${c.t(c.locale, "site.nav_data")}</a></p>`;
}

function agencySummary(a: SiteAgency, c: ViewContext, headingLevel: "h2" | "h3"): Html {
  const f = currentOf(a);
  if (!f) return html``;
  const title = html`<a href="${siteHref(agencyPath(a.code), c.locale)}">${a.name[c.locale]}</a>`;
  return html`<section class="card">${headingLevel === "h2" ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}
<p class="muted small">${c.t(c.locale, "site.current", { period: periodHeading(f, c) })}</p>
${headline(f, c)}
${rateLine(f, c)}
</section>`;
}

/** How many "you said, we did" actions a page lists: the newest, since the point is that feedback is acted on now. */
const ACTIONS_SHOWN = 5;

/** An agency and everything under it, by code (an action of a commune shows on its district's page too). */
function subtreeOf(s: SiteSnapshot, code: string): Set<string> {
  const out = new Set([code]);
  // The snapshot lists agencies depth-first, parents before children, so one pass collects the subtree.
  for (const a of s.agencies) if (a.parentCode !== null && out.has(a.parentCode)) out.add(a.code);
  return out;
}

/** The newest actions of the whole province (`agency` null: the overview) or of one agency and its subtree. */
function actionsSection(s: SiteSnapshot, agency: string | null, c: ViewContext): Html {
  const codes = agency === null ? null : subtreeOf(s, agency);
  const shown = s.actions.filter((a) => codes === null || codes.has(a.agencyCode)).slice(0, ACTIONS_SHOWN);
  return html`<section><h2 id="actions">${c.t(c.locale, "site.actions_heading")}</h2><div class="card"><p class="small muted">${c.t(c.locale, "site.actions_intro")}</p>${actionsList(shown, s.agencies, c, { pageAgency: agency })}</div></section>`;
}

function provinceName(s: SiteSnapshot, c: ViewContext): string {
  return s.province ? (c.locale === "vi" ? s.province.nameVi : s.province.nameEn) : "";
}

export function overviewPage(s: SiteSnapshot, c: ViewContext, path: string): string {
  const tops = s.agencies.filter((a) => a.depth === 0);
  const province = provinceName(s, c);
  const title = province ? c.t(c.locale, "site.title_province", { province }) : c.t(c.locale, "site.title");
  const body = html`<h1>${title}</h1>
<p>${c.t(c.locale, "site.intro")}</p>
${integrityNote(sumIntegrity(tops.flatMap((a) => currentOf(a)?.integrity ?? [])), c)}
${tops.length ? tops.map((a) => agencySummary(a, c, "h2")) : html`<p class="muted">${c.t(c.locale, "site.no_agencies")}</p>`}
${actionsSection(s, null, c)}
${s.agencies.length ? html`<section><h2 id="agencies">${c.t(c.locale, "site.agencies_heading")}</h2><div class="card">${agencyList(s.agencies, c)}</div></section>` : html``}
${s.province ? html`<section><h2>${c.t(c.locale, "site.official_heading")}</h2><div class="card">${officialTable(s.official, province, c)}</div></section>` : html``}
<section><h2>${c.t(c.locale, "site.announcements_heading")}</h2><div class="card">${announcementsList(s.announcements, c)}</div></section>`;
  return shell({ locale: c.locale, t: c.t, path, title, nav: "overview", body, footer: footer(s, c) });
}

export function agencyPage(s: SiteSnapshot, a: SiteAgency, c: ViewContext): string {
  const f = currentOf(a);
  const parent = a.parentCode ? s.agencies.find((x) => x.code === a.parentCode) : undefined;
  const children = s.agencies.filter((x) => x.parentCode === a.code);
  const posts = s.announcements.filter((p) => p.agencyCode === a.code || (a.depth === 0 && p.agencyCode === null));
  const files = `/results/data/agencies/${encodeURIComponent(a.code)}`;
  const body = html`${parent ? html`<p class="small"><a href="${siteHref(agencyPath(parent.code), c.locale)}">${c.t(c.locale, "site.part_of", { parent: parent.name[c.locale] })}</a></p>` : html``}
<h1>${a.name[c.locale]}</h1>
${f ? html`<section class="card"><h2>${c.t(c.locale, "site.current", { period: periodHeading(f, c) })}</h2>${headline(f, c)}${integrityNote(f.integrity, c)}</section>
<div class="columns">
<section class="card"><h2>${c.t(c.locale, "site.elements_heading")}</h2>${elementsList(f, c)}</section>
<section class="card"><h2>${c.t(c.locale, "site.rate_heading")}</h2>${rateLine(f, c)}<p class="small muted">${c.t(c.locale, "site.rate_explained")}</p></section>
</div>` : html``}
${actionsSection(s, a.code, c)}
<section class="card"><h2>${c.t(c.locale, "site.trend_heading")}</h2>${trendTable(a, c)}${trendChart(a, c)}</section>
${children.length ? html`<section><h2>${c.t(c.locale, "site.children_heading")}</h2><div class="card">${agencyList(children, c)}</div></section>` : html``}
${a.depth === 0 && s.province ? html`<section><h2>${c.t(c.locale, "site.official_heading")}</h2><div class="card">${officialTable(s.official, provinceName(s, c), c)}</div></section>` : html``}
<section><h2>${c.t(c.locale, "site.announcements_heading")}</h2><div class="card">${announcementsList(posts, c)}</div></section>
<p class="small">${c.t(c.locale, "site.agency_data")} <a href="${siteHref(`${files}.csv`, c.locale)}">CSV</a> · <a href="${siteHref(`${files}.json`, c.locale)}">JSON</a></p>`;
  return shell({ locale: c.locale, t: c.t, path: agencyPath(a.code), title: a.name[c.locale], nav: null, body, footer: footer(s, c) });
}

export function dataPage(s: SiteSnapshot, c: ViewContext): string {
  const file = (path: string, key: string) => html`<li><a href="${path}">${path}</a> — ${c.t(c.locale, key)}</li>`;
  const terms = DICTIONARY.map((d) => html`<dt><code>${d.column}</code></dt><dd>${c.t(c.locale, `site.dict.${d.key}`, { minN: formatInteger(s.minN, c.locale) })}</dd>`);
  const body = html`<h1>${c.t(c.locale, "site.data_title")}</h1>
<p>${c.t(c.locale, "site.data_intro", { minN: formatInteger(s.minN, c.locale) })}</p>
<section class="card"><h2>${c.t(c.locale, "site.data_files")}</h2><ul class="files">
${file("/results/data/indices.csv", "site.file_indices_csv")}
${file("/results/data/indices.json", "site.file_indices_json")}
${file("/results/data/official-results.csv", "site.file_official_csv")}
${file("/results/data/official-results.json", "site.file_official_json")}
</ul><p class="small">${c.t(c.locale, "site.data_per_agency")}</p></section>
<section class="card"><h2>${c.t(c.locale, "site.dict_heading")}</h2><dl>${terms}</dl></section>
<section class="card"><h2 id="${METHOD_ANCHOR}">${c.t(c.locale, "site.method_heading")}</h2><p>${c.t(c.locale, "site.method")}</p><p>${c.t(c.locale, "site.method_integrity")}</p></section>`;
  return shell({ locale: c.locale, t: c.t, path: "/results/data", title: c.t(c.locale, "site.data_title"), nav: "data", body, footer: footer(s, c) });
}

export function notFoundPage(s: SiteSnapshot, c: ViewContext, path: string): string {
  const body = html`<h1>${c.t(c.locale, "site.not_found_title")}</h1>
<p>${c.t(c.locale, "site.not_found_body")}</p>
<p><a href="${siteHref("/", c.locale)}">${c.t(c.locale, "site.nav_overview")}</a></p>`;
  return shell({ locale: c.locale, t: c.t, path, title: c.t(c.locale, "site.not_found_title"), nav: null, body, footer: footer(s, c) });
}
