// What a citizen's phone shows (headless Debian chromium at 360 px, JavaScript off): the landing page's
// line on SIPAS with its link, which opens the agency's results page, and that page and the overview with
// their "you said, we did" section, in both languages, without sideways scrolling or CSP errors.
// Screenshots go to /tmp/hailong-actions-*.png. Without /usr/bin/chromium this is skipped locally.
import { createStores } from "../../src/store/stores.ts";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionActor } from "../../src/actions/types.ts";
import { createFeedbackActions } from "../../src/actions/wiring.ts";
import { createTranslator } from "../../src/i18n.ts";
import type { Locale } from "../../src/i18n.ts";
import { invitation, seedProvince } from "../actions/helpers.ts";
import type { Harness } from "../helpers/telegram-harness.ts";
import { startPagesHarness } from "./invitation-pages-helpers.ts";
import { CHROMIUM, chromiumAvailable } from "../helpers/chromium.ts";

const hasChromium = chromiumAvailable("feedback-actions");

const t = createTranslator();
const admin: ActionActor = { id: "telegram:400", role: "admin", scope: [] };
const comms: ActionActor = { id: "telegram:300", role: "comms", scope: [] };

describe.runIf(hasChromium)("landing line and 'you said, we did' at 360 px", () => {
  let h: Harness;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    h = await startPagesHarness("embedded");
    await seedProvince(h);
    token = await invitation(h, "LSN-STP");
    const { service } = createFeedbackActions({ stores: createStores(h.service.db, () => h.clock.now), config: { approval: "admin", timeZone: "Asia/Ho_Chi_Minh" }, t, now: () => h.clock.now });
    const add = async (agencyCode: string, element: "access" | "procedures" | null, textVi: string, textEn: string | null) => {
      const a = await service.add(admin, { agencyCode, element, textVi, textEn });
      if (!a.ok) throw new Error(JSON.stringify(a.refusal));
      await service.approve(comms, a.action.id);
    };
    await add("LSN-STP", "access", "Đã bố trí thêm 2 quầy tiếp nhận hồ sơ vào sáng thứ Hai, khi người dân phải chờ lâu nhất.", "Two more reception desks on Monday mornings, when people waited longest.");
    await add("LSN-STP-PC", "procedures", "Đã niêm yết đầy đủ mức phí công chứng tại quầy và trên cổng dịch vụ công của tỉnh.", null);
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: h.service.http.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await h?.stop();
  });

  async function phone(locale: Locale): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, javaScriptEnabled: false, locale: locale === "vi" ? "vi-VN" : "en-GB" });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && problems.push(`${r.status()}: ${r.url()}`));
    return { page, problems, close: () => context.close() };
  }

  async function fits(page: Page, what: string): Promise<void> {
    const overflowing = await page.evaluate(() =>
      Array.from(document.querySelectorAll("main *")).filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(overflowing, what).toEqual([]);
  }

  for (const locale of ["vi", "en"] as const) {
    it(`shows the landing line, follows its link to the agency's page and its actions (${locale})`, async () => {
      const { page, problems, close } = await phone(locale);
      try {
        await page.goto(`${base}/i/${token}?lang=${locale}`);
        expect(await page.locator("#why").textContent()).toContain(t(locale, "landing.why"));
        await fits(page, "landing");
        await page.screenshot({ path: `/tmp/hailong-actions-landing-${locale}.png`, fullPage: true });
        await page.getByRole("link", { name: t(locale, "landing.results_link") }).click();
        expect(new URL(page.url()).pathname).toBe("/results/agencies/LSN-STP");
        const section = page.locator("section", { has: page.getByRole("heading", { name: t(locale, "site.actions_heading") }) });
        await expect.poll(() => section.locator("li").count()).toBe(2);
        expect(await section.textContent()).toContain(locale === "vi" ? "Đã bố trí thêm 2 quầy" : "Two more reception desks");
        expect(await section.locator("[lang=vi]").count()).toBe(locale === "en" ? 1 : 0);
        await fits(page, "agency page");
        await page.screenshot({ path: `/tmp/hailong-actions-agency-${locale}.png`, fullPage: true });
        await section.screenshot({ path: `/tmp/hailong-actions-section-${locale}.png` });
        await page.goto(`${base}/?lang=${locale}`);
        await fits(page, "overview");
        await page.screenshot({ path: `/tmp/hailong-actions-overview-${locale}.png`, fullPage: true });
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }, 60_000);
  }
});
