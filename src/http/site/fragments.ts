// The pieces the site's pages are made of (pure rendering). Every figure goes through `figure()` or
// `withheld()`: an estimate without a value (under min-n, withheld upstream) always reads "not enough
// answers yet", never 0 or a blank.
import { formatInteger, formatInterval, formatPercent, formatPoints } from "../../format.ts";
import type { Translate } from "../../i18n.ts";
import type { Period } from "../../indices/period.ts";
import { actionText, topicName } from "../../actions/public-text.ts";
import type { Estimate } from "../../indices/types.ts";
import type { StoredResult } from "../../store/official-results.ts";
import { partsLines, rankChangeText } from "./official-details.ts";
import type { Locale } from "../../i18n.ts";
import { vietnameseDate } from "../pages/landing-view.ts";
import { html, Html } from "../pages/html.ts";
import { agencyPath, siteHref } from "./layout.ts";
import { currentOf, type PublicAnnouncement, type SiteAction, type SiteAgency, type SitePeriodFigures } from "./model.ts";

export interface ViewContext {
  locale: Locale;
  t: Translate;
  minN: number;
  timeZone: string;
}

/** "Quý 4/2026" / "Q4 2026"; `short` for chart axes ("Q4/2026"). */
export function periodName(p: Period, c: ViewContext, short = false): string {
  if (p.kind === "quarter") return c.t(c.locale, short ? "site.quarter_short" : "site.quarter", { q: p.label.slice(6), year: p.label.slice(0, 4) });
  return p.label;
}

/** The period's name, marked "so far" while it is still running. */
export function periodHeading(f: SitePeriodFigures, c: ViewContext): string {
  const name = periodName(f.period, c);
  return f.finished ? name : c.t(c.locale, "site.so_far", { period: name });
}

export function withheld(n: number, c: ViewContext): Html {
  return html`<span class="withheld">${c.t(c.locale, "site.not_enough", { n: formatInteger(n, c.locale), minN: formatInteger(c.minN, c.locale) })}</span>`;
}

/** The change on the previous period; `short` for the element list, where the period is already said above. */
function change(e: Estimate, c: ViewContext, short = false): Html {
  const tr = e.trend;
  if (!tr || tr.change === null || tr.previous === null) return html``;
  const cls = tr.significant ? (tr.change > 0 ? "up" : "down") : "muted";
  const key = `site.${short ? "change_short" : "change"}_${tr.significant ? "significant" : "not_significant"}`;
  const text = c.t(c.locale, key, { change: formatPoints(tr.change, c.locale) });
  return html`<span class="${cls} small">${text}</span>`;
}

/** The headline of an agency's period: index, interval, n; or why there is none. */
export function headline(f: SitePeriodFigures, c: ViewContext): Html {
  const o = f.overall;
  const n = c.t(c.locale, "site.responses", { n: formatInteger(f.responses, c.locale) });
  if (o.value === null) return html`<p>${withheld(f.responses, c)}</p>`;
  const interval = o.low !== null && o.high !== null ? c.t(c.locale, "site.interval", { interval: formatInterval(o.low, o.high, c.locale) }) : "";
  return html`<div class="headline"><span class="value">${formatPercent(o.value, c.locale)}</span>${change(o, c)}</div>
<p class="small muted">${interval}${interval ? " · " : ""}${n}</p>`;
}

export function elementsList(f: SitePeriodFigures, c: ViewContext): Html {
  if (f.elements.every((e) => e.value === null)) return html`<p>${withheld(f.responses, c)}</p>`;
  const rows = f.elements.map((e) => {
    const name = c.t(c.locale, `element.${e.element}`);
    if (e.value === null) return html`<li><div class="element-head"><span>${name}</span>${withheld(e.n, c)}</div></li>`;
    const value = formatPercent(e.value, c.locale);
    const interval = e.low !== null && e.high !== null ? formatInterval(e.low, e.high, c.locale) : "";
    return html`<li><div class="element-head"><span>${name}</span><strong>${value}</strong></div>
<meter min="0" max="100" value="${e.value.toFixed(2)}" aria-label="${name}: ${value}">${value}</meter>
<span class="small muted">${interval} · ${c.t(c.locale, "site.responses", { n: formatInteger(e.n, c.locale) })}</span> ${change(e, c, true)}</li>`;
  });
  return html`<ul class="elements">${rows}</ul>`;
}

export function rateLine(f: SitePeriodFigures, c: ViewContext): Html {
  const r = f.rates;
  if (!r || r.rate === null) return html`<p class="muted">${c.t(c.locale, "site.rate_unknown", { minN: formatInteger(c.minN, c.locale) })}</p>`;
  return html`<p>${c.t(c.locale, "site.rate", { completed: formatInteger(r.completed, c.locale), invited: formatInteger(r.invited, c.locale), rate: formatPercent(r.rate, c.locale, 1) })}</p>`;
}

export function trendTable(a: SiteAgency, c: ViewContext): Html {
  const rows = [...a.series].reverse().map((f) => {
    const o = f.overall;
    const value =
      f.responses === 0 ? html`<span class="muted">${c.t(c.locale, "site.no_answers")}</span>` : o.value === null ? withheld(f.responses, c) : html`<strong>${formatPercent(o.value, c.locale)}</strong>${o.low !== null && o.high !== null ? html`<br><span class="small muted nowrap">${formatInterval(o.low, o.high, c.locale)}</span>` : html``}`;
    const rate = f.rates?.rate != null ? formatPercent(f.rates.rate, c.locale, 1) : "–";
    return html`<tr><th scope="row">${periodHeading(f, c)}</th><td>${value}</td><td class="num">${formatInteger(f.responses, c.locale)}</td><td class="num">${rate}</td></tr>`;
  });
  return html`<table><caption>${c.t(c.locale, "site.trend_caption")}</caption>
<thead><tr><th scope="col">${c.t(c.locale, "site.col_period")}</th><th scope="col">${c.t(c.locale, "site.col_index")}</th><th scope="col" class="num">n</th><th scope="col" class="num">${c.t(c.locale, "site.col_rate")}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

/** The trend as a picture (with the table above as its text alternative) and its downloadable files. */
export function trendChart(a: SiteAgency, c: ViewContext): Html {
  const base = `/results/charts/${encodeURIComponent(a.code)}`;
  const alt = c.t(c.locale, "site.chart_alt", { agency: a.name[c.locale] });
  return html`<figure><img src="${siteHref(`${base}.svg`, c.locale)}" width="420" height="300" alt="${alt}"></figure>
<p class="small"><a href="${siteHref(`${base}.png`, c.locale)}">${c.t(c.locale, "site.chart_png")}</a> · <a href="${siteHref(`${base}.svg`, c.locale)}">${c.t(c.locale, "site.chart_svg")}</a></p>`;
}

function officialCell(r: StoredResult | undefined, all: StoredResult[], c: ViewContext): Html {
  if (!r) return html`–`;
  const value = r.value === null ? "" : formatPercent(r.value, c.locale);
  const rank = r.rank !== null && r.of !== null ? c.t(c.locale, "site.rank", { rank: r.rank, of: r.of }) : "";
  const moved = rankChangeText(r, all, c.locale, c.t);
  const change = moved ? html`<br><span class="small ${moved.trend === "up" ? "up" : moved.trend === "down" ? "down" : "muted"}">${moved.text}</span>` : html``;
  return html`${value}${value && rank ? html`<br>` : html``}<span class="small">${rank}</span>${r.grade ? html` <span class="small muted">(${r.grade})</span>` : html``}${change}`;
}

/** What the registry holds on the sub-indices, year by year, under the table. */
function partsList(results: StoredResult[], c: ViewContext): Html {
  const lines = partsLines(results, c.locale, c.t);
  if (lines.length === 0) return html``;
  const items = lines.map((p) => html`<li><strong>${p.year} · ${p.index}</strong>: ${p.text}</li>`);
  return html`<h3>${c.t(c.locale, "site.official_parts")}</h3><ul class="small">${items}</ul>`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** PAR INDEX and SIPAS by year, newest first; below it, where each year's figures were published. */
export function officialTable(results: StoredResult[], provinceName: string, c: ViewContext): Html {
  const headline = results.filter((r) => r.indexCode === "PAR_INDEX" || r.indexCode === "SIPAS");
  if (headline.length === 0) return html`<p class="muted">${c.t(c.locale, "site.official_none")}</p>`;
  const years = [...new Set(headline.map((r) => r.year))].sort((a, b) => b - a);
  const rows = years.map((y) => {
    const par = headline.find((r) => r.year === y && r.indexCode === "PAR_INDEX");
    const sipas = headline.find((r) => r.year === y && r.indexCode === "SIPAS");
    return html`<tr><th scope="row" class="year">${y}</th><td>${officialCell(par, results, c)}</td><td>${officialCell(sipas, results, c)}</td></tr>`;
  });
  const yearsBySource = new Map<string, number[]>();
  for (const r of headline) {
    const list = yearsBySource.get(r.sourceUrl) ?? [];
    if (!list.includes(r.year)) list.push(r.year);
    yearsBySource.set(r.sourceUrl, list);
  }
  const sources = [...yearsBySource].map(
    ([url, ys], i) => html`${i ? "; " : ""}${ys.sort((a, b) => a - b).join(", ")}: <a href="${url}" rel="noopener">${hostOf(url)}</a>`,
  );
  return html`<table><caption>${c.t(c.locale, "site.official_caption", { province: provinceName })}</caption>
<thead><tr><th scope="col">${c.t(c.locale, "site.col_year")}</th><th scope="col">PAR INDEX</th><th scope="col">SIPAS</th></tr></thead>
<tbody>${rows}</tbody></table>
${partsList(results, c)}<p class="small">${c.t(c.locale, "site.col_source")}: ${sources}</p>`;
}

export function announcementsList(posts: PublicAnnouncement[], c: ViewContext): Html {
  if (posts.length === 0) return html`<p class="muted">${c.t(c.locale, "site.announcements_none")}</p>`;
  const items = posts.map(
    (p) => html`<li><p class="small muted">${c.t(c.locale, "site.published_on", { date: vietnameseDate(p.publishedAt, c.timeZone) })}</p><p class="post">${p.text[c.locale]}</p></li>`,
  );
  return html`<ul class="posts">${items}</ul>`;
}

/**
 * "You said, we did": each approved action with its date, the agency (unless it is the page's own) and the
 * topic of the feedback. A text only given in Vietnamese is marked so on an English page.
 */
export function actionsList(actions: SiteAction[], agencies: SiteAgency[], c: ViewContext, o: { pageAgency: string | null }): Html {
  if (actions.length === 0) return html`<p class="muted">${c.t(c.locale, "site.actions_none")}</p>`;
  const names = new Map(agencies.map((a) => [a.code, a.name[c.locale]]));
  const items = actions.map((a) => {
    const meta = [vietnameseDate(a.createdAt, c.timeZone), a.agencyCode === o.pageAgency ? undefined : names.get(a.agencyCode), c.t(c.locale, "actions.public_topic", { topic: topicName(c.t, c.locale, a.element) })];
    const { text, lang } = actionText(a, c.locale);
    return html`<li><p class="small muted">${meta.filter((m) => m !== undefined).join(" · ")}</p><p class="post"${new Html(lang === c.locale ? "" : ` lang="${lang}"`)}>${text}</p></li>`;
  });
  return html`<ul class="posts actions">${items}</ul>`;
}

export function agencyList(agencies: SiteAgency[], c: ViewContext): Html {
  const items = agencies.map((a) => {
    const f = currentOf(a);
    const figure = f && f.overall.value !== null ? html`<strong>${formatPercent(f.overall.value, c.locale)}</strong>` : withheld(f?.responses ?? 0, c);
    return html`<li class="depth-${Math.min(a.depth, 3)}"><a href="${siteHref(agencyPath(a.code), c.locale)}">${a.name[c.locale]}</a>${figure}</li>`;
  });
  return html`<ul class="agencies">${items}</ul>`;
}
