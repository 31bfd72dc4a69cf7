// Approval on a real database (both engines): an unapproved post, or one edited after its approval, can never
// be published (the store's UPDATE refuses it too, not only the code before it); only comms and admins
// announce; the second-person rule; and every step, refusals included, is in the audit log.
import { describe, expect, it } from "vitest";
import { createAnnouncementStore } from "../../src/store/announcements.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { approvedAnnouncement, createWorld, freshWorldEach, type World } from "./helpers.ts";

const LANG_SON = { kind: "official_result", indexCode: "SIPAS", unitCode: "20", year: 2021 } as const;

describe.each(await databaseKinds())("announcement approval (%s)", (kind) => {
  let w!: World;
  freshWorldEach(kind, (world) => (w = world));

  it("a draft from the registry: both texts, no typed number", async () => {
    const out = await w.ann.service.create(w.actor(w.people.comms), LANG_SON);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.announcement).toMatchObject({ status: "draft", version: 1, createdBy: "telegram:100", approvedBy: null, source: LANG_SON });
    expect(out.announcement.textVi.split("\n")[0]).toBe("Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63, tăng 3,1 và tăng 8 bậc so với năm 2020. Trong 5 chỉ số thành phần, 3 chỉ số giảm cả điểm số và thứ hạng, 1 chỉ số tăng cả điểm số và thứ hạng. Khảo sát 400 phiếu trên tổng số 3.366 người. Trung bình 63 tỉnh, thành phố: 87,16 %.");
    expect(out.announcement.textEn.split("\n")[0]).toBe("In 2021, the SIPAS index of Lang Son province was 87.07%, ranking 31st of 63, up 3.1 and up 8 places from 2020. Of the 5 sub-indices, 3 fell in both score and rank, 1 rose in both score and rank. Survey of 400 questionnaires among 3,366 people. Average of the 63 provinces: 87.16%.");
  });

  it("only comms and admins may announce; an official or a stranger is refused, politely, and it is audited", async () => {
    for (const actor of [w.actor(w.people.official), { id: "telegram:999", role: null }]) {
      const out = await w.ann.service.create(actor, LANG_SON);
      expect(out).toMatchObject({ ok: false, refusal: { reason: "not_allowed" } });
    }
    expect(await w.db.prisma.announcement.count()).toBe(0);
    const audit = await w.audit.list({ action: "announce.refused" });
    expect(audit.map((e) => e.actor).sort()).toEqual(["telegram:400", "telegram:999"]);
    // A comms member cannot approve either.
    const draft = await w.ann.service.create(w.actor(w.people.comms), LANG_SON);
    const id = draft.ok ? draft.announcement.id : "";
    await w.ann.service.submit(w.actor(w.people.comms), id);
    expect(await w.ann.service.approve(w.actor(w.people.comms2), id, 1)).toMatchObject({ ok: false, refusal: { reason: "admin_only" } });
  });

  it("an unapproved announcement cannot be published: not by the service, not by the store's guarded UPDATE", async () => {
    const comms = w.actor(w.people.comms);
    const out = await w.ann.service.create(comms, LANG_SON);
    const id = out.ok ? out.announcement.id : "";
    expect((await w.ann.service.publishNow(comms, id)).started).toMatchObject({ ok: false, refusal: { reason: "not_approved" } });
    await w.ann.service.submit(comms, id);
    expect((await w.ann.service.publishNow(comms, id)).started).toMatchObject({ ok: false, refusal: { reason: "not_approved" } });
    expect(await w.ann.service.schedule(comms, id, new Date("2026-12-01T01:00:00Z"))).toMatchObject({ ok: false, refusal: { reason: "not_approved" } });
    // Straight at the store, as a buggy caller would: the WHERE clause still says no.
    const store = createAnnouncementStore(w.db);
    expect(await store.beginPublishing(id, { from: ["approved", "scheduled"], version: 1, at: w.clock.now })).toBeNull();
    expect(await store.schedule(id, { publishAt: new Date("2026-12-01T01:00:00Z"), version: 1, at: w.clock.now })).toBeNull();
    // Even a row forced to "approved" without an approval is not publishable.
    await w.db.prisma.announcement.update({ where: { id }, data: { status: "approved" } });
    expect(await store.beginPublishing(id, { from: ["approved"], version: 1, at: w.clock.now })).toBeNull();
    expect(w.telegram.calls).toEqual([]);
    expect((await store.get(id))!.status).toBe("approved");
  });

  it("an announcement edited after its approval cannot be published until approved again", async () => {
    const comms = w.actor(w.people.comms);
    const a = await approvedAnnouncement(w, comms, w.actor(w.people.admin));
    expect(a).toMatchObject({ status: "approved", version: 1, approvedVersion: 1, approvedBy: "telegram:200" });
    const edited = await w.ann.service.edit(comms, a.id, "vi", "Năm 2021, Lạng Sơn tăng 8 bậc! <b>x</b>");
    expect(edited).toMatchObject({ ok: true, announcement: { status: "draft", version: 2, approvedBy: null, approvedVersion: null } });
    expect((await w.ann.service.publishNow(comms, a.id)).started).toMatchObject({ ok: false, refusal: { reason: "not_approved" } });
    // A stale approval cannot be replayed onto the new text either, in the code or in the UPDATE.
    const store = createAnnouncementStore(w.db);
    await w.db.prisma.announcement.update({ where: { id: a.id }, data: { status: "approved", approvedBy: "telegram:200", approvedVersion: 1 } });
    expect(await store.beginPublishing(a.id, { from: ["approved"], version: 2, at: w.clock.now })).toBeNull();
    expect(await store.beginPublishing(a.id, { from: ["approved"], version: 1, at: w.clock.now })).toBeNull();
    expect((await w.ann.service.publishNow(comms, a.id)).started).toMatchObject({ ok: false, refusal: { reason: "not_approved" } });
    expect(w.telegram.calls).toEqual([]);
  });

  it("an admin approves the version they saw, not a later edit", async () => {
    const comms = w.actor(w.people.comms);
    const out = await w.ann.service.create(comms, LANG_SON);
    const id = out.ok ? out.announcement.id : "";
    await w.ann.service.submit(comms, id);
    await w.ann.service.edit(comms, id, "en", "Edited while the admin was reading.");
    await w.ann.service.submit(comms, id);
    expect(await w.ann.service.approve(w.actor(w.people.admin), id, 1)).toMatchObject({ ok: false, refusal: { reason: "stale_version", version: 2 } });
    expect(await w.ann.service.approve(w.actor(w.people.admin), id, 2)).toMatchObject({ ok: true, announcement: { approvedVersion: 2 } });
  });

  it("second person: an admin cannot approve what they wrote or edited; another admin can", async () => {
    const admin = w.actor(w.people.admin);
    const admin2 = w.actor(w.people.admin2);
    const out = await w.ann.service.create(admin, LANG_SON);
    const id = out.ok ? out.announcement.id : "";
    await w.ann.service.submit(admin, id);
    expect(await w.ann.service.approve(admin, id, 1)).toMatchObject({ ok: false, refusal: { reason: "second_person" } });
    // admin2 edits it: now admin2 is a writer too, and neither of them may approve.
    await w.ann.service.edit(admin2, id, "vi", "Bản sửa của người duyệt thứ hai.");
    await w.ann.service.submit(admin2, id);
    expect(await w.ann.service.approve(admin2, id, 2)).toMatchObject({ ok: false, refusal: { reason: "second_person" } });
    expect(await w.ann.service.approve(admin, id, 2)).toMatchObject({ ok: false, refusal: { reason: "second_person" } });
    const third = await w.staff.upsert({ channel: "telegram", userId: "700", chatId: "700", displayName: null, role: "admin", scope: [], locale: "vi", grantedBy: "cli" }, w.clock.now);
    expect(await w.ann.service.approve(w.actor(third), id, 2)).toMatchObject({ ok: true, announcement: { status: "approved", approvedBy: "telegram:700" } });
  });

  it("under the plain admin rule, an admin may approve their own post", async () => {
    const plain = await createWorld(w.db, { approval: "admin" });
    const admin = plain.actor(plain.people.admin);
    const a = await approvedAnnouncement(plain, admin, admin);
    expect(a).toMatchObject({ status: "approved", approvedBy: admin.id });
  });

  it("rejected → edited → resubmitted → approved; discard ends it; every step is audited with who and when", async () => {
    const comms = w.actor(w.people.comms);
    const admin = w.actor(w.people.admin);
    const out = await w.ann.service.create(comms, LANG_SON);
    const id = out.ok ? out.announcement.id : "";
    w.clock.now = new Date("2026-11-27T03:05:00Z");
    await w.ann.service.submit(comms, id);
    await w.ann.service.reject(admin, id, 1);
    await w.ann.service.edit(comms, id, "vi", "Nội dung đã sửa theo góp ý.");
    await w.ann.service.submit(comms, id);
    await w.ann.service.approve(admin, id, 2);
    await w.ann.service.schedule(comms, id, new Date("2026-12-01T01:00:00Z"));
    await w.ann.service.unschedule(comms, id);
    w.clock.now = new Date("2026-11-27T03:10:00Z");
    await w.ann.service.discard(comms, id);
    expect((await w.ann.service.get(id))!.status).toBe("cancelled");
    expect(await w.ann.service.publishNow(comms, id).then((r) => r.started)).toMatchObject({ ok: false, refusal: { reason: "wrong_status" } });

    const trail = (await w.audit.list({ subject: id, limit: 100 })).reverse();
    expect(trail.map((e) => [e.actor, e.action, e.details?.version ?? null])).toEqual([
      ["telegram:100", "announce.draft", 1],
      ["telegram:100", "announce.submit", 1],
      ["telegram:200", "announce.reject", 1],
      ["telegram:100", "announce.edit", 2],
      ["telegram:100", "announce.submit", 2],
      ["telegram:200", "announce.approve", 2],
      ["telegram:100", "announce.schedule", 2],
      ["telegram:100", "announce.unschedule", 2],
      ["telegram:100", "announce.discard", 2],
      ["telegram:100", "announce.refused", null],
    ]);
    expect(trail[0]!.at.toISOString()).toBe("2026-11-27T03:00:00.000Z");
    expect(trail.at(-2)!.at.toISOString()).toBe("2026-11-27T03:10:00.000Z");
    expect(trail.at(-1)!.details).toMatchObject({ step: "publish", reason: "wrong_status", status: "cancelled" });
    // The schedule's outbox job was cancelled with it: nothing is left to fire.
    expect(await w.db.prisma.outboxJob.findMany({ select: { status: true } })).toEqual([{ status: "cancelled" }]);
  });

  it("texts are checked: empty or too long is refused and the text stays", async () => {
    const comms = w.actor(w.people.comms);
    const out = await w.ann.service.create(comms, LANG_SON);
    const id = out.ok ? out.announcement.id : "";
    expect(await w.ann.service.edit(comms, id, "vi", "  ")).toMatchObject({ ok: false, refusal: { reason: "empty_text" } });
    expect(await w.ann.service.edit(comms, id, "en", "x".repeat(2000))).toMatchObject({ ok: false, refusal: { reason: "too_long", length: 2000 } });
    expect((await w.ann.service.get(id))!.version).toBe(1);
  });
});
