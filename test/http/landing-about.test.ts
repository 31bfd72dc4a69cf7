// The landing page explains the survey as the bot's greeting does: one line on what SIPAS is and why the
// answer counts, and a link to the agency's public results (the overview for an unknown link), in the
// page's language, on open and closed pages alike; the link leads to a page the site serves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n.ts";
import { databaseKinds } from "../helpers/databases.ts";
import type { Harness } from "../helpers/telegram-harness.ts";
import { createInvitation, startPagesHarness } from "./invitation-pages-helpers.ts";

const t = createTranslator();

describe.each(await databaseKinds())("landing page explains the survey (%s)", (kind) => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startPagesHarness(kind);
    token = (await createInvitation(h, "HS-WHY-1", "Sở Xây dựng")).token;
  });
  afterAll(async () => h?.stop());

  const get = (path: string) => h.service.http.request(path);

  it.each(["vi", "en"] as const)("says what SIPAS is and links the agency's results (%s)", async (lang) => {
    const page = await (await get(`/i/${token}?lang=${lang}`)).text();
    expect(page).toContain(`<p class="hint" id="why">${t(lang, "landing.why")} <a href="/results/agencies/LSN-SXD?lang=${lang}" id="results-link">${t(lang, "landing.results_link")}</a></p>`);
    // Right under the invitation's intro, before the buttons.
    expect(page.indexOf('id="why"')).toBeLessThan(page.indexOf('id="open-telegram"'));
    expect(page.indexOf(t(lang, "landing.intro"))).toBeLessThan(page.indexOf('id="why"'));
    const results = await get(`/results/agencies/LSN-SXD?lang=${lang}`);
    expect(results.status).toBe(200);
    expect(await results.text()).toContain("Sở Xây dựng");
  });

  it("keeps the explanation and the link on an unknown link's page, pointing to the overview", async () => {
    const res = await get("/i/AAAAAAAAAAAAAAAAAAAAAA");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(`<a href="/?lang=vi" id="results-link">`);
  });

  it("links the agency's results from the 'already rated' page", async () => {
    const used = await createInvitation(h, "HS-WHY-2", "Sở Xây dựng");
    const citizen = h.user(7101);
    await citizen.command(`/start ${used.token}`);
    for (const s of ["5", "5", "5", "5", "5", "5"]) await citizen.tap(s);
    await citizen.tap("Bỏ qua");
    await citizen.tap("Bỏ qua");
    const res = await get(`/i/${used.token}?lang=en`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain(`<a href="/results/agencies/LSN-SXD?lang=en" id="results-link">${t("en", "landing.results_link")}</a>`);
  });
});
