// Runs due outbox jobs: claims a batch (race-free across processes, see store/outbox.ts), hands each job to the
// handler of its kind, and records the outcome only while the job is still ours. Periodic sweeps (work that
// lives in other tables, such as Zalo invitations waiting for a retry) run on the same tick.
import type { Logger } from "../logger.ts";
import { randomId } from "../ids.ts";
import { type ClaimedJob, type OutboxStore } from "../store/outbox.ts";

export type JobOutcome =
  | { status: "sent" }
  | { status: "cancelled"; reason: string }
  | { status: "failed"; reason: string }
  /** A failed attempt worth repeating (rate limit, network): counted against maxAttempts. */
  | { status: "retry"; at: Date; reason: string }
  /** Not yet (quiet hours, waiting for something else): not a failure. */
  | { status: "postpone"; at: Date; reason?: string };

export interface JobHandler {
  run(job: ClaimedJob, now: Date): Promise<JobOutcome>;
  /**
   * What to do with a job whose previous holder died before recording an outcome: "retry" runs it again
   * (at least once; the handler must be idempotent), "fail" gives up (at most once: a reminder that may
   * already have gone out is not sent again). Default "retry".
   */
  onAbandoned?: "retry" | "fail";
  /** Failed attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
}

export interface Sweep {
  name: string;
  run(now: Date): Promise<unknown>;
}

export interface OutboxWorkerOptions {
  store: OutboxStore;
  handlers: Record<string, JobHandler>;
  now: () => Date;
  logger: Logger;
  /** Poll interval of start() (default 30 s). */
  intervalMs?: number;
  /** How long a claim is exclusive (default 5 min): longer than any handler may take. */
  leaseMs?: number;
  batchSize?: number;
  sweeps?: Sweep[];
  /** This worker's name in locked_by (default random). */
  id?: string;
}

export interface RunSummary {
  claimed: number;
  sent: number;
  cancelled: number;
  failed: number;
  deferred: number;
}

export interface OutboxWorker {
  readonly id: string;
  readonly store: OutboxStore;
  /** Runs every due job (and the sweeps) now; tests drive the worker with this. */
  runDue(): Promise<RunSummary>;
  start(): void;
  /** Stops polling and waits for the running tick, so no job is left half-done by a graceful stop. */
  stop(): Promise<void>;
}

const MAX_BATCHES_PER_TICK = 50;
/** Backoff of a handler that threw: 1, 2, 4, … minutes, at most an hour. */
const backoffMs = (attempts: number) => Math.min(60, 2 ** attempts) * 60_000;

export function createOutboxWorker(o: OutboxWorkerOptions): OutboxWorker {
  const { store } = o;
  const id = o.id ?? `worker-${randomId(6)}`;
  const log = o.logger.child({ component: "outbox", worker: id });
  const leaseMs = o.leaseMs ?? 300_000;
  const batchSize = o.batchSize ?? 20;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RunSummary> | undefined;

  async function outcomeOf(job: ClaimedJob, h: JobHandler, now: Date): Promise<JobOutcome> {
    if (job.abandonedBy && h.onAbandoned === "fail") {
      return { status: "failed", reason: `abandoned mid-run by ${job.abandonedBy}; not repeated (at most once)` };
    }
    try {
      return await h.run(job, now);
    } catch (e) {
      return { status: "retry", at: new Date(now.getTime() + backoffMs(job.attempts)), reason: (e as Error).message };
    }
  }

  async function runOne(job: ClaimedJob, sum: RunSummary): Promise<void> {
    // Only kinds with a handler are claimed (see tick), so there is always one.
    const h = o.handlers[job.kind]!;
    const out: JobOutcome = await outcomeOf(job, h, o.now());
    const at = o.now();
    let ours: boolean;
    if (out.status === "retry" && job.attempts + 1 >= (h.maxAttempts ?? 5)) {
      ours = await store.finish(job.id, id, { status: "failed", at, reason: `gave up after ${job.attempts + 1} attempts: ${out.reason}` });
      sum.failed++;
    } else if (out.status === "retry" || out.status === "postpone") {
      ours = await store.release(job.id, id, { runAt: out.at, failed: out.status === "retry", reason: out.reason });
      sum.deferred++;
    } else {
      ours = await store.finish(job.id, id, { status: out.status, at, ...(out.status === "sent" ? {} : { reason: out.reason }) });
      sum[out.status]++;
    }
    if (!ours) log.warn({ job: job.dedupeKey, outcome: out.status }, "outbox job was taken over before its outcome was recorded");
    else log.info({ job: job.dedupeKey, kind: job.kind, outcome: out.status, ...("reason" in out ? { reason: out.reason } : {}) }, "outbox job ran");
  }

  async function tick(): Promise<RunSummary> {
    const sum: RunSummary = { claimed: 0, sent: 0, cancelled: 0, failed: 0, deferred: 0 };
    for (const s of o.sweeps ?? []) {
      await s.run(o.now()).catch((e: Error) => log.error({ sweep: s.name, err: e.message }, "outbox sweep failed"));
    }
    for (let i = 0; i < MAX_BATCHES_PER_TICK; i++) {
      // Only kinds this worker can run: digest rows belong to the digest dispatcher, not to this loop.
      const jobs = await store.claim({ worker: id, now: o.now(), leaseMs, limit: batchSize, kinds: Object.keys(o.handlers) });
      sum.claimed += jobs.length;
      for (const job of jobs) await runOne(job, sum);
      if (jobs.length < batchSize) break;
    }
    return sum;
  }

  function runDue(): Promise<RunSummary> {
    // One tick at a time per worker: a caller arriving mid-tick waits for it, then runs its own.
    const next = (running ?? Promise.resolve()).catch(() => undefined).then(tick);
    running = next;
    void next.catch(() => undefined).finally(() => {
      if (running === next) running = undefined;
    });
    return next;
  }

  return {
    id,
    store,
    runDue,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        runDue().catch((e: Error) => log.error({ err: e.message }, "outbox tick failed"));
      }, o.intervalMs ?? 30_000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
