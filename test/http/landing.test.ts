// GET /i/{token}: the public page behind the QR code — no key, both apps, the citizen's language, nothing
// personal, markup escaped, a strict CSP, and friendly 404/410 pages for unknown, expired and used links.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n.ts";
import { databaseKinds } from "../helpers/databases.ts";
import type { Harness } from "../helpers/telegram-harness.ts";
import { ZALO_OA_ID, createInvitation, startPagesHarness } from "./invitation-pages-helpers.ts";

const t = createTranslator();
const DOSSIER = "000.00.20.H33-261127-0042";

describe.each(await databaseKinds())("landing page (%s)", (kind) => {
  let h: Harness;
  let inv: { token: string; telegramUrl: string; expiresAt: string };
  beforeAll(async () => {
    h = await startPagesHarness(kind);
    inv = await createInvitation(h, DOSSIER);
  });
  afterAll(async () => h?.stop());

  const get = (path: string, headers: Record<string, string> = {}) => h.service.http.request(path, { headers });

  it("offers Telegram and Zalo without an API key, in Vietnamese by default", async () => {
    const res = await get(`/i/${inv.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await res.text();
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain(`<a class="btn telegram" id="open-telegram" href="${inv.telegramUrl}">${t("vi", "landing.open_telegram")}</a>`);
    expect(page).toContain(`<a class="btn zalo" id="open-zalo" href="https://zalo.me/${ZALO_OA_ID}">${t("vi", "landing.open_zalo")}</a>`);
    expect(page).toContain(`<code>bắt đầu ${inv.token}</code>`);
    expect(inv.telegramUrl).toBe(`https://t.me/${h.service.telegram!.username()}?start=${inv.token}`);
  });

  it("shows nothing personal, escapes the agency name and runs no script", async () => {
    const res = await get(`/i/${inv.token}`);
    const page = await res.text();
    expect(page).not.toContain(DOSSIER);
    expect(page).toContain("Sở &#34;Xây dựng&#34; &#60;b&#62;Lạng Sơn&#60;/b&#62; &#38; Co");
    expect(page).not.toContain("<b>");
    expect(page).not.toMatch(/<script|\son\w+\s*=/i);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it.each([
    { how: "?lang=en", path: "?lang=en", headers: {}, lang: "en" },
    { how: "Accept-Language en-US", path: "", headers: { "accept-language": "en-US,en;q=0.9" }, lang: "en" },
    { how: "Accept-Language preferring vi", path: "", headers: { "accept-language": "vi-VN,vi;q=0.9,en;q=0.8" }, lang: "vi" },
    { how: "Accept-Language naming neither", path: "", headers: { "accept-language": "fr-FR,de;q=0.5" }, lang: "vi" },
    { how: "?lang=vi over an English browser", path: "?lang=vi", headers: { "accept-language": "en" }, lang: "vi" },
    { how: "no Accept-Language", path: "", headers: {}, lang: "vi" },
    { how: "Accept-Language *", path: "", headers: { "accept-language": "*" }, lang: "vi" },
    { how: "Accept-Language vi only as a region tag", path: "", headers: { "accept-language": "vi-VN" }, lang: "vi" },
    { how: "Accept-Language en and vi equally", path: "", headers: { "accept-language": "en;q=0.8,vi;q=0.8" }, lang: "vi" },
    { how: "Accept-Language en-GB first, vi later", path: "", headers: { "accept-language": "en-GB,vi;q=0.5" }, lang: "en" },
  ])("speaks the right language: $how → $lang", async ({ path, headers, lang }) => {
    const page = await (await get(`/i/${inv.token}${path}`, headers as Record<string, string>)).text();
    expect(page).toContain(`<html lang="${lang}">`);
    expect(page).toContain(t(lang as "vi" | "en", "landing.open_telegram"));
    expect(page).toContain(t(lang as "vi" | "en", "landing.zalo_message", { token: inv.token }));
  });

  it("an unknown token gets a friendly 404 page", async () => {
    for (const token of ["AAAAAAAAAAAAAAAAAAAAAA", "x<y>"]) {
      const res = await get(`/i/${encodeURIComponent(token)}`);
      expect(res.status).toBe(404);
      const page = await res.text();
      expect(page).toContain(t("vi", "landing.unknown_title"));
      expect(page).not.toContain("open-telegram");
    }
  });

  it("writes the validity date the Vietnamese way on both pages", async () => {
    const shown = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" }).format(new Date(inv.expiresAt));
    expect(shown).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    for (const lang of ["vi", "en"] as const) {
      const page = await (await get(`/i/${inv.token}?lang=${lang}`)).text();
      expect(page).toContain(t(lang, "landing.valid_until", { date: shown }));
    }
  });

  it("a cancelled survey does not use the link up; a completed one gets 410 'already rated' that leads on", async () => {
    const used = await createInvitation(h, `${DOSSIER}-used`);
    const citizen = h.user(7001);
    await citizen.command(`/start ${used.token}`);
    const started = await get(`/i/${used.token}`);
    expect(started.status).toBe(200); // an unfinished survey can still be resumed from the chat
    await citizen.command("/cancel");
    expect((await get(`/i/${used.token}`)).status).toBe(200); // "/start whenever you want to rate again"
    await citizen.command(`/start ${used.token}`);
    for (const s of ["4", "4", "4", "4", "4", "4"]) await citizen.tap(s);
    await citizen.tap("Bỏ qua");
    await citizen.tap("Bỏ qua");
    const res = await get(`/i/${used.token}?lang=en`);
    const body = await res.text();
    expect(res.status).toBe(410);
    expect(body).toContain(t("en", "landing.used_title"));
    expect(body).toContain(`<a class="btn telegram" id="open-chat" href="https://t.me/${h.service.telegram!.username()}">`);
    expect(body).toContain(`href="https://zalo.me/${ZALO_OA_ID}"`);
    expect(body).not.toContain(used.token);
  });

  it("an expired invitation gets 410 with 'expired'", async () => {
    const old = await createInvitation(h, `${DOSSIER}-old`);
    const saved = h.clock.now;
    h.clock.now = new Date(new Date(old.expiresAt).getTime() + 1000);
    try {
      const res = await get(`/i/${old.token}`);
      expect(res.status).toBe(410);
      const page = await res.text();
      expect(page).toContain(t("vi", "landing.expired_title"));
      expect(page).not.toContain("open-zalo");
      expect(page).toContain(t("vi", "landing.next_step"));
      expect(page).toContain('id="open-chat"');
    } finally {
      h.clock.now = saved;
    }
  });
});

describe("landing page without Zalo", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startPagesHarness("embedded", { zalo: false });
  });
  afterAll(async () => h?.stop());

  it("has no Zalo button and says why", async () => {
    const { token } = await createInvitation(h, "HS-NO-ZALO");
    const page = await (await h.service.http.request(`/i/${token}?lang=en`)).text();
    expect(page).toContain('id="open-telegram"');
    expect(page).not.toContain('id="open-zalo"');
    expect(page).not.toContain("/start " + token);
    expect(page).toContain(t("en", "landing.zalo_unavailable"));
  });
});
