// When digests are due: the slots a firing owes (weeks and months in Hà Nội time, across year ends), the
// latest firing of a cron expression for catching up, and on both engines the catch-up at start of a slot
// missed while no instance ran or claimed by an instance that died before finishing its fan-out.
import { createStores } from "../../src/store/stores.ts";
import cron from "node-cron";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { previousFiring } from "../../src/digest/cron-firing.ts";
import { createDigestScheduler, type DigestScheduler } from "../../src/digest/schedule.ts";
import { currentPeriod, isoWeekLabel, parseSlotKey, slotsAt } from "../../src/digest/slots.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Database } from "../../src/store/database.ts";
import { createDigestJobStore, digestJobKey } from "../../src/store/digest-jobs.ts";
import { createOutboxStore } from "../../src/store/outbox.ts";
import { createScheduleSlotStore } from "../../src/store/schedule-slots.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { addMember, fakeClock, forgetDigests, seedResults, TZ } from "./digest-helpers.ts";

describe("digest slots", () => {
  const keys = (iso: string) => slotsAt(new Date(iso), TZ).map((s) => [s.key, s.period.firstDay, s.period.lastDay]);

  it("owes the ISO week just finished and the month before, by the calendar in Hà Nội", () => {
    expect(keys("2026-11-30T01:00:00Z")).toEqual([
      ["digest:weekly:2026-W48", "2026-11-23", "2026-11-29"],
      ["digest:monthly:2026-10", "2026-10-01", "2026-10-31"],
    ]);
    // 00:30 on Monday in Hà Nội is still Sunday in UTC.
    expect(keys("2026-11-29T17:30:00Z")[0]![0]).toBe("digest:weekly:2026-W48");
    expect(keys("2026-11-29T16:59:00Z")[0]![0]).toBe("digest:weekly:2026-W47");
    expect(keys("2026-12-07T01:00:00Z")).toEqual([
      ["digest:weekly:2026-W49", "2026-11-30", "2026-12-06"],
      ["digest:monthly:2026-11", "2026-11-01", "2026-11-30"],
    ]);
    expect(keys("2027-01-04T01:00:00Z")).toEqual([
      ["digest:weekly:2026-W53", "2026-12-28", "2027-01-03"],
      ["digest:monthly:2026-12", "2026-12-01", "2026-12-31"],
    ]);
  });

  it("numbers weeks the ISO way and reads slot keys back", () => {
    expect(["2026-01-01", "2027-01-01", "2024-12-30", "2026-11-29", "2026-11-30"].map(isoWeekLabel)).toEqual([
      "2026-W01",
      "2026-W53",
      "2025-W01",
      "2026-W48",
      "2026-W49",
    ]);
    expect(currentPeriod(new Date("2026-11-26T03:00:00Z"), TZ, "monthly").label).toBe("2026-11");
    expect(parseSlotKey("digest:monthly:2026-11", TZ)).toMatchObject({ frequency: "monthly", period: { label: "2026-11" } });
    expect(parseSlotKey("digest:weekly:2026-W60", TZ)).toBeNull();
    expect(parseSlotKey("announce:2026-11", TZ)).toBeNull();
  });

  it("finds the latest firing of a cron expression at or before an instant", () => {
    const firing = (expression: string, at: string) => {
      const task = cron.createTask(expression, () => undefined, { timezone: TZ });
      try {
        return previousFiring(expression, task, TZ, new Date(at))?.toISOString() ?? null;
      } finally {
        void task.destroy();
      }
    };
    expect(firing("0 8 * * 1", "2026-12-02T03:00:00Z")).toBe("2026-11-30T01:00:00.000Z");
    expect(firing("0 8 * * 1", "2026-11-30T01:00:00Z")).toBe("2026-11-30T01:00:00.000Z");
    expect(firing("0 8 * * 1", "2026-11-30T00:59:59Z")).toBe("2026-11-23T01:00:00.000Z");
    expect(firing("30 7,19 * * *", "2026-11-30T11:00:00Z")).toBe("2026-11-30T00:30:00.000Z");
    expect(firing("0 9 1 * *", "2026-12-15T00:00:00Z")).toBe("2026-12-01T02:00:00.000Z");
    expect(firing("*/10 * * * * *", "2026-11-30T01:02:03Z")).toBe("2026-11-30T01:02:00.000Z");
    // Too far back to catch up.
    expect(firing("0 0 1 1 *", "2026-11-30T00:00:00Z")).toBeNull();
  });
});

describe.each(await databaseKinds())("digest schedule on %s", (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let clock: ReturnType<typeof fakeClock>;
  const started: DigestScheduler[] = [];

  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    db = tdb.db;
    await seedResults(db);
  });
  afterAll(async () => tdb?.dispose());
  beforeEach(async () => {
    await forgetDigests(db);
    clock = fakeClock("2026-12-02T03:00:00Z"); // Wednesday: Monday's firing is past
  });
  afterEach(async () => {
    for (const s of started.splice(0)) await s.stop();
  });

  const scheduler = (o: { cron?: string; id?: string; onFanned?: (n: number) => void } = {}) => {
    const s = createDigestScheduler({ stores: createStores(db, () => clock.now), cron: o.cron ?? "0 8 * * 1", timeZone: TZ, now: () => clock.now, logger: silentLogger(), id: o.id, onFanned: o.onFanned });
    started.push(s);
    return s;
  };

  it("catches up at start the firing missed while every instance was down, once", async () => {
    const members = await Promise.all([1, 2].map(() => addMember(db, { role: "official", scope: ["STP"] }, clock.now)));
    const fanned: number[] = [];
    await scheduler({ onFanned: (n) => fanned.push(n) }).start();
    expect(fanned).toEqual([2]);
    const slot = await createScheduleSlotStore(db).find("digest:weekly:2026-W48");
    expect(slot).toMatchObject({ doneAt: clock.now });
    for (const m of members) expect(await createOutboxStore(db).find(digestJobKey("2026-W48", m.record.id))).toMatchObject({ status: "pending" });
    // Another start (a restart, a second instance) finds it done.
    const again = await scheduler().catchUp();
    expect(again.map((o) => o.outcome)).toEqual(["taken", "taken"]);
  });

  it("fans out again at start a slot whose claimer died mid fan-out, adding only the rows missing", async () => {
    const members = await Promise.all([1, 2, 3].map(() => addMember(db, { role: "official", scope: ["STP"] }, clock.now)));
    const slots = createScheduleSlotStore(db);
    expect(await slots.claim("digest:weekly:2026-W48", "dead-instance", new Date("2026-11-30T01:00:00Z"))).toBe(true);
    await createDigestJobStore(db).fanOut({ slot: "digest:weekly:2026-W48", period: "2026-W48", staffIds: [members[0]!.record.id], runAt: clock.now, now: clock.now });
    const out = await scheduler().catchUp();
    expect(out[0]).toMatchObject({ key: "digest:weekly:2026-W48", outcome: "refanned", recipients: 3, created: 2 });
    expect(await slots.unfinished("digest:")).toEqual([]);
  });

  it("fires from node-cron in the display time zone", async () => {
    await addMember(db, { role: "official", scope: ["STP"] }, clock.now);
    let fired!: () => void;
    const firing = new Promise<void>((r) => (fired = r));
    const s = scheduler({ cron: "* * * * * *", onFanned: () => fired() });
    await s.start();
    await firing; // the catch-up at start: the previous second's firing owed week 48
    // A week later (by the service's clock), the next real firing claims week 49.
    clock.now = new Date("2026-12-09T03:00:00Z");
    let next!: () => void;
    const later = new Promise<void>((r) => (next = r));
    fired = next;
    await later;
    expect(await createScheduleSlotStore(db).find("digest:weekly:2026-W49")).toMatchObject({ doneAt: expect.any(Date) });
  });
});
