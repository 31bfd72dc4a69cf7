// The digest's complaint line: per agency (with its subtree) how many complaints came in the period, how many
// are open, and the median time to the first reply and to resolution; a complaint the citizen erased still
// counts with its times. Loaded from the database on both engines; every date derives from testNow().
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDuration } from "../../src/complaints/figures.ts";
import { buildDigest } from "../../src/digest/build.ts";
import { loadDigestInput } from "../../src/digest/gather.ts";
import { renderDigestText } from "../../src/digest/render.ts";
import { createTranslator } from "../../src/i18n.ts";
import { parsePeriod } from "../../src/indices/period.ts";
import { createComplaintStore } from "../../src/store/complaints.ts";
import { testNow } from "../helpers/clock.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { fixtureInput } from "../digest/fixture.ts";

const t = createTranslator();
const TZ = "Asia/Ho_Chi_Minh";
const H = 3_600_000;
const D = 24 * H;
const month = new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(testNow()).slice(0, 7);
const period = parsePeriod(month, TZ);

describe("complaint times in words", () => {
  it("reads minutes, hours and days as an official would say them", () => {
    expect(formatDuration(20 * 60_000, t, "vi")).toBe("20 phút");
    expect(formatDuration(5 * H, t, "vi")).toBe("5 giờ");
    expect(formatDuration(36 * D, t, "en")).toBe("36 days");
    expect(formatDuration(1.5 * D, t, "vi")).toBe("36 giờ");
    expect(formatDuration(3.5 * D, t, "vi")).toBe("3,5 ngày");
  });

  it("adds no line to a digest without complaints", () => {
    expect(renderDigestText(buildDigest(fixtureInput(), "vi"), "vi", t)).not.toContain("Phản ánh");
  });
});

describe.each(await databaseKinds())("the digest's complaint line from the database (%s)", (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const [centre] = await db.db.sql.query<{ id: number }>(`INSERT INTO agency (code, name_vi) VALUES ('LSN', 'Trung tâm') RETURNING id`);
    const [stp] = await db.db.sql.query<{ id: number }>(`INSERT INTO agency (code, name_vi, parent_id) VALUES ('LSN-STP', 'Sở Tư pháp', $1) RETURNING id`, [centre!.id]);
    const [pc] = await db.db.sql.query<{ id: number }>(`INSERT INTO agency (code, name_vi, parent_id) VALUES ('LSN-STP-PC', 'Phòng Công chứng', $1) RETURNING id`, [stp!.id]);
    const [sxd] = await db.db.sql.query<{ id: number }>(`INSERT INTO agency (code, name_vi, parent_id) VALUES ('LSN-SXD', 'Sở Xây dựng', $1) RETURNING id`, [centre!.id]);
    let at = period.from;
    const store = createComplaintStore(db.db, () => at);
    const complaint = async (id: string, agencyId: number, submitted: number, reply?: number, resolve?: number) => {
      at = new Date(period.from.getTime() + submitted);
      await store.draft({ id, responseId: `run-${id}`, respondentId: `person-${id}`, agencyId, channel: "telegram", locale: "vi", lowScores: [{ itemId: "access", element: "access", score: 1 }] });
      await store.submit(id, "Chờ lâu quá");
      if (reply !== undefined) {
        at = new Date(period.from.getTime() + submitted + reply);
        await store.addReply({ id: `r-${id}`, complaintId: id, staffId: "s1", text: "Xin lỗi" });
        at = new Date(at.getTime() + H);
        await store.addReply({ id: `r2-${id}`, complaintId: id, staffId: "s1", text: "Đã sắp xếp" });
      }
      if (resolve !== undefined) {
        at = new Date(period.from.getTime() + submitted + resolve);
        await store.resolve({ complaintId: id, staffId: "s1", noticeId: `v-${id}` });
      }
    };
    await complaint("cA", Number(stp!.id), 1 * D, 2 * H, 26 * H);
    await complaint("cB", Number(pc!.id), 2 * D, 4 * H);
    await complaint("cD", Number(stp!.id), 3 * D, 6 * H);
    // Submitted before the period and still unanswered: part of the backlog, not of the period's intake.
    await complaint("cC", Number(sxd!.id), -3 * D);
    // The citizen of cD erased themselves: the content goes, the times stay.
    await store.eraseRespondent("person-cD");
  }, 120_000);
  afterAll(async () => db?.dispose());

  it("shows received, open and median times per agency with its subtree, erased complaints counted", async () => {
    const input = await loadDigestInput(db.db, { agencyCodes: ["LSN", "LSN-STP", "LSN-SXD"], period, minN: 30 });
    expect(input.complaints!["LSN-STP"]).toEqual({ received: 3, open: 1, firstReply: { medianMs: 4 * H, n: 3 }, resolution: { medianMs: 26 * H, n: 1 } });
    expect(input.complaints!["LSN-SXD"]).toEqual({ received: 0, open: 1, firstReply: null, resolution: null });
    expect(input.complaints!.LSN).toMatchObject({ received: 3, open: 2 });

    const vi = renderDigestText(buildDigest(input, "vi"), "vi", t);
    expect(vi).toContain("• Phản ánh sau điểm thấp: 3 trong kỳ, 1 đang chờ xử lý; trả lời lần đầu sau 4 giờ (trung vị, 3 phản ánh); giải quyết sau 26 giờ (trung vị, 1 phản ánh)");
    expect(vi).toContain("• Phản ánh sau điểm thấp: 0 trong kỳ, 1 đang chờ xử lý\n");
    const en = renderDigestText(buildDigest(input, "en"), "en", t);
    expect(en).toContain("• Complaints after a low score: 3 in the period, 1 open; first reply after 4 h (median of 3); resolved after 26 h (median of 1)");
    // Times only: no complaint's words reach a digest.
    expect(vi).not.toContain("Chờ lâu quá");
  });
});
