// The public results site (no key): GET / and /results… pages, open data under /results/data, charts under
// /results/charts. Every response is rendered from one cached snapshot (snapshot-cache.ts), so a page view
// costs no database work beyond a fingerprint check every few seconds.
import { Hono, type Context } from "hono";
import type { Translate } from "../../i18n.ts";
import type { SlicePace } from "../../indices/slices.ts";
import type { Logger } from "../../logger.ts";
import type { Database } from "../../store/database.ts";
import type { Locale } from "../../i18n.ts";
import { trendChartPng, trendChartSvg, type TrendChart } from "../../charts/trend-chart.ts";
import { pickLocale } from "../pages/page-locale.ts";
import { buildSnapshot, type SiteStores } from "./build-snapshot.ts";
import { periodName, type ViewContext } from "./fragments.ts";
import { cachedResponse } from "./http-cache.ts";
import { SITE_HEADERS } from "./layout.ts";
import type { SiteAgency, SiteSnapshot } from "./model.ts";
import { indicesCsv, indicesJson, officialCsv, officialJson } from "./open-data.ts";
import { agencyPage, dataPage, notFoundPage, overviewPage } from "./pages.ts";
import { createSnapshotCache, type SnapshotCache } from "./snapshot-cache.ts";
import { SITE_CSS, SITE_ICON_SVG } from "./stylesheet.ts";

export interface PublicSiteDeps {
  db: Database;
  stores: SiteStores;
  t: Translate;
  now: () => Date;
  timeZone: string;
  minN: number;
  logger: Logger;
  pace?: SlicePace;
  /** A cache built elsewhere and shared (main.ts: with /about; tests: to invalidate it). */
  cache?: SnapshotCache;
}

const HTML = { ...SITE_HEADERS, "content-type": "text/html; charset=utf-8" };
// Open data is meant to be fetched by anyone, from anywhere, including other sites' scripts.
const DATA = { "x-content-type-options": "nosniff", "access-control-allow-origin": "*", "content-security-policy": "default-src 'none'", vary: "Accept-Language" };
const CSV = { ...DATA, "content-type": "text/csv; charset=utf-8; header=present" };
const JSON_TYPE = { ...DATA, "content-type": "application/json; charset=utf-8" };
// SVG is an image here: it may carry its own style attributes, and nothing in it may run.
const SVG = { ...DATA, "content-type": "image/svg+xml; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'" };
const PNG = { ...DATA, "content-type": "image/png" };

/** Splits "CODE.csv" into the code and the extension; agency codes may themselves contain dots. */
function splitFile(file: string, extensions: readonly string[]): { code: string; ext: string } | null {
  const dot = file.lastIndexOf(".");
  const ext = dot > 0 ? file.slice(dot + 1) : "";
  return extensions.includes(ext) ? { code: file.slice(0, dot), ext } : null;
}

function chartOf(a: SiteAgency, c: ViewContext): TrendChart {
  return {
    locale: c.locale,
    emptyText: c.t(c.locale, "site.chart_empty", { minN: c.minN }),
    points: a.series.map((f) => ({ label: periodName(f.period, c, true), value: f.overall.value, low: f.overall.low, high: f.overall.high })),
  };
}

/** The site's snapshot cache, built by the composition root when others read it too (the bot's /about). */
export function createSiteSnapshotCache(deps: Pick<PublicSiteDeps, "db" | "stores" | "now" | "timeZone" | "minN" | "pace">): SnapshotCache {
  return createSnapshotCache({
    db: deps.db,
    timeZone: deps.timeZone,
    now: deps.now,
    build: () => buildSnapshot({ db: deps.db, stores: deps.stores, minN: deps.minN, timeZone: deps.timeZone, now: deps.now, pace: deps.pace }),
  });
}

export function createPublicSite(deps: PublicSiteDeps): Hono {
  const cache = deps.cache ?? createSiteSnapshotCache(deps);
  // Rendered charts of the current snapshot; a new snapshot starts a new map.
  let charts: { snapshot: SiteSnapshot; files: Map<string, string | Buffer> } | undefined;

  const localeOf = (c: Context): Locale => pickLocale(c.req.query("lang"), c.req.header("accept-language"));
  const view = (c: Context, s: SiteSnapshot): ViewContext => ({ locale: localeOf(c), t: deps.t, minN: s.minN, timeZone: deps.timeZone });
  const find = (s: SiteSnapshot, code: string) => s.agencies.find((a) => a.code === code);
  const notFound = (c: Context, s: SiteSnapshot) => cachedResponse(c, notFoundPage(s, view(c, s), c.req.path), HTML, { status: 404 });

  const app = new Hono();

  const overview = async (c: Context) => {
    const s = await cache.get();
    return cachedResponse(c, overviewPage(s, view(c, s), c.req.path === "/" ? "/" : "/results"), HTML);
  };
  app.get("/", overview);
  app.get("/results", overview);
  app.get("/results/", overview);

  app.get("/results/site.css", (c) => cachedResponse(c, SITE_CSS, { "content-type": "text/css; charset=utf-8", "x-content-type-options": "nosniff" }, { cacheControl: "public, max-age=86400" }));

  app.get("/results/icon.svg", (c) => cachedResponse(c, SITE_ICON_SVG, { ...SVG }, { cacheControl: "public, max-age=86400" }));

  app.get("/results/agencies/:code", async (c) => {
    const s = await cache.get();
    const a = find(s, c.req.param("code"));
    return a ? cachedResponse(c, agencyPage(s, a, view(c, s)), HTML) : notFound(c, s);
  });

  app.get("/results/data", async (c) => {
    const s = await cache.get();
    return cachedResponse(c, dataPage(s, view(c, s)), HTML);
  });
  app.get("/results/data/indices.csv", async (c) => cachedResponse(c, indicesCsv((await cache.get()).agencies), CSV));
  app.get("/results/data/indices.json", async (c) => {
    const s = await cache.get();
    return cachedResponse(c, JSON.stringify(indicesJson(s, s.agencies)), JSON_TYPE);
  });
  app.get("/results/data/official-results.csv", async (c) => cachedResponse(c, officialCsv((await cache.get()).official), CSV));
  app.get("/results/data/official-results.json", async (c) => cachedResponse(c, JSON.stringify(officialJson(await cache.get())), JSON_TYPE));

  app.get("/results/data/agencies/:file", async (c) => {
    const s = await cache.get();
    const f = splitFile(c.req.param("file"), ["csv", "json"]);
    const a = f && find(s, f.code);
    if (!f || !a) return notFound(c, s);
    return f.ext === "csv" ? cachedResponse(c, indicesCsv([a]), CSV) : cachedResponse(c, JSON.stringify(indicesJson(s, [a])), JSON_TYPE);
  });

  app.get("/results/charts/:file", async (c) => {
    const s = await cache.get();
    const f = splitFile(c.req.param("file"), ["svg", "png"]);
    const a = f && find(s, f.code);
    if (!f || !a) return notFound(c, s);
    const v = view(c, s);
    if (charts?.snapshot !== s) charts = { snapshot: s, files: new Map() };
    const key = `${a.code}\u0000${v.locale}\u0000${f.ext}`;
    let file = charts.files.get(key);
    if (file === undefined) {
      const started = performance.now();
      file = f.ext === "svg" ? trendChartSvg(chartOf(a, v)) : trendChartPng(chartOf(a, v));
      charts.files.set(key, file);
      deps.logger.debug({ agency: a.code, ext: f.ext, ms: Math.round(performance.now() - started) }, "site chart rendered");
    }
    return cachedResponse(c, file, f.ext === "svg" ? SVG : PNG);
  });

  app.get("/results/*", async (c) => notFound(c, await cache.get()));
  return app;
}
