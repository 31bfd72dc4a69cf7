// The landing page in a real headless browser (Debian's chromium driven by playwright-core; no browser is
// ever downloaded) on a 360 px wide phone screen, with JavaScript off as on the most basic phones.
// Locally, a machine without /usr/bin/chromium skips this with a warning; under CI (.ci/run installs it)
// a missing browser fails.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n.ts";
import { tempDir } from "../helpers/databases.ts";
import type { Harness } from "../helpers/telegram-harness.ts";
import { ZALO_OA_ID, createInvitation, startPagesHarness } from "./invitation-pages-helpers.ts";
import { CHROMIUM, chromiumAvailable } from "../helpers/chromium.ts";

const hasChromium = chromiumAvailable("landing page");

const t = createTranslator();
const WIDTH = 360;

describe.runIf(hasChromium)("landing page in headless chromium at 360 px", () => {
  let h: Harness;
  let server: ServerType;
  let base: string;
  let browser: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    h = await startPagesHarness("embedded");
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: h.service.http.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    profile = tempDir("hailong-chromium-");
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: WIDTH, height: 780 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      javaScriptEnabled: false,
      locale: "vi-VN",
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await h?.stop();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  it("shows both buttons, visible, inside the screen, with the right links; saves a screenshot", async () => {
    const { token, telegramUrl } = await createInvitation(h, "000.00.20.H33-261127-0360", "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn");
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    const res = await page.goto(`${base}/i/${token}`);
    expect(res?.status()).toBe(200);

    const telegram = page.locator("#open-telegram");
    const zalo = page.locator("#open-zalo");
    await expect.poll(() => telegram.isVisible()).toBe(true);
    expect(await zalo.isVisible()).toBe(true);
    expect(await telegram.getAttribute("href")).toBe(telegramUrl);
    expect(await zalo.getAttribute("href")).toBe(`https://zalo.me/${ZALO_OA_ID}`);
    expect((await telegram.innerText()).trim()).toBe(t("vi", "landing.open_telegram"));
    expect((await zalo.innerText()).trim()).toBe(t("vi", "landing.open_zalo"));
    for (const button of [telegram, zalo]) {
      const box = (await button.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
      // Big enough to hit with a thumb (at least 48 CSS px high).
      expect(box.height).toBeGreaterThanOrEqual(48);
    }
    // The inline stylesheet is allowed by the CSP hash, so the buttons really are styled.
    expect(await telegram.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(27, 143, 208)");
    expect(errors).toEqual([]);

    const shot = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hailong-landing-")), "landing-360.png");
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`[test] landing page screenshot: ${shot}`);
    expect(fs.statSync(shot).size).toBeGreaterThan(5_000);

    await page.goto(`${base}/i/${token}?lang=en`);
    expect((await page.locator("#open-telegram").innerText()).trim()).toBe(t("en", "landing.open_telegram"));
    expect((await page.locator("#open-zalo").innerText()).trim()).toBe(t("en", "landing.open_zalo"));
    await page.close();
  }, 60_000);

  it("an expired and a used link each lead on to the chat, inside the screen; saves screenshots", async () => {
    const shots = fs.mkdtempSync(path.join(os.tmpdir(), "hailong-landing-closed-"));
    const expired = await createInvitation(h, "000.00.20.H33-261127-0361", "UBND xã Đồng Tân, huyện Hữu Lũng");
    const used = await createInvitation(h, "000.00.20.H33-261127-0362", "UBND xã Đồng Tân, huyện Hữu Lũng");
    const citizen = h.user(7360);
    await citizen.command(`/start ${used.token}`);
    for (const s of ["4", "4", "4", "4", "4", "4"]) await citizen.tap(s);
    await citizen.tap("Bỏ qua");
    await citizen.tap("Bỏ qua");
    const page = await browser.newPage();
    const saved = h.clock.now;
    try {
      for (const [kind, token] of [["used", used.token], ["expired", expired.token]] as const) {
        if (kind === "expired") h.clock.now = new Date(new Date(expired.expiresAt).getTime() + 1000);
        for (const lang of ["vi", "en"] as const) {
          const res = await page.goto(`${base}/i/${token}?lang=${lang}`);
          expect(res?.status()).toBe(410);
          expect((await page.locator("h1").innerText()).trim()).toBe(t(lang, `landing.${kind}_title`));
          const chat = page.locator("#open-chat");
          expect(await chat.getAttribute("href")).toBe(`https://t.me/${h.service.telegram!.username()}`);
          const box = (await chat.boundingBox())!;
          expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
          expect(box.height).toBeGreaterThanOrEqual(48);
          const shot = path.join(shots, `landing-${kind}-${lang}-360.png`);
          await page.screenshot({ path: shot, fullPage: true });
          console.log(`[test] landing page screenshot: ${shot}`);
        }
      }
    } finally {
      h.clock.now = saved;
      await page.close();
    }
  }, 60_000);
});
