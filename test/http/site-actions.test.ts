// "You said, we did" on the public results site (both engines): only approved actions appear, newest
// first, with their date and topic, on the overview (naming the agency) and on the agency's page (its own
// and its subtree's); an English page shows the English text or marks the Vietnamese one; an approval or a
// take-down reaches the cached pages at the next fingerprint check, and the /about figures read the same
// snapshot.
import { createStores } from "../../src/store/stores.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionActor } from "../../src/actions/types.ts";
import { createFeedbackActions, type FeedbackActions } from "../../src/actions/wiring.ts";
import { createAboutFacts } from "../../src/http/site/about-facts.ts";
import { createPublicSite, createSiteSnapshotCache } from "../../src/http/site/routes.ts";
import { CHECK_INTERVAL_MS, type SnapshotCache } from "../../src/http/site/snapshot-cache.ts";
import { createTranslator } from "../../src/i18n.ts";
import { renderAbout } from "../../src/survey/about.ts";
import { silentLogger } from "../../src/logger.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { testClock, type TestClock } from "../helpers/clock.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { PROVINCE, SMALL, STP, TZ, seedSite } from "./site-helpers.ts";

const t = createTranslator();
const MIN_N = 30;
const official: ActionActor = { id: "telegram:400", role: "official", scope: [PROVINCE.code] };
const comms: ActionActor = { id: "telegram:300", role: "comms", scope: [] };

describe.each(await databaseKinds())("'you said, we did' on the site (%s)", (kind) => {
  let tdb: TestDatabase;
  let clock: TestClock;
  let actions: FeedbackActions;
  let cache: SnapshotCache;
  let app: ReturnType<typeof createPublicSite>;
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const text = async (path: string) => (await get(path)).text();

  async function approved(agencyCode: string, textVi: string, o: { textEn?: string; element?: "access" | "procedures" | null } = {}): Promise<string> {
    clock.advance(60_000);
    const a = await actions.service.add(official, { agencyCode, element: o.element ?? null, textVi, textEn: o.textEn ?? null });
    if (!a.ok) throw new Error(JSON.stringify(a.refusal));
    const done = await actions.service.approve(comms, a.action.id);
    if (!done.ok) throw new Error(JSON.stringify(done.refusal));
    return a.action.id;
  }

  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    clock = testClock();
    await seedSite(tdb.db, clock.now());
    actions = createFeedbackActions({ stores: createStores(tdb.db, clock.now), config: { approval: "admin", timeZone: TZ }, t, now: clock.now });
    cache = createSiteSnapshotCache({ db: tdb.db, stores: createStores(tdb.db, clock.now), now: clock.now, timeZone: TZ, minN: MIN_N });
    app = createPublicSite({ db: tdb.db, stores: createStores(tdb.db, clock.now), t, now: clock.now, timeZone: TZ, minN: MIN_N, logger: silentLogger(), cache });
    await approved(STP.code, "Đã niêm yết đầy đủ mức phí tại quầy.", { textEn: "Fees are now posted in full at the desk.", element: "procedures" });
    await approved(SMALL.code, "Đã sửa mái che khu chờ.", { element: "access" });
    const pending = await actions.service.add(official, { agencyCode: STP.code, element: null, textVi: "CHƯA DUYỆT" });
    const rejected = await actions.service.add(official, { agencyCode: STP.code, element: null, textVi: "BỊ TỪ CHỐI" });
    if (!pending.ok || !rejected.ok) throw new Error("not added");
    await actions.service.reject(comms, rejected.action.id);
  }, 60_000);
  afterAll(async () => tdb?.dispose());

  it("lists approved actions on the overview, newest first, naming each agency", async () => {
    const page = await text("/?lang=vi");
    const section = page.slice(page.indexOf('<h2 id="actions">'), page.indexOf("</section>", page.indexOf('<h2 id="actions">')));
    expect(section).toContain("Ông/Bà đã góp ý, chúng tôi đã làm");
    expect(section.indexOf("Đã sửa mái che khu chờ.")).toBeLessThan(section.indexOf("Đã niêm yết đầy đủ mức phí tại quầy."));
    expect(section).toMatch(/\d\d\/\d\d\/\d{4} · UBND xã Hữu Lũng · Góp ý về Tiếp cận dịch vụ/);
    expect(section).toMatch(/\d\d\/\d\d\/\d{4} · Sở Tư pháp · Góp ý về Thủ tục hành chính/);
    expect(page).not.toContain("CHƯA DUYỆT");
    expect(page).not.toContain("BỊ TỪ CHỐI");
  });

  it("shows an agency its own actions without repeating its name, and its parent the whole subtree's", async () => {
    const stp = await text(`/results/agencies/${STP.code}?lang=vi`);
    expect(stp).toMatch(/<p class="small muted">\d\d\/\d\d\/\d{4} · Góp ý về Thủ tục hành chính<\/p><p class="post">Đã niêm yết đầy đủ mức phí tại quầy\.<\/p>/);
    expect(stp).not.toContain("mái che");
    const province = await text(`/results/agencies/${PROVINCE.code}?lang=vi`);
    expect(province).toContain("Đã sửa mái che khu chờ.");
    expect(province).toContain("Đã niêm yết đầy đủ mức phí tại quầy.");
  });

  it("speaks English where the official gave English, and marks Vietnamese text inside an English page", async () => {
    const page = await text("/?lang=en");
    expect(page).toContain("You said, we did");
    expect(page).toContain('<p class="post">Fees are now posted in full at the desk.</p>');
    expect(page).toContain('<p class="post" lang="vi">Đã sửa mái che khu chờ.</p>');
    expect(page).toMatch(/Huu Lung Commune People&#39;s Committee · Feedback on Access to services/);
  });

  it("says so when nothing is published, and keeps to the five newest", async () => {
    const big = await text(`/results/agencies/${encodeURIComponent(SMALL.code)}?lang=vi`);
    expect(big).toContain("Đã sửa mái che khu chờ.");
    for (let i = 1; i <= 6; i++) await approved(SMALL.code, `Việc số ${i}.`);
    clock.advance(CHECK_INTERVAL_MS + 1);
    const page = await text(`/results/agencies/${encodeURIComponent(SMALL.code)}?lang=vi`);
    const shown = [...page.matchAll(/Việc số (\d)\./g)].map((m) => m[1]);
    expect(shown).toEqual(["6", "5", "4", "3", "2"]);
    expect(page).not.toContain("mái che");
    await createAgencyStore(tdb.db).ensure({ code: "NEW-1", nameVi: "Cơ quan mới" });
    clock.advance(CHECK_INTERVAL_MS + 1);
    expect(await text("/results/agencies/NEW-1?lang=vi")).toContain("Chưa có việc nào được công bố.");
  });

  it("reaches the cached pages at the next check after an approval or a take-down", async () => {
    const before = await get(`/results/agencies/${STP.code}?lang=vi`);
    const etag = before.headers.get("etag")!;
    const id = await approved(STP.code, "Đã thêm quầy buổi trưa.");
    clock.advance(CHECK_INTERVAL_MS + 1);
    const after = await get(`/results/agencies/${STP.code}?lang=vi`, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain("Đã thêm quầy buổi trưa.");
    await actions.service.takeDown(comms, id);
    clock.advance(CHECK_INTERVAL_MS + 1);
    expect(await text(`/results/agencies/${STP.code}?lang=vi`)).not.toContain("Đã thêm quầy buổi trưa.");
  });

  it("gives /about the figures the site shows: the agency's published quarter, else the province's SIPAS", async () => {
    const about = createAboutFacts({ cache, t, timeZone: TZ, publicBaseUrl: "https://hailong.example.gov.vn" });
    const stp = await about.facts(STP.code);
    expect(stp.agency?.figure?.responses).toBe(35);
    expect(stp.agency?.figure?.value).toBeCloseTo(85.714, 3);
    expect(renderAbout(t, "vi", stp)).toContain("Kết quả gần nhất của Sở Tư pháp (Quý");
    expect(renderAbout(t, "vi", stp)).toContain("85,71 % hài lòng, 35 câu trả lời.");
    expect(stp.agency!.figure!.period.vi).toMatch(/^Quý \d\/\d{4} \(đến nay\)$/);
    expect(stp.url).toBe(`https://hailong.example.gov.vn/results/agencies/${STP.code}`);
    const page = await text(`/results/agencies/${STP.code}?lang=vi`);
    expect(page).toContain('<span class="value">85,71 %</span>');
    const small = await about.facts(SMALL.code);
    expect(small.agency).toMatchObject({ name: { vi: SMALL.vi }, figure: null });
    expect(small.province).toEqual({ name: { vi: "Lạng Sơn", en: "Lang Son" }, year: 2021, value: 87.07, rank: 31, of: 63 });
    expect(small.url).toBe(`https://hailong.example.gov.vn/results/agencies/${encodeURIComponent(SMALL.code)}`);
    const nobody = await about.facts(null);
    expect(nobody).toMatchObject({ agency: null, url: "https://hailong.example.gov.vn/", minN: MIN_N });
  });
});
