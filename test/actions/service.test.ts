// The feedback-action service on a real database (embedded and PostgreSQL): recording within a scope and
// its subtree only, the audit trail of add, approve and reject (refusals too), the second-person rule, two
// reviewers deciding at once (one wins, the other is told), and what the thank-you reads.
import { createStores } from "../../src/store/stores.ts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ActionActor } from "../../src/actions/types.ts";
import { createFeedbackActions, type FeedbackActions } from "../../src/actions/wiring.ts";
import { createTranslator } from "../../src/i18n.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { createAuditLog, type AuditLog } from "../../src/store/audit.ts";
import { testClock } from "../helpers/clock.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const official: ActionActor = { id: "telegram:400", role: "official", scope: ["LSN-STP"] };
const comms: ActionActor = { id: "telegram:300", role: "comms", scope: [] };
const comms2: ActionActor = { id: "telegram:301", role: "comms", scope: [] };
const admin: ActionActor = { id: "cli:lan", role: "admin", scope: ["LSN-SXD"] };

describe.each(await databaseKinds())("feedback actions (%s)", (kind) => {
  let tdb: TestDatabase;
  let audit: AuditLog;
  const clock = testClock();
  const make = (approval: "admin" | "second-person"): FeedbackActions =>
    createFeedbackActions({ stores: createStores(tdb.db, clock.now), config: { approval, timeZone: "Asia/Ho_Chi_Minh" }, t: createTranslator(), now: clock.now });

  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    audit = createAuditLog(tdb.db);
    const agencies = createAgencyStore(tdb.db);
    await agencies.upsertRegistry([
      { code: "LSN", nameVi: "Tỉnh Lạng Sơn", nameEn: null, parentCode: null, questionnaireId: "sipas-short" },
      { code: "LSN-STP", nameVi: "Sở Tư pháp", nameEn: "Department of Justice", parentCode: "LSN", questionnaireId: "sipas-short" },
      { code: "LSN-STP-PC", nameVi: "Phòng Công chứng số 1", nameEn: null, parentCode: "LSN-STP", questionnaireId: "sipas-short" },
      { code: "LSN-SXD", nameVi: "Sở Xây dựng", nameEn: null, parentCode: "LSN", questionnaireId: "sipas-short" },
    ]);
  });
  afterAll(() => tdb?.dispose());
  beforeEach(async () => {
    await tdb.db.prisma.feedbackAction.deleteMany();
    await tdb.db.prisma.auditEntry.deleteMany();
  });

  it("records an action for an agency in the official's scope or its subtree, and nowhere else", async () => {
    const { service } = make("admin");
    const own = await service.add(official, { agencyCode: "LSN-STP", element: "access", textVi: "Đã thêm  ghế chờ\nở sảnh.", textEn: "More seats in the hall." });
    expect(own.ok && own.action).toMatchObject({ status: "pending", textVi: "Đã thêm ghế chờ ở sảnh.", textEn: "More seats in the hall.", element: "access", createdBy: "telegram:400" });
    const below = await service.add(official, { agencyCode: "lsn-stp-pc", element: null, textVi: "Đã niêm yết phí." });
    expect(below.ok && below.action.agency.code).toBe("LSN-STP-PC");
    expect(await service.add(official, { agencyCode: "LSN-SXD", element: null, textVi: "x" })).toEqual({ ok: false, refusal: { reason: "out_of_scope", agency: "LSN-SXD" } });
    expect(await service.add(official, { agencyCode: "NOPE", element: null, textVi: "x" })).toEqual({ ok: false, refusal: { reason: "unknown_agency", agency: "NOPE" } });
    expect(await service.add(comms, { agencyCode: "LSN-STP", element: null, textVi: "x" })).toEqual({ ok: false, refusal: { reason: "not_allowed" } });
    expect(await service.add(official, { agencyCode: "LSN-STP", element: null, textVi: "  " })).toEqual({ ok: false, refusal: { reason: "empty_text" } });
    // An admin's scope does not narrow what they may do.
    expect((await service.add(admin, { agencyCode: "LSN-STP", element: null, textVi: "Đã sửa biển chỉ dẫn." })).ok).toBe(true);

    // The official lists their scope only; comms see everything.
    await service.add({ ...official, id: "telegram:401", scope: ["LSN-SXD"] }, { agencyCode: "LSN-SXD", element: null, textVi: "Đã mở quầy chiều thứ Bảy." });
    expect((await service.list(official)).map((a) => a.agency.code).sort()).toEqual(["LSN-STP", "LSN-STP", "LSN-STP-PC"]);
    expect(await service.list(comms)).toHaveLength(4);

    const trail = await audit.list({ limit: 20 });
    expect(trail.filter((e) => e.action === "action.add")).toHaveLength(4);
    expect(trail.filter((e) => e.action === "action.refused").map((e) => e.details?.reason).sort()).toEqual(["empty_text", "not_allowed", "out_of_scope", "unknown_agency"]);
  });

  it("approves, takes down, refuses what cannot be, and audits each step with who and the status it left", async () => {
    const { service, latestApproved } = make("admin");
    const a = await service.add(official, { agencyCode: "LSN-STP", element: "procedures", textVi: "Đã niêm yết đủ thủ tục." });
    if (!a.ok) throw new Error("not added");
    expect(await service.approve(official, a.action.id)).toEqual({ ok: false, refusal: { reason: "not_allowed" } });
    const approved = await service.approve(comms, a.action.id);
    expect(approved.ok && approved.action).toMatchObject({ status: "approved", decidedBy: "telegram:300" });
    expect(await service.approve(comms, a.action.id)).toEqual({ ok: false, refusal: { reason: "wrong_status", status: "approved" } });
    const id = a.action.id;
    const agencyId = a.action.agency.id;
    expect((await latestApproved(agencyId, 2)).map((x) => x.textVi)).toEqual(["Đã niêm yết đủ thủ tục."]);
    expect(await service.reject(comms2, id)).toEqual({ ok: false, refusal: { reason: "wrong_status", status: "approved" } });
    const down = await service.takeDown(comms2, id);
    expect(down.ok && down.action.status).toBe("rejected");
    expect(await latestApproved(agencyId, 2)).toEqual([]);
    expect(await service.approve(comms, "nothing")).toEqual({ ok: false, refusal: { reason: "not_found" } });

    const trail = (await audit.list({ subject: id })).reverse();
    expect(trail.map((e) => [e.actor, e.action, e.details?.reason ?? e.details?.agency])).toEqual([
      ["telegram:400", "action.add", "LSN-STP"],
      ["telegram:400", "action.refused", "not_allowed"],
      ["telegram:300", "action.approve", "LSN-STP"],
      ["telegram:300", "action.refused", "wrong_status"],
      ["telegram:301", "action.refused", "wrong_status"],
      ["telegram:301", "action.take_down", "LSN-STP"],
    ]);
  });

  it("under second-person, lets someone else approve what an admin recorded", async () => {
    const { service } = make("second-person");
    const a = await service.add(admin, { agencyCode: "LSN-SXD", element: null, textVi: "Đã mở thêm quầy." });
    if (!a.ok) throw new Error("not added");
    expect(await service.approve(admin, a.action.id)).toEqual({ ok: false, refusal: { reason: "own_action" } });
    expect((await service.approve(comms, a.action.id)).ok).toBe(true);
  });

  it("lets exactly one of two reviewers tapping at once decide; the other hears what happened", async () => {
    const { service } = make("admin");
    const a = await service.add(official, { agencyCode: "LSN-STP", element: null, textVi: "Đã thêm quầy." });
    if (!a.ok) throw new Error("not added");
    const [x, y] = await Promise.all([service.approve(comms, a.action.id), service.reject(comms2, a.action.id)]);
    const won = [x, y].filter((o) => o.ok);
    expect(won).toHaveLength(1);
    // The loser read the action before or after the winner wrote; either way it is told the status it found.
    const lost = [x, y].find((o) => !o.ok);
    const final = await service.get(a.action.id);
    expect(lost).toEqual({ ok: false, refusal: { reason: "wrong_status", status: final!.status } });
    expect((await audit.list({ subject: a.action.id })).filter((e) => e.action === "action.approve" || e.action === "action.reject")).toHaveLength(1);
  });

  it("shows the thank-you the newest approved actions of that agency only, newest first", async () => {
    const { service, latestApproved } = make("admin");
    const ids: string[] = [];
    for (const text of ["Một", "Hai", "Ba"]) {
      clock.advance(60_000);
      const a = await service.add(official, { agencyCode: "LSN-STP", element: null, textVi: text });
      if (a.ok) ids.push(a.action.id);
    }
    const other = await service.add(official, { agencyCode: "LSN-STP-PC", element: null, textVi: "Khác" });
    for (const id of [...ids, other.ok ? other.action.id : ""]) await service.approve(comms, id);
    const stp = (await createAgencyStore(tdb.db).findByCode("LSN-STP"))!;
    expect((await latestApproved(stp.id, 2)).map((a) => a.textVi)).toEqual(["Ba", "Hai"]);
  });
});
