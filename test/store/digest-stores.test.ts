// The digest's stores on both engines: comments and improvement priorities counted in the database for a set
// of agency subtrees; slots claimed once; digest rows that only their holder may mark, and that a blocked
// member's withdrawal leaves alone while someone holds them; the outbox claim limited to some kinds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.ts";
import { createDigestJobStore, digestJobKey } from "../../src/store/digest-jobs.ts";
import { createDigestQueries } from "../../src/store/digest-queries.ts";
import { createOutboxStore } from "../../src/store/outbox.ts";
import { createScheduleSlotStore } from "../../src/store/schedule-slots.ts";
import { createSubscriptionStore } from "../../src/store/subscriptions.ts";
import { createStaffStore } from "../../src/store/staff.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { insertAgencies, insertResponses } from "../indices/helpers.ts";

const T0 = new Date("2026-11-30T01:00:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const W48 = { from: new Date("2026-11-22T17:00:00Z"), to: new Date("2026-11-29T17:00:00Z") };

describe.each(await databaseKinds())("digest stores on %s", (kind) => {
  let tdb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    db = tdb.db;
    const ids = await insertAgencies(db, [{ code: "P" }, { code: "A", parent: "P" }, { code: "A1", parent: "A" }, { code: "B", parent: "P" }]);
    await insertResponses(db, ids, [
      { agency: "A1", completedAt: "2026-11-24T03:00:00Z", answers: { access: 4, improve: "attitude" } },
      { agency: "A1", completedAt: "2026-11-25T03:00:00Z", answers: { access: 4, improve: "attitude" } },
      { agency: "A", completedAt: "2026-11-25T05:00:00Z", answers: { access: 4, improve: "digital" } },
      { agency: "B", completedAt: "2026-11-26T03:00:00Z", answers: { access: 4, improve: "premises" } },
      { agency: "A", completedAt: "2026-11-26T03:00:00Z", answers: { access: 4, improve: null } },
      // Outside the week, and not completed.
      { agency: "A", completedAt: "2026-11-20T03:00:00Z", answers: { improve: "attitude" } },
      { agency: "A", completedAt: "2026-11-25T03:00:00Z", answers: { improve: "attitude" }, status: "cancelled" },
    ]);
    // Comments on the four completed responses of the week, by the time they were written; one is blank.
    await db.sql.query(
      `INSERT INTO answer (response_id, item_id, text, answered_at)
       SELECT r.id, 'comment', CASE WHEN a.code = 'B' THEN E' \\n ' ELSE 'góp ý ' || a.code || ' ' || to_char(r.completed_at, 'DD') END, r.completed_at
         FROM response r JOIN agency a ON a.id = r.agency_id WHERE r.status = 'completed'`,
    );
  });
  afterAll(async () => tdb?.dispose());

  it("counts improvement priorities and finds the newest comments of agency subtrees in the period", async () => {
    const q = createDigestQueries(db);
    expect(await q.choiceCounts({ agencyCodes: ["A"], ...W48 }, "improve")).toEqual({ attitude: 2, digital: 1 });
    expect(await q.choiceCounts({ agencyCodes: ["A1", "B"], ...W48 }, "improve")).toEqual({ attitude: 2, premises: 1 });
    expect(await q.choiceCounts({ agencyCodes: [], ...W48 }, "improve")).toEqual({ attitude: 2, digital: 1, premises: 1 });
    const comments = await q.recentComments({ agencyCodes: ["P"], ...W48 }, "comment", 3);
    expect(comments.map((c) => c.text)).toEqual(["góp ý A 26", "góp ý A 25", "góp ý A1 25"]);
    expect(comments[0]!.at).toEqual(new Date("2026-11-26T03:00:00Z"));
    expect((await q.recentComments({ agencyCodes: ["B"], ...W48 }, "comment", 3)).map((c) => c.text)).toEqual([]);
  });

  it("claims a slot once and lists the ones never finished", async () => {
    const slots = createScheduleSlotStore(db);
    expect(await slots.claim("digest:weekly:2026-W01", "a", at(0))).toBe(true);
    expect(await slots.claim("digest:weekly:2026-W01", "b", at(1))).toBe(false);
    expect(await slots.find("digest:weekly:2026-W01")).toEqual({ key: "digest:weekly:2026-W01", claimedBy: "a", claimedAt: at(0), doneAt: null });
    expect((await slots.unfinished("digest:")).map((s) => s.key)).toEqual(["digest:weekly:2026-W01"]);
    await slots.markDone("digest:weekly:2026-W01", at(2));
    await slots.markDone("digest:weekly:2026-W01", at(9));
    expect(await slots.find("digest:weekly:2026-W01")).toMatchObject({ doneAt: at(2) });
    expect(await slots.unfinished("digest:")).toEqual([]);
  });

  it("lets only the holder of a digest row record its messages, and withdraws a blocked member's free rows", async () => {
    const jobs = createDigestJobStore(db);
    const outbox = createOutboxStore(db);
    const staff = await createStaffStore(db).upsert(
      { channel: "telegram", userId: "42", chatId: "42", displayName: null, role: "official", scope: [], locale: "vi", grantedBy: "cli" },
      at(0),
    );
    expect(await jobs.fanOut({ slot: "s", period: "2026-W48", staffIds: [staff.id], runAt: at(0), now: at(0) })).toBe(1);
    expect(await jobs.fanOut({ slot: "s", period: "2026-W48", staffIds: [staff.id], runAt: at(0), now: at(0) })).toBe(0);
    await jobs.fanOut({ slot: "s", period: "2026-W49", staffIds: [staff.id], runAt: at(500), now: at(0) });
    await outbox.schedule({ kind: "reminder", dedupeKey: "reminder:x", runAt: at(0), payload: {} }, at(0));

    const [row] = await outbox.claim({ worker: "w1", now: at(1), leaseMs: 60_000, limit: 1, kinds: ["digest"] });
    expect(row).toMatchObject({ kind: "digest", dedupeKey: digestJobKey("2026-W48", staff.id), payload: { slot: "s", period: "2026-W48", staffId: staff.id } });
    expect(await jobs.markPart(row!.id, "w1", "vi:chart", "sent", at(100))).toBe(true);
    expect(await jobs.markPart(row!.id, "w1", "vi:text", "sending", at(100))).toBe(true);
    expect(await jobs.markPart(row!.id, "intruder", "vi:text", "sent", at(100))).toBe(false);
    expect((await outbox.find(row!.dedupeKey))!.payload.parts).toEqual({ "vi:chart": "sent", "vi:text": "sending" });
    await jobs.clearSending(row!.id, "w1");
    expect((await outbox.find(row!.dedupeKey))!.payload.parts).toEqual({ "vi:chart": "sent" });
    // Marking stretched the lease to at(100): at(90) nobody else may take the row.
    expect(await outbox.claim({ worker: "w2", now: at(90), leaseMs: 60_000, limit: 5, kinds: ["digest"] })).toEqual([]);
    expect(await jobs.renewLease([row!.id, "nope"], "w1", at(200))).toEqual(new Set([row!.id]));

    // Blocked: the free row (week 49) is withdrawn, the held one is left to its holder.
    expect(await jobs.cancelForStaff(staff.id, "blocked", at(150))).toBe(1);
    expect(await outbox.find(digestJobKey("2026-W49", staff.id))).toMatchObject({ status: "cancelled", lastError: "blocked" });
    expect(await outbox.find(row!.dedupeKey)).toMatchObject({ status: "pending" });
    expect(await jobs.countDue(at(150))).toBe(1);
    // Without a kind filter the claim takes any due job, as it always did.
    expect((await outbox.claim({ worker: "w3", now: at(150), leaseMs: 1000, limit: 5 })).map((j) => j.kind)).toEqual(["reminder"]);
  });

  it("keeps one subscription per member and lists who gets each frequency", async () => {
    const store = createStaffStore(db);
    const subs = createSubscriptionStore(db);
    const grant = (userId: string, role: "official" | "comms" | "admin") =>
      store.upsert({ channel: "telegram", userId, chatId: userId, displayName: null, role, scope: [], locale: "vi", grantedBy: "cli" }, at(0));
    const [a, b, c, d] = await Promise.all([grant("501", "official"), grant("502", "admin"), grant("503", "comms"), grant("504", "official")]);
    for (const m of [a!, b!, c!, d!]) await subs.save(m.id, { agencies: [], languages: ["vi"], frequency: "weekly" }, at(0));
    await subs.save(a!.id, { agencies: ["A"], languages: ["en", "vi"], frequency: "monthly" }, at(1));
    await store.markStopped(d!.id, at(2));
    expect(await subs.find(a!.id)).toMatchObject({ agencies: ["A"], languages: ["en", "vi"], frequency: "monthly", active: true });
    expect(await subs.recipients("monthly")).toEqual([a!.id]);
    expect(await subs.recipients("weekly")).toEqual([b!.id]);
    expect(await subs.deactivate(a!.id, at(3))).toBe(true);
    expect(await subs.deactivate(a!.id, at(3))).toBe(false);
    const targets = await subs.targets([a!.id, d!.id, "missing"]);
    expect(targets.get(a!.id)).toMatchObject({ chatId: "501", role: "official", stopped: false, revoked: false, subscription: { active: false } });
    expect(targets.get(d!.id)).toMatchObject({ stopped: true });
    expect(targets.has("missing")).toBe(false);
  });
});
