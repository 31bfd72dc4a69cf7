// Test data for the public results site: a province centre with two agencies, one with enough answers in
// the current and the previous quarter, one below min-n; invitations for a response rate; a published
// announcement, an unpublished draft and a written comment that must never reach the site. Every date is
// derived from the test's clock (the site's own quarters around `now`), never from the wall clock.
import type { Database } from "../../src/store/database.ts";
import { createAnnouncementStore } from "../../src/store/announcements.ts";
import { seedOfficialResults } from "../../src/results/seed.ts";
import { sitePeriods } from "../../src/http/site/periods.ts";
import type { Period } from "../../src/indices/period.ts";
import { insertAgencies, insertResponses, uniform, type TestResponse } from "../indices/helpers.ts";

export const TZ = "Asia/Ho_Chi_Minh";
export const PROVINCE = { code: "LSN", vi: "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn", en: "Lang Son Public Administration Service Centre" };
export const STP = { code: "LSN-STP", vi: "Sở Tư pháp", en: "Department of Justice" };
// A code with a slash and dots, as the registry allows: every URL must carry it encoded.
export const SMALL = { code: "XA/01.A", vi: "UBND xã Hữu Lũng", en: "Huu Lung Commune People's Committee" };
export const COMMENT = "Cán bộ Nguyễn Văn A, số điện thoại 0912345678";
export const DRAFT_TEXT = "BẢN NHÁP CHƯA DUYỆT";
export const PUBLISHED_VI = "Tỉnh Lạng Sơn: SIPAS 2021 đạt 87,07 %, xếp thứ 31/63.";
export const PUBLISHED_EN = "Lang Son: SIPAS 2021 at 87.07%, ranked 31/63.";

const HOUR = 3_600_000;
const at = (d: Date, hours: number) => new Date(d.getTime() + hours * HOUR).toISOString();

export interface SiteData {
  ids: Map<string, number>;
  current: Period;
  previous: Period;
}

export async function seedSite(db: Database, now: Date): Promise<SiteData> {
  await seedOfficialResults(db);
  const ids = await insertAgencies(db, [{ code: PROVINCE.code }, { code: STP.code, parent: PROVINCE.code }, { code: SMALL.code, parent: PROVINCE.code }]);
  for (const a of [PROVINCE, STP, SMALL]) {
    await db.sql.query(`UPDATE agency SET name_vi = $2, name_en = $3 WHERE code = $1`, [a.code, a.vi, a.en]);
  }
  const periods = sitePeriods(now, TZ);
  const current = periods[periods.length - 1]!;
  const previous = periods[periods.length - 2]!;
  const cur = at(current.from, 3);
  const responses: TestResponse[] = [
    // 30 very satisfied and 5 dissatisfied: 30/35 = 85.71 % on every element.
    ...uniform(STP.code, 30, 5, cur),
    ...uniform(STP.code, 5, 2, cur),
    // The quarter before: 31 neutral answers (0 %), so the rise is significant.
    ...uniform(STP.code, 31, 3, at(previous.from, 3)),
    // Below min-n: 5 answers.
    ...uniform(SMALL.code, 5, 4, cur),
  ];
  await insertResponses(db, ids, responses);
  // A written comment on one of them: comments are never published.
  await db.sql.query(
    `INSERT INTO answer (response_id, item_id, element, text) SELECT id, 'comment', NULL, $2 FROM response WHERE agency_id = $1 ORDER BY id LIMIT 1`,
    [ids.get(STP.code), COMMENT],
  );
  // 40 invitations for Sở Tư pháp's current quarter, 35 of them answered: a response rate of 87.5 %.
  for (let i = 0; i < 40; i++) {
    await db.sql.query(
      `INSERT INTO invitation (id, token, dossier_code, agency_id, completed_at, expires_at) VALUES ($1, $2, $3, $4, $5::timestamp, $6::timestamp)`,
      [`inv${i}`, `tok${i}`, `DOSSIER-${i}`, ids.get(STP.code), at(current.from, 1).replace("T", " ").replace("Z", ""), at(current.from, 200).replace("T", " ").replace("Z", "")],
    );
  }
  await db.sql.query(
    `WITH r AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM response WHERE agency_id = $1 AND completed_at >= $2::timestamp),
          i AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM invitation WHERE agency_id = $1)
     UPDATE response SET invitation_id = i.id FROM r JOIN i USING (n) WHERE response.id = r.id`,
    [ids.get(STP.code), current.from.toISOString().replace("T", " ").replace("Z", "")],
  );
  await publishAnnouncement(db, now);
  await createAnnouncementStore(db).create({ id: "draft1", source: { kind: "index_report", agencyCode: STP.code, period: current.label }, textVi: DRAFT_TEXT, textEn: DRAFT_TEXT, createdBy: "cli:test" }, now);
  return { ids, current, previous };
}

/** Walks a post through the real lifecycle of the store: draft → pending → approved → published. */
async function publishAnnouncement(db: Database, now: Date): Promise<void> {
  const store = createAnnouncementStore(db);
  const a = await store.create({ id: "post1", source: { kind: "official_result", indexCode: "SIPAS", unitCode: "20", year: 2021 }, textVi: PUBLISHED_VI, textEn: PUBLISHED_EN, createdBy: "cli:test" }, now);
  const pending = await store.transition(a.id, { from: ["draft"], to: "pending", version: a.version, at: now });
  await store.approve(a.id, { by: "cli:admin", version: pending!.version, at: now });
  await store.beginPublishing(a.id, { from: ["approved"], version: pending!.version, at: now });
  await store.finishPublishing(a.id, { delivered: true, at: now });
}

/** More answers for the small agency, enough to publish it. */
export async function topUpSmall(db: Database, data: SiteData): Promise<void> {
  await insertResponses(db, data.ids, uniform(SMALL.code, 30, 4, at(data.current.from, 5)));
}
