// Drafting against a real database (both engines): the shipped registry for official results, real responses
// for an agency's index (only once its period is over); the exported draftFromOfficialResult writes nothing;
// pictures decode at their size.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStores } from "../../src/store/stores.ts";
import { draftFromIndexReport, draftFromOfficialResult, DraftRefused } from "../../src/announce/draft.ts";
import { seedOfficialResults } from "../../src/results/seed.ts";
import { decode } from "../charts/pixels.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { insertAgencies, insertResponses, uniform } from "../indices/helpers.ts";
import { draftRefusalText } from "../../src/announce/refusal-text.ts";
import { t, TZ } from "./helpers.ts";
import { CARD_MAX_HEIGHT, CARD_WIDTH } from "../../src/charts/result-card.ts";
import { CHART_SCALE } from "../../src/charts/raster.ts";
import { MAX_TEXT_CHARS } from "../../src/announce/lifecycle.ts";
import { announceButtons } from "../../src/announce/buttons.ts";
import { createSourceCatalog } from "../../src/announce/source-catalog.ts";
import { indexLabel } from "../../src/results/indices.ts";

/** A moment after October 2026 ended in Hà Nội: the month may be published. */
const AFTER_OCTOBER = () => new Date("2026-11-27T03:00:00Z");

async function rowCounts(tdb: TestDatabase) {
  const p = tdb.db.prisma;
  return { announcements: await p.announcement.count(), audit: await p.auditEntry.count(), results: await p.officialResult.count() };
}

describe.each(await databaseKinds())("drafting from the database (%s)", (kind) => {
  let tdb: TestDatabase;
  /** What a draft reads, on this suite's database (drafts write nothing, so the clock does not matter). */
  const draftSources = () => ({ db: tdb.db, stores: createStores(tdb.db, () => new Date("2026-11-27T03:00:00Z")) });

  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    await seedOfficialResults(tdb.db);
  });
  afterAll(async () => tdb?.dispose());

  it("Lạng Sơn SIPAS 2021 from the shipped registry, as the province's report states it: the text, both cards, and no writes", async () => {
    const before = await rowCounts(tdb);
    const d = await draftFromOfficialResult(draftSources(), { indexCode: "SIPAS", unitCode: "20", year: 2021 }, t);
    expect(d.textVi.split("\n")[0]).toBe(
      "Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63, tăng 3,1 và tăng 8 bậc so với năm 2020. Trong 5 chỉ số thành phần, 3 chỉ số giảm cả điểm số và thứ hạng, 1 chỉ số tăng cả điểm số và thứ hạng. Khảo sát 400 phiếu trên tổng số 3.366 người. Trung bình 63 tỉnh, thành phố: 87,16 %.",
    );
    expect(d.textEn.split("\n")[0]).toBe(
      "In 2021, the SIPAS index of Lang Son province was 87.07%, ranking 31st of 63, up 3.1 and up 8 places from 2020. Of the 5 sub-indices, 3 fell in both score and rank, 1 rose in both score and rank. Survey of 400 questionnaires among 3,366 people. Average of the 63 provinces: 87.16%.",
    );
    expect(d.textVi).toContain("Nguồn: https://hanhchinhcong.langson.gov.vn/");
    expect(d.textVi).toContain("Nguồn số liệu trung bình: https://giaoducthoidai.vn/");
    expect(d.source).toEqual({ kind: "official_result", indexCode: "SIPAS", unitCode: "20", year: 2021 });
    for (const png of [d.chartVi, d.chartEn]) {
      expect(decode(png).width).toBe(CARD_WIDTH * CHART_SCALE);
      expect(decode(png).height).toBeLessThanOrEqual(CARD_MAX_HEIGHT * CHART_SCALE);
    }
    expect(d.chartVi.equals(d.chartEn)).toBe(false);
    expect(await rowCounts(tdb)).toEqual(before);
  });

  it("PAR INDEX and SIPAS together, as the province's 2021 report: both paragraphs, one card, within what staff may edit", async () => {
    const d = await draftFromOfficialResult(draftSources(), { indexCode: "sipas + par index", unitCode: "20", year: 2021 }, t);
    expect(d.source).toEqual({ kind: "official_result", indexCode: "PAR_INDEX+SIPAS", unitCode: "20", year: 2021 });
    const [par, sipas, sources] = d.textVi.split("\n\n");
    expect(par).toBe(
      "Năm 2021, Chỉ số cải cách hành chính (PAR INDEX) của tỉnh Lạng Sơn đạt 87,11 %, xếp hạng 23/63, thuộc nhóm B, tăng 3,31 và tăng 13 bậc so với năm 2020, là kết quả cao nhất từ khi có chỉ số này. Trong 8 lĩnh vực, 5 lĩnh vực tăng điểm, trong đó có Cải cách thủ tục hành chính và Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội. Trung bình 63 tỉnh, thành phố: 86,37 %.",
    );
    expect(sipas).toMatch(/^Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31\/63, tăng 3,1 và tăng 8 bậc so với năm 2020\./);
    // Every source's full address would not fit: the averages' sources are named by their sites.
    expect(sources).toBe(
      "Nguồn: https://hanhchinhcong.langson.gov.vn/index.php/vi/ubnd-tinh-ban-hanh-ke-hoach-trien-khai-cac-nhiem-vu-giai-phap-nang-cao-chi-so-hai-long-ve-su-phuc\nNguồn số liệu trung bình: stttt.quangngai.gov.vn, giaoducthoidai.vn",
    );
    expect(d.textEn.split("\n\n")[0]).toContain("up 3.31 and up 13 places from 2020, the highest since the index began. Of the 8 fields, 5 rose, among them Administrative procedure reform");
    for (const text of [d.textVi, d.textEn]) expect([...text].length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(decode(d.chartVi).width).toBe(CARD_WIDTH * CHART_SCALE);
  });

  it("the bot's pickers offer PAR INDEX and SIPAS together, for the units and years that have both; the button carries it", async () => {
    const catalog = createSourceCatalog(createStores(tdb.db, () => new Date("2026-11-27T03:00:00Z")), () => new Date("2026-11-27T03:00:00Z"));
    const indices = await catalog.indices();
    expect(indices[0]).toMatchObject({ code: "PAR_INDEX+SIPAS", nameVi: "PAR INDEX và SIPAS" });
    expect(indexLabel(indices[0]!.code)).toBe("PAR INDEX + SIPAS");
    expect((await catalog.units("PAR_INDEX+SIPAS")).map((u) => u.code)).toContain("20");
    expect((await catalog.units("PAR_INDEX+SIPAS")).map((u) => u.code)).not.toContain("72");
    expect(await catalog.years("PAR_INDEX+SIPAS", "20")).toEqual([2021, 2020]);
    const data = announceButtons.encode({ kind: "result", index: "PAR_INDEX+SIPAS", unit: "20", year: 2021 });
    expect(announceButtons.decode(data.slice("x:a:".length))).toEqual({ kind: "result", index: "PAR_INDEX+SIPAS", unit: "20", year: 2021 });
  });

  it("units by slug or name, indices loosely spelled; the canonical codes are kept", async () => {
    const d = await draftFromOfficialResult(draftSources(), { indexCode: "par index", unitCode: "Lang Son", year: 2021 });
    expect(d.source).toEqual({ kind: "official_result", indexCode: "PAR_INDEX", unitCode: "20", year: 2021 });
    expect(d.textVi.split("\n")[0]).toMatch(/^Năm 2021, Chỉ số cải cách hành chính \(PAR INDEX\) của tỉnh Lạng Sơn đạt 87,11 %, xếp hạng 23\/63, thuộc nhóm B, tăng 3,31 và tăng 13 bậc so với năm 2020,/);
  });

  it("a province may be named by its People's Committee's agency code (LSN → UBND tỉnh Lạng Sơn)", async () => {
    await insertAgencies(tdb.db, [{ code: "LSN" }]);
    await tdb.db.sql.query(`UPDATE agency SET name_vi = 'UBND tỉnh Lạng Sơn' WHERE code = 'LSN'`);
    const d = await draftFromOfficialResult(draftSources(), { indexCode: "SIPAS", unitCode: "LSN", year: 2021 });
    expect(d.source.unitCode).toBe("20");
    // An agency that is not a province's committee names no province.
    await insertAgencies(tdb.db, [{ code: "LSN-TTPVHCC" }]);
    await expect(draftFromOfficialResult(draftSources(), { indexCode: "SIPAS", unitCode: "LSN-TTPVHCC", year: 2021 })).rejects.toMatchObject({ reason: "unknown_unit" });
  });

  it("refusals name what is missing", async () => {
    const refused = (ref: { indexCode: string; unitCode: string; year: number }) => draftFromOfficialResult(draftSources(), ref).catch((e: unknown) => e);
    expect(await refused({ indexCode: "SIPAS", unitCode: "20", year: 2019 })).toMatchObject({ reason: "no_result", vars: { index: "SIPAS", unit: "Lạng Sơn", year: 2019 } });
    expect(await refused({ indexCode: "HAPPY", unitCode: "20", year: 2021 })).toBeInstanceOf(DraftRefused);
    expect(await refused({ indexCode: "SIPAS", unitCode: "Atlantis", year: 2021 })).toMatchObject({ reason: "unknown_unit" });
  });

  it("an agency's index over a month: figures from the answers, withheld below the minimum n", async () => {
    const ids = await insertAgencies(tdb.db, [{ code: "LSN-STP" }, { code: "LSN-SXD" }]);
    await insertResponses(tdb.db, ids, [
      ...uniform("LSN-STP", 30, 5, "2026-10-10T03:00:00Z"),
      ...uniform("LSN-STP", 10, 2, "2026-10-12T03:00:00Z"),
      ...uniform("LSN-SXD", 12, 5, "2026-10-12T03:00:00Z"),
    ]);
    const d = await draftFromIndexReport(draftSources(), { agencyCode: "LSN-STP", period: "2026-10" }, { timeZone: TZ, minN: 30, now: AFTER_OCTOBER, t });
    expect(d.source).toEqual({ kind: "index_report", agencyCode: "LSN-STP", period: "2026-10" });
    expect(d.textVi).toMatch(/^Trong tháng 10\/2026, Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của Cơ quan LSN-STP đạt 75,00 % \(khoảng tin cậy 95 %: \[\d+,\d\d; \d+,\d\d\]\), tính trên 40 phiếu khảo sát\./);
    expect(d.textVi).toContain("Theo từng yếu tố: Tiếp cận dịch vụ 75,00 %;");
    expect(d.textEn).toMatch(/^In October 2026, .* of Agency LSN-STP was 75\.00% \(95% interval \[\d+\.\d\d, \d+\.\d\d\]\), from 40 survey responses\./);
    // The digest chart, portrait for phones (360 × 500 layout at twice the pixels).
    expect([decode(d.chartVi).width, decode(d.chartVi).height]).toEqual([720, 1000]);
    // 12 answers: below the minimum, nothing to publish.
    await expect(draftFromIndexReport(draftSources(), { agencyCode: "LSN-SXD", period: "2026-10" }, { timeZone: TZ, minN: 30, now: AFTER_OCTOBER, t })).rejects.toMatchObject({
      reason: "not_enough_data",
      vars: { agency: "Cơ quan LSN-SXD", period: "2026-10", minN: 30 },
    });
  });

  it("a period not over yet is not published: its figure would still change", async () => {
    const during = () => new Date("2026-10-31T16:59:59Z"); // 23:59:59 on 31 October in Hà Nội
    const refused = (await draftFromIndexReport(draftSources(), { agencyCode: "LSN-STP", period: "2026-10" }, { timeZone: TZ, minN: 30, now: during, t }).catch((e: unknown) => e)) as DraftRefused;
    expect(refused).toMatchObject({ reason: "period_not_finished", vars: { period: "2026-10", lastDay: "2026-10-31" } });
    expect(draftRefusalText(refused.reason, refused.vars, "en", t)).toBe("2026-10 is not over yet (it runs to 2026-10-31): only a finished period's index is published, when its figures no longer change.");
    const justAfter = () => new Date("2026-10-31T17:00:00Z");
    await expect(draftFromIndexReport(draftSources(), { agencyCode: "LSN-STP", period: "2026-10" }, { timeZone: TZ, minN: 30, now: justAfter, t })).resolves.toMatchObject({ source: { period: "2026-10" } });
  });

  it("an element short of answers holds the overall back, and the refusal names it in the reader's language", async () => {
    const ids = await insertAgencies(tdb.db, [{ code: "LSN-TTPV" }]);
    const skipped = uniform("LSN-TTPV", 15, 4, "2026-10-14T03:00:00Z").map((r) => ({ ...r, answers: { ...r.answers, feedback: null } }));
    await insertResponses(tdb.db, ids, [...uniform("LSN-TTPV", 25, 4, "2026-10-13T03:00:00Z"), ...skipped]);
    // The code as an operator may type it (`hailong announce draft --agency lsn-ttpv`): the case does not matter.
    const refused = (await draftFromIndexReport(draftSources(), { agencyCode: "lsn-ttpv", period: "2026-10" }, { timeZone: TZ, minN: 30, now: AFTER_OCTOBER, t }).catch((e: unknown) => e)) as DraftRefused;
    expect(refused).toMatchObject({ reason: "element_not_enough" });
    expect(draftRefusalText(refused.reason, refused.vars, "en", t)).toBe(
      `Cơ quan LSN-TTPV: ${t("en", "element.feedback")} has fewer than 30 answers for 2026-10. The overall index is the mean of all five elements, so it cannot be published yet.`,
    );
    expect(draftRefusalText(refused.reason, refused.vars, "vi", t)).toBe(
      `Cơ quan LSN-TTPV: yếu tố ${t("vi", "element.feedback")} chưa đủ 30 câu trả lời trong 2026-10. Chỉ số chung là trung bình cộng của cả 5 yếu tố nên chưa thể công bố.`,
    );
  });
});
