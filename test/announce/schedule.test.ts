// Scheduled publication through the outbox, on a fake clock: nothing before the time, exactly once at it
// even with two workers (two instances) running at the same moment, nothing for a post edited or
// unscheduled since, and a run interrupted after claiming the post is never repeated.
import { describe, expect, it } from "vitest";
import { ANNOUNCEMENT_JOB_KIND } from "../../src/announce/publish-job.ts";
import { createOutboxStore } from "../../src/store/outbox.ts";
import { silentLogger } from "../../src/logger.ts";
import { createOutboxWorker } from "../../src/outbox/worker.ts";
import { createAnnouncementStore } from "../../src/store/announcements.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { approvedAnnouncement, freshWorldEach, TARGETS, type World } from "./helpers.ts";

const AT = new Date("2026-12-01T01:00:00Z"); // 08:00 in Hanoi

describe.each(await databaseKinds())("scheduled announcements (%s)", (kind) => {
  let w!: World;
  freshWorldEach(kind, (world) => (w = world));

  const worker = (id: string) =>
    createOutboxWorker({ store: createOutboxStore(w.db), handlers: { [ANNOUNCEMENT_JOB_KIND]: w.ann.jobHandler }, now: () => w.clock.now, logger: silentLogger(), id });
  const photos = () => w.telegram.calls.filter((c) => c.method === "sendPhoto");

  it("published at its time, exactly once, though two workers run at that moment", async () => {
    const a = await approvedAnnouncement(w, w.actor(w.people.comms), w.actor(w.people.admin));
    const scheduled = await w.ann.service.schedule(w.actor(w.people.comms), a.id, AT, { requester: { chatId: "100", locale: "vi" } });
    expect(scheduled).toMatchObject({ ok: true, announcement: { status: "scheduled", publishAt: AT } });
    // Scheduling the same thing again is one job, not two.
    await w.ann.service.schedule(w.actor(w.people.comms), a.id, AT);
    expect(await w.db.prisma.outboxJob.count()).toBe(1);

    const [one, two] = [worker("instance-1"), worker("instance-2")];
    w.clock.now = new Date(AT.getTime() - 60_000);
    expect((await Promise.all([one.runDue(), two.runDue()])).map((s) => s.claimed)).toEqual([0, 0]);
    expect(photos()).toEqual([]);

    w.clock.now = AT;
    const sums = await Promise.all([one.runDue(), two.runDue()]);
    expect(sums.reduce((n, s) => n + s.sent, 0)).toBe(1);
    expect(photos().map((c) => c.payload.chat_id)).toEqual(TARGETS.telegramChats);
    expect(w.zalo.messages).toHaveLength(1);
    expect(await w.ann.service.get(a.id)).toMatchObject({ status: "published", publishedAt: AT });
    // The person who scheduled it sees the report.
    expect(w.telegram.to("100").at(-1)!.payload.text).toBe(`Đã đăng bản tin ${a.id}: thành công 3/3 nơi nhận.`);

    w.clock.now = new Date(AT.getTime() + 3_600_000);
    await Promise.all([one.runDue(), two.runDue()]);
    expect(photos()).toHaveLength(2);
    const trail = (await w.audit.list({ subject: a.id })).map((e) => [e.actor, e.action]);
    expect(trail).toContainEqual(["system", "announce.publish.done"]);
  });

  it("edited after scheduling: the job is cancelled and nothing is published", async () => {
    const a = await approvedAnnouncement(w, w.actor(w.people.comms), w.actor(w.people.admin));
    await w.ann.service.schedule(w.actor(w.people.comms), a.id, AT);
    await w.ann.service.edit(w.actor(w.people.comms2), a.id, "en", "A late change nobody approved.");
    w.clock.now = AT;
    await worker("instance-1").runDue();
    expect(photos()).toEqual([]);
    expect(await w.ann.service.get(a.id)).toMatchObject({ status: "draft", version: 2, publishAt: null });
    expect(await w.db.prisma.outboxJob.findMany({ select: { status: true, lastError: true } })).toEqual([{ status: "cancelled", lastError: "edited after it was scheduled" }]);
  });

  it("a job whose post changed under it (its cancel lost a race) still publishes nothing", async () => {
    const a = await approvedAnnouncement(w, w.actor(w.people.comms), w.actor(w.people.admin));
    await w.ann.service.schedule(w.actor(w.people.comms), a.id, AT);
    // The edit reaches the row while the job stays pending, as when a worker held the job at that instant.
    await createAnnouncementStore(w.db).editText(a.id, { lang: "vi", text: "Sửa sau khi duyệt.", version: 1, at: w.clock.now });
    w.clock.now = AT;
    const sum = await worker("instance-1").runDue();
    expect(sum).toMatchObject({ claimed: 1, cancelled: 1, sent: 0 });
    expect(photos()).toEqual([]);
  });

  it("rescheduled: only the new time fires; publish now before the time cancels the job", async () => {
    const a = await approvedAnnouncement(w, w.actor(w.people.comms), w.actor(w.people.admin));
    await w.ann.service.schedule(w.actor(w.people.comms), a.id, AT);
    const later = new Date(AT.getTime() + 86_400_000);
    await w.ann.service.schedule(w.actor(w.people.comms), a.id, later);
    w.clock.now = AT;
    expect(await worker("instance-1").runDue()).toMatchObject({ claimed: 0 });
    const { done } = await w.ann.service.publishNow(w.actor(w.people.comms), a.id);
    await done;
    expect(photos()).toHaveLength(2);
    w.clock.now = later;
    expect(await worker("instance-1").runDue()).toMatchObject({ claimed: 0 });
    expect(photos()).toHaveLength(2);
    expect((await w.db.prisma.outboxJob.findMany({ select: { status: true }, orderBy: { runAt: "asc" } })).map((j) => j.status)).toEqual(["cancelled", "cancelled"]);
  });

  it("a run that died after claiming the post is not repeated; one that died before is", async () => {
    const a = await approvedAnnouncement(w, w.actor(w.people.comms), w.actor(w.people.admin));
    await w.ann.service.schedule(w.actor(w.people.comms), a.id, AT);
    w.clock.now = AT;
    // A worker claims the job and dies before recording anything; the post was never claimed.
    const outbox = worker("ghost").store;
    expect(await outbox.claim({ worker: "ghost", now: AT, leaseMs: 60_000, limit: 10 })).toHaveLength(1);
    w.clock.now = new Date(AT.getTime() + 120_000);
    expect(await worker("instance-1").runDue()).toMatchObject({ sent: 1 });
    expect(photos()).toHaveLength(2);

    // Another post: this time the dead worker had claimed the post itself (status publishing).
    const b = await approvedAnnouncement(w, w.actor(w.people.comms), w.actor(w.people.admin));
    const at2 = new Date(w.clock.now.getTime() + 3_600_000);
    await w.ann.service.schedule(w.actor(w.people.comms), b.id, at2);
    w.clock.now = at2;
    await outbox.claim({ worker: "ghost", now: at2, leaseMs: 60_000, limit: 10 });
    await createAnnouncementStore(w.db).beginPublishing(b.id, { from: ["scheduled"], version: 1, at: at2 });
    w.clock.now = new Date(at2.getTime() + 120_000);
    expect(await worker("instance-1").runDue()).toMatchObject({ failed: 1, sent: 0 });
    expect(photos()).toHaveLength(2);
    expect(await w.ann.service.get(b.id)).toMatchObject({ status: "publishing" });
    expect((await w.audit.list({ subject: b.id, action: "announce.publish.interrupted" }))[0]).toMatchObject({ actor: "system", details: { worker: "ghost" } });
  });
});
