// The public results site in headless Chromium (Debian's /usr/bin/chromium through playwright-core): at
// 360 px and 1280 px, in both languages, no horizontal scrolling, no CSP violation, the keyboard reaches
// the language switch and the agency links, elements have accessible names, and axe-core finds no serious
// or critical violation. axe is injected by the test only (bypassCSP), since the site itself runs no script.
// Screenshots go to /tmp/hailong-site-*.png. Locally, a machine without chromium skips this with a warning;
// under CI a missing browser fails.
import { createStores } from "../../src/store/stores.ts";
import fs from "node:fs";
import { createRequire } from "node:module";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicSite } from "../../src/http/site/routes.ts";
import { createTranslator } from "../../src/i18n.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Locale } from "../../src/i18n.ts";
import { testClock } from "../helpers/clock.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { SMALL, STP, TZ, seedSite } from "./site-helpers.ts";
import { CHROMIUM, chromiumAvailable } from "../helpers/chromium.ts";

const hasChromium = chromiumAvailable("results site");

const t = createTranslator();
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const PAGES: { name: string; path: string }[] = [
  { name: "overview", path: "/" },
  { name: "agency", path: `/results/agencies/${encodeURIComponent(STP.code)}` },
  { name: "small", path: `/results/agencies/${encodeURIComponent(SMALL.code)}` },
  { name: "data", path: "/results/data" },
];
const LOCALES: Locale[] = ["vi", "en"];

describe.runIf(hasChromium)("public results site in headless chromium", () => {
  let tdb: TestDatabase;
  let server: ServerType;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    tdb = await openTestDatabase("embedded");
    const clock = testClock();
    await seedSite(tdb.db, clock.now());
    const app = createPublicSite({ db: tdb.db, stores: createStores(tdb.db, clock.now), t, now: clock.now, timeZone: TZ, minN: 30, logger: silentLogger() });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await tdb?.dispose();
  });

  /** A page as a citizen's phone or desktop shows it: JavaScript off, the site's own CSP in force. */
  async function plainPage(width: number, locale: Locale): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({
      viewport: { width, height: width < 600 ? 780 : 900 },
      deviceScaleFactor: width < 600 ? 2 : 1,
      isMobile: width < 600,
      hasTouch: width < 600,
      javaScriptEnabled: false,
      locale: locale === "vi" ? "vi-VN" : "en-GB",
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
    page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && problems.push(`${r.status()}: ${r.url()}`));
    return { page, problems, close: () => context.close() };
  }

  for (const width of [360, 1280]) {
    for (const locale of LOCALES) {
      it(`lays out every page at ${width} px in ${locale} without horizontal scrolling or CSP errors`, async () => {
        const { page, problems, close } = await plainPage(width, locale);
        try {
          for (const p of PAGES) {
            const res = await page.goto(`${base}${p.path}?lang=${locale}`);
            expect(res?.status(), p.path).toBe(200);
            expect(await page.locator("html").getAttribute("lang")).toBe(locale);
            // The stylesheet applied (a served file, allowed by style-src 'self').
            expect(await page.locator("header").evaluate((h) => getComputedStyle(h).backgroundColor)).toBe("rgb(18, 57, 95)");
            const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
            expect(scroll, `${p.path} scrolls sideways at ${width} px`).toBeLessThanOrEqual(client);
            const overflowing = await page.evaluate(() =>
              Array.from(document.querySelectorAll("main *, header *")).filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.outerHTML.slice(0, 80)),
            );
            expect(overflowing, p.path).toEqual([]);
            await page.screenshot({ path: `/tmp/hailong-site-${p.name}-${locale}-${width}.png`, fullPage: true });
          }
          expect(problems).toEqual([]);
        } finally {
          await close();
        }
      }, 60_000);
    }
  }

  it("names the landmarks, links, chart and bars for assistive technology", async () => {
    const { page, close } = await plainPage(360, "vi");
    try {
      await page.goto(`${base}/?lang=vi`);
      await expect.poll(() => page.getByRole("navigation", { name: t("vi", "site.language") }).isVisible()).toBe(true);
      expect(await page.getByRole("link", { name: "English" }).getAttribute("href")).toBe("/?lang=en");
      expect(await page.getByRole("link", { name: STP.vi }).first().getAttribute("href")).toBe(`/results/agencies/${STP.code}?lang=vi`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Lạng Sơn");
      await page.goto(`${base}/results/agencies/${STP.code}?lang=en`);
      expect(await page.getByRole("img", { name: /Chart of the satisfaction index of Department of Justice/ }).count()).toBe(1);
      expect(await page.getByRole("meter", { name: /Access to services: 85\.71%/ }).count()).toBe(1);
      expect(await page.getByRole("table", { name: /Satisfaction index by quarter/ }).count()).toBe(1);
      // The chart the page shows is a real image from this site.
      const loaded = await page.locator("figure img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
      expect(loaded).toBe(true);
    } finally {
      await close();
    }
  });

  it("reaches the language switch and the agency links with the keyboard, and follows them", async () => {
    const { page, close } = await plainPage(360, "vi");
    try {
      await page.goto(`${base}/?lang=vi`);
      const visited: string[] = [];
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press("Tab");
        visited.push(await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute("href") ?? ""));
      }
      expect(visited[0]).toBe("#content");
      expect(visited).toContain("/?lang=en");
      expect(visited).toContain(`/results/agencies/${STP.code}?lang=vi`);
      expect(visited).toContain(`/results/agencies/${encodeURIComponent(SMALL.code)}?lang=vi`);
      // Back to the English link and press Enter: the page answers in English.
      await page.goto(`${base}/?lang=vi`);
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press("Tab");
        if ((await page.evaluate(() => document.activeElement?.getAttribute("href"))) === "/?lang=en") break;
      }
      await page.keyboard.press("Enter");
      await page.waitForURL(/lang=en/);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      // A visible focus ring on the focused link.
      await page.keyboard.press("Tab");
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).not.toBe("none");
    } finally {
      await close();
    }
  });

  it("passes axe-core with no serious or critical violation on every page in both languages", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, bypassCSP: true, javaScriptEnabled: true });
    try {
      const page = await context.newPage();
      const found: string[] = [];
      for (const locale of LOCALES) {
        for (const p of PAGES) {
          await page.goto(`${base}${p.path}?lang=${locale}`);
          await page.addScriptTag({ content: AXE_SOURCE });
          const violations = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { html: string }[] }[] }> } }).axe;
            const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
            return r.violations.map((v) => ({ id: v.id, impact: v.impact, html: v.nodes[0]?.html ?? "" }));
          });
          for (const v of violations) if (v.impact === "serious" || v.impact === "critical") found.push(`${locale} ${p.path}: ${v.id} (${v.impact}) ${v.html}`);
          for (const v of violations) if (v.impact !== "serious" && v.impact !== "critical") console.info(`[axe] ${locale} ${p.path}: ${v.id} (${v.impact})`);
        }
      }
      expect(found).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
