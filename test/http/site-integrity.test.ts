// The public site says how many of the shown figures' responses the integrity checks flagged and how many
// the rule in force left out, per agency and for the province, linked to the method note; an agency
// without flags has no such sentence, and the method note says in general what the checks are. Both engines.
import { createStores } from "../../src/store/stores.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/http/pages/html.ts";
import { createPublicSite } from "../../src/http/site/routes.ts";
import { sitePeriods } from "../../src/http/site/periods.ts";
import { createTranslator } from "../../src/i18n.ts";
import { silentLogger } from "../../src/logger.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { loadFlaggedResponses } from "../../src/store/integrity-queries.ts";
import { testClock, type TestClock } from "../helpers/clock.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { insertResponses, stuffing } from "../integrity/seed.ts";
import { STP, TZ, seedSite } from "./site-helpers.ts";

const t = createTranslator();

describe.each(await databaseKinds())("flagged responses on the public site (%s)", (kind) => {
  let tdb: TestDatabase;
  let clock: TestClock;
  let app: ReturnType<typeof createPublicSite>;
  /** Flagged in the current quarter: Sở Tư pháp's (with its subtree) and the whole province's. */
  let flagged: { stp: number; province: number };
  const page = async (path: string) => (await app.request(path)).text();

  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    clock = testClock();
    await seedSite(tdb.db, clock.now());
    // The stuffing lands in the quarter the site shows as current, a day after it begins (never on the wall clock).
    const current = sitePeriods(clock.now(), TZ).at(-1)!;
    const stp = (await createAgencyStore(tdb.db).listAll()).find((a) => a.code === STP.code)!;
    await insertResponses(tdb.db, stp.id, stuffing(current.from.getTime() + 86_400_000));
    // An agency without a single response, so without flags either.
    await tdb.db.sql.query(`INSERT INTO agency (code, name_vi, parent_id) SELECT 'LSN-SXD', 'Sở Xây dựng', id FROM agency WHERE code = 'LSN'`);
    const count = async (agency: string | null) => (await loadFlaggedResponses(tdb.db, { from: current.from, to: current.to, agency })).length;
    flagged = { stp: await count(STP.code), province: await count(null) };
    app = createPublicSite({ db: tdb.db, stores: createStores(tdb.db, clock.now), t, now: clock.now, timeZone: TZ, minN: 30, logger: silentLogger() });
  }, 60_000);
  afterAll(async () => tdb?.dispose());

  const sentence = (locale: "vi" | "en", n: number) =>
    escapeHtml(t(locale, "site.integrity_flagged", { flagged: String(n), excluded: "0" }));

  it("says on the agency's page how many responses were flagged and excluded, with a link to the method", async () => {
    expect(flagged.stp).toBeGreaterThanOrEqual(30);
    const vi = await page(`/results/agencies/${STP.code}`);
    expect(vi).toContain(sentence("vi", flagged.stp));
    expect(vi).toContain(`<a href="/results/data?lang=vi#method">${escapeHtml(t("vi", "site.integrity_link"))}</a>`);
    const en = await page(`/results/agencies/${STP.code}?lang=en`);
    expect(en).toContain(sentence("en", flagged.stp));
  });

  it("says it for the province on the overview, its agencies' flags together", async () => {
    expect(flagged.province).toBeGreaterThan(flagged.stp);
    expect(await page("/results?lang=en")).toContain(sentence("en", flagged.province));
  });

  it("has no sentence for an agency without flags, and the method note explains the checks", async () => {
    const clean = await page("/results/agencies/LSN-SXD");
    expect(clean).toContain("Sở Xây dựng");
    expect(clean).not.toContain(escapeHtml(t("vi", "site.integrity_link")));
    const data = await page("/results/data?lang=en");
    expect(data).toContain(`<h2 id="method">`);
    expect(data).toContain(escapeHtml(t("en", "site.method_integrity")));
  });
});
