// The outbox on a real database (embedded and PostgreSQL): a dedupe key schedules once, concurrent claims
// never share a job, a lease that runs out hands the job on (and says it was abandoned), only the holder
// records an outcome, and the worker applies what its handlers answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { createOutboxWorker, type JobHandler } from "../../src/outbox/worker.ts";
import { createOutboxStore, type OutboxStore } from "../../src/store/outbox.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const T0 = new Date("2026-11-27T03:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(await databaseKinds())("outbox on %s", (kind) => {
  let tdb: TestDatabase;
  let outbox: OutboxStore;
  let seq = 0;
  const key = () => `test:${kind}:${++seq}`;
  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    outbox = createOutboxStore(tdb.db);
  });
  afterAll(async () => tdb?.dispose());

  it("schedules a dedupe key once; `later` pushes an unclaimed job back, never forward", async () => {
    const k = key();
    expect(await outbox.schedule({ kind: "t", dedupeKey: k, runAt: at(10), payload: { a: 1 } }, T0)).toBe(true);
    expect(await outbox.schedule({ kind: "t", dedupeKey: k, runAt: at(99), payload: { a: 2 } }, T0)).toBe(false);
    expect((await outbox.find(k))?.runAt).toEqual(at(10));
    await outbox.schedule({ kind: "t", dedupeKey: k, runAt: at(30), payload: { b: 1 } }, T0, "later");
    await outbox.schedule({ kind: "t", dedupeKey: k, runAt: at(20), payload: {} }, T0, "later");
    const job = await outbox.find(k);
    expect(job).toMatchObject({ status: "pending", runAt: at(30), payload: { a: 1, b: 1 } });
    await outbox.cancel(k, "test over", T0);
  });

  it("hands each due job to exactly one of many concurrent claimers", async () => {
    const keys = Array.from({ length: 30 }, key);
    for (const k of keys) await outbox.schedule({ kind: "t", dedupeKey: k, runAt: at(0), payload: {} }, T0);
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => outbox.claim({ worker: `w${i}`, now: at(1), leaseMs: 60_000, limit: 10 })),
    );
    const mine = claims.flat().filter((j) => keys.includes(j.dedupeKey));
    expect(mine.map((j) => j.dedupeKey).sort()).toEqual([...keys].sort());
    // Held by their claimers: nobody else gets them while the lease lasts.
    expect(await outbox.claim({ worker: "late", now: at(1), leaseMs: 60_000, limit: 100 })).toEqual([]);
    for (const [i, c] of claims.entries()) for (const j of c) await outbox.finish(j.id, `w${i}`, { status: "sent", at: at(1) });
  });

  it("gives a job whose lease ran out to the next worker, marked abandoned; the old holder records nothing", async () => {
    const k = key();
    await outbox.schedule({ kind: "t", dedupeKey: k, runAt: at(0), payload: {}, recipient: "secret-contact" }, T0);
    const [first] = await outbox.claim({ worker: "a", now: at(1), leaseMs: 60_000, limit: 100 });
    expect(first).toMatchObject({ dedupeKey: k, abandonedBy: null, recipient: "secret-contact" });
    expect(await outbox.claim({ worker: "b", now: at(1.5), leaseMs: 60_000, limit: 100 })).toEqual([]);
    const [again] = await outbox.claim({ worker: "b", now: at(3), leaseMs: 60_000, limit: 100 });
    expect(again).toMatchObject({ id: first!.id, abandonedBy: "a" });
    expect(await outbox.finish(first!.id, "a", { status: "sent", at: at(3) })).toBe(false);
    expect(await outbox.finish(first!.id, "b", { status: "cancelled", at: at(3), reason: "test" })).toBe(true);
    // Contact data does not outlive the job.
    expect(await outbox.find(k)).toMatchObject({ status: "cancelled", recipient: null, lastError: "test", lockedBy: "b" });
  });

  it("the worker sends, postpones, retries with a limit, and fails an abandoned at-most-once job", async () => {
    const seen: string[] = [];
    const handler = (outcome: (k: string) => ReturnType<JobHandler["run"]>): JobHandler => ({
      maxAttempts: 2,
      run: async (job) => {
        seen.push(job.dedupeKey);
        return outcome(job.dedupeKey);
      },
    });
    let clock = at(100);
    const worker = createOutboxWorker({
      store: createOutboxStore(tdb.db),
      now: () => clock,
      logger: silentLogger(),
      handlers: {
        ok: handler(async () => ({ status: "sent" })),
        later: handler(async (dedupeKey) =>
          seen.filter((x) => x === dedupeKey).length === 1 ? { status: "postpone", at: at(200) } : { status: "sent" },
        ),
        flaky: handler(async () => ({ status: "retry", at: at(150), reason: "network" })),
        boom: handler(async () => {
          throw new Error("handler bug");
        }),
        once: { ...handler(async () => ({ status: "sent" })), onAbandoned: "fail" },
      },
    });
    const k = { ok: key(), later: key(), flaky: key(), boom: key(), once: key() };
    for (const [kindName, dedupeKey] of Object.entries(k)) await outbox.schedule({ kind: kindName, dedupeKey, runAt: at(100), payload: {} }, T0);
    // "once" was claimed by a worker that died before recording anything.
    await tdb.db.sql.query(`UPDATE outbox_job SET locked_by = 'dead', locked_until = $2::timestamp WHERE dedupe_key = $1`, [k.once, at(99).toISOString()]);

    const first = await worker.runDue();
    expect(first).toMatchObject({ claimed: 5, sent: 1, failed: 1, deferred: 3 });
    expect(seen).not.toContain(k.once);
    expect(await outbox.find(k.once)).toMatchObject({ status: "failed" });
    expect(await outbox.find(k.later)).toMatchObject({ status: "pending", runAt: at(200), attempts: 0 });
    expect(await outbox.find(k.flaky)).toMatchObject({ status: "pending", runAt: at(150), attempts: 1, lastError: "network" });
    clock = at(300);
    await worker.runDue();
    expect(await outbox.find(k.flaky)).toMatchObject({ status: "failed", attempts: 2 });
    expect(await outbox.find(k.boom)).toMatchObject({ status: "failed" });
    expect(await outbox.find(k.later)).toMatchObject({ status: "sent" });
    expect(await outbox.find(k.ok)).toMatchObject({ status: "sent" });
    expect(seen.filter((s) => s === k.ok)).toHaveLength(1);
    expect(await outbox.backlog(clock)).toEqual({ pending: 0, due: 0 });
    await worker.stop();
  });
});
