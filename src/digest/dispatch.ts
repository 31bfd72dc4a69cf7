// Sends due digest rows (kind "digest" in the outbox) through the broadcaster: claims a batch of rows under
// a lease (FOR UPDATE SKIP LOCKED, so two instances never hold the same row), builds each row's messages
// from facts read now, sends them with the broadcaster's rate limits, and settles every row.
//
// Exactly once, message by message. Each row records its messages in its payload: "sending" just before the
// request, "sent" after. Both writes only succeed while this worker still holds the row, so a worker that
// lost its lease stops before sending, and whoever takes the row over skips what is recorded.
// A process that dies mid-send leaves at most the requests it had in flight as "sending": nobody can know
// whether Telegram delivered them, and a digest is not worth a duplicate, so they are NOT repeated (at most
// once); everything after them is sent by the next holder once the lease has run out (at least once for the
// rest). A graceful stop aborts the broadcast, awaits the requests in flight and puts the rest back at once.
//
// A 403 marks the member stopped and cancels their other digest rows; non-retryable failures are recorded
// and not retried; network failures and rate limits the broadcaster could not absorb put the row back for a
// later attempt (at most maxAttempts).
import type { Stores } from "../store/stores.ts";
import { createBroadcaster } from "../broadcast/broadcaster.ts";
import { realSleep } from "../broadcast/timing.ts";
import type { BroadcastLimits, BroadcastMessage, BroadcastReport, FailedMessage, RetryPolicy, SendBudget } from "../broadcast/types.ts";
import type { BroadcastCounters } from "../metrics/types.ts";
import type { Channel } from "../messages.ts";
import type { Translate } from "../i18n.ts";
import { randomId } from "../ids.ts";
import type { Logger } from "../logger.ts";
import type { RegistryAgency } from "../staff/scope.ts";
import type { Database } from "../store/database.ts";
import { DIGEST_JOB_KIND } from "../store/digest-jobs.ts";
import { type ClaimedJob } from "../store/outbox.ts";
import type { StaffStore } from "../store/staff.ts";
import type { DigestInput } from "./build.ts";
import { createDigestCache, type DigestCache } from "./digest-cache.ts";
import { planRow, readPayload } from "./dispatch-plan.ts";
import { loadDigestInput, type DigestRequest } from "./gather.ts";
import { digestParts, type RenderedDigest } from "./messages.ts";
import { SendProgress, type ProgressTarget, type SendCounts } from "./send-progress.ts";

export interface DigestDispatcherDeps {
  db: Database;
  stores: Pick<Stores, "outbox" | "digestJobs" | "subscriptions" | "agencies">;
  /** The channel digests go out on: for Telegram, a bot whose auto-retry never waits (see broadcaster.ts). */
  channel: Channel;
  t: Translate;
  logger: Logger;
  now: () => Date;
  timeZone: string;
  minN: number;
  staff: Pick<StaffStore, "markStopped">;
  broadcast?: {
    limits?: Partial<BroadcastLimits>;
    retry?: Partial<RetryPolicy>;
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
    progressEveryMs?: number;
    /** The process's shared bulk-send budget (see BroadcasterOptions.window). */
    window?: SendBudget;
    metrics?: BroadcastCounters;
  };
  /** Rows per broadcast (default 200). */
  batchSize?: number;
  /** How long a claim is exclusive without news from its holder (default 2 min); renewed while sending. */
  leaseMs?: number;
  /** Poll interval of start() (default 30 s). */
  intervalMs?: number;
  /** Attempts of a row whose sends keep failing for retryable reasons (default 3). */
  maxAttempts?: number;
  /** This worker's name in locked_by (default random). */
  id?: string;
  /** The facts of a digest (default: read from db). */
  load?: (r: DigestRequest) => Promise<DigestInput>;
}

export interface DispatchReport extends SendCounts {
  /** Rows claimed by the run. */
  claimed: number;
  /** Messages (pictures and texts) delivered. */
  messages: number;
  rateLimited: number;
  /** Messages found in flight from a holder that died: not repeated. */
  uncertain: number;
  durationMs: number;
}

export interface DigestDispatcher {
  readonly id: string;
  /**
   * Sends every due digest row. While a run is going, a caller joins it (and it looks once more for rows);
   * `reportTo` gets the edited progress message and the final report.
   */
  runDue(opts?: { reportTo?: ProgressTarget }): Promise<DispatchReport>;
  start(): void;
  /** Stops polling, aborts the send in progress (requests in flight are awaited) and puts unsent rows back. */
  stop(): Promise<void>;
}

interface Reporter {
  progress: SendProgress;
  base: SendCounts;
}

interface Run {
  accepting: boolean;
  again: boolean;
  counts: SendCounts;
  report: DispatchReport;
  reporters: Reporter[];
  controller: AbortController;
  cache: DigestCache;
  registry?: RegistryAgency[];
  startedAt: number;
}

/** The run in progress (or about to start once the previous one has finished), and its outcome. */
interface Active {
  run: Run;
  done: Promise<DispatchReport>;
}

interface Row {
  job: ClaimedJob;
  staffId: string;
  chatId: string;
  /** Parts still to be sent in this batch. */
  pending: Set<string>;
  uncertain: number;
  settled: boolean;
}

/** Failures worth another attempt later; anything else is recorded and left alone. */
const RETRYABLE = new Set(["unreachable", "rate-limited"]);
const RETRY_BASE_MS = 5 * 60_000;
const FLOOD_WAIT_MS = 5 * 60_000;

/** A broadcast message id names its row and the part of it: "<outbox id>|vi:chart". */
const messageIdOf = (rowId: string, part: string) => `${rowId}|${part}`;
const rowIdOf = (messageId: string) => messageId.slice(0, messageId.indexOf("|"));
const partOf = (messageId: string) => messageId.slice(messageId.indexOf("|") + 1);

const zero = (): SendCounts => ({ sent: 0, failed: 0, stopped: 0, cancelled: 0, deferred: 0 });
const emptyReport = (): DispatchReport => ({ ...zero(), claimed: 0, messages: 0, rateLimited: 0, uncertain: 0, durationMs: 0 });

export function createDigestDispatcher(d: DigestDispatcherDeps): DigestDispatcher {
  const id = d.id ?? `digest-${randomId(6)}`;
  const log = d.logger.child({ component: "digest-dispatch", worker: id });
  const { outbox, digestJobs: jobs, subscriptions, agencies } = d.stores;
  const load = d.load ?? ((r: DigestRequest) => loadDigestInput(d.db, r));
  const leaseMs = d.leaseMs ?? 120_000;
  const batchSize = d.batchSize ?? 200;
  const maxAttempts = d.maxAttempts ?? 3;
  const ms = () => d.now().getTime();
  let current: Active | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let batchNo = 0;

  async function finish(row: { job: ClaimedJob }, status: "sent" | "cancelled" | "failed", reason?: string): Promise<void> {
    const ours = await outbox.finish(row.job.id, id, { status, at: d.now(), ...(reason ? { reason } : {}) });
    if (!ours) log.warn({ job: row.job.dedupeKey, status }, "digest row was taken over before its outcome was recorded");
  }

  async function putBack(row: Row, o: { runAt: Date; failed: boolean; reason: string }): Promise<void> {
    await jobs.clearSending(row.job.id, id);
    if (!(await outbox.release(row.job.id, id, o))) log.warn({ job: row.job.dedupeKey }, "digest row was taken over before it was put back");
  }

  /** Keeps the batch's lease alive while it is prepared and sent; returns the rows still held. */
  function leaseKeeper(ids: string[]) {
    let last = ms();
    let held = new Set(ids);
    return {
      until: () => new Date(ms() + leaseMs),
      async touch(force = false): Promise<Set<string>> {
        if (force || ms() - last >= leaseMs / 4) {
          last = ms();
          held = await jobs.renewLease([...held], id, new Date(last + leaseMs));
        }
        return held;
      },
    };
  }

  async function prepare(batch: ClaimedJob[], run: Run, lease: ReturnType<typeof leaseKeeper>) {
    run.registry ??= await agencies.listAll();
    const payloads = new Map(batch.map((j) => [j.id, readPayload(j.payload)]));
    const staffIds = [...new Set([...payloads.values()].flatMap((p) => (p ? [p.staffId] : [])))];
    const targets = await subscriptions.targets(staffIds);
    const rows: Row[] = [];
    const messages: BroadcastMessage[] = [];
    for (const job of batch) {
      const payload = payloads.get(job.id)!;
      const plan = planRow(payload, payload ? targets.get(payload.staffId) : undefined, { registry: run.registry, timeZone: d.timeZone, channel: d.channel.name });
      if (plan.action === "cancel" || plan.action === "fail") {
        await finish({ job }, plan.action === "cancel" ? "cancelled" : "failed", plan.reason);
        run.counts[plan.action === "cancel" ? "cancelled" : "failed"]++;
        continue;
      }
      const row: Row = { job, staffId: payload!.staffId, chatId: plan.chatId, pending: new Set(), uncertain: 0, settled: false };
      let rendered: RenderedDigest[];
      try {
        rendered = await Promise.all(plan.languages.map((l) => run.cache.rendered(plan.agencyCodes, plan.period, l)));
      } catch (e) {
        log.error({ job: job.dedupeKey, err: (e as Error).message }, "digest could not be built");
        await retryOrFail(row, `could not build the digest: ${(e as Error).message}`, run);
        continue;
      }
      await lease.touch();
      for (const p of digestParts(plan.chatId, rendered)) {
        const state = plan.parts[p.part];
        if (state === "sending") row.uncertain++;
        if (state) continue;
        row.pending.add(p.part);
        messages.push({ id: messageIdOf(job.id, p.part), ...p.message });
      }
      run.report.uncertain += row.uncertain;
      if (row.pending.size === 0) {
        await finish(row, "sent", uncertainNote(row));
        run.counts.sent++;
        continue;
      }
      rows.push(row);
    }
    return { rows, messages };
  }

  const uncertainNote = (row: Row) =>
    row.uncertain > 0 ? `${row.uncertain} message(s) were in flight when an earlier holder died; not repeated` : undefined;

  async function retryOrFail(row: Row, reason: string, run: Run): Promise<void> {
    if (row.job.attempts + 1 >= maxAttempts) {
      await finish(row, "failed", `gave up after ${row.job.attempts + 1} attempts: ${reason}`);
      run.counts.failed++;
    } else {
      await putBack(row, { runAt: new Date(ms() + RETRY_BASE_MS * 2 ** row.job.attempts), failed: true, reason });
      run.counts.deferred++;
    }
  }

  async function onStopped(row: Row | undefined, run: Run): Promise<void> {
    if (!row) return;
    const at = d.now();
    await d.staff.markStopped(row.staffId, at);
    const cancelled = await jobs.cancelForStaff(row.staffId, "the chat has blocked the bot", at);
    run.counts.cancelled += cancelled;
    log.info({ staffId: row.staffId, cancelled }, "digest recipient blocked the bot: marked stopped");
  }

  async function settle(rows: Row[], report: BroadcastReport, run: Run): Promise<void> {
    const failed = new Map<string, FailedMessage[]>();
    for (const f of report.failed) failed.set(rowIdOf(f.id), [...(failed.get(rowIdOf(f.id)) ?? []), f]);
    const unsent = new Set(report.unsentIds.map(rowIdOf));
    const stopped = new Set(report.stopped);
    for (const row of rows) {
      if (row.settled) continue;
      row.settled = true;
      const fails = failed.get(row.job.id);
      if (stopped.has(row.chatId)) {
        await finish(row, "cancelled", "the chat has blocked the bot (403)");
        run.counts.stopped++;
      } else if (fails) {
        const reason = fails.map((f) => `${partOf(f.id)}: ${f.failure}${f.detail ? ` (${f.detail})` : ""}`).join("; ");
        if (fails.every((f) => RETRYABLE.has(f.failure))) await retryOrFail(row, reason, run);
        else {
          await finish(row, "failed", reason);
          run.counts.failed++;
        }
      } else if (unsent.has(row.job.id)) {
        const later = report.halted === "flood-wait" ? FLOOD_WAIT_MS : 0;
        await putBack(row, { runAt: new Date(ms() + later), failed: false, reason: `send ${report.halted ?? "interrupted"}` });
        run.counts.deferred++;
      } else {
        // Every part went out; only recording the last one failed.
        await finish(row, "sent", uncertainNote(row));
        run.counts.sent++;
      }
    }
  }

  async function sendBatch(batch: ClaimedJob[], run: Run): Promise<void> {
    const lease = leaseKeeper(batch.map((j) => j.id));
    const { rows, messages } = await prepare(batch, run, lease);
    if (rows.length === 0) return;
    const held = await lease.touch(true);
    const byId = new Map(rows.filter((r) => held.has(r.job.id)).map((r) => [r.job.id, r]));
    const byChat = new Map([...byId.values()].map((r) => [r.chatId, r]));
    const rowOf = (messageId: string) => byId.get(rowIdOf(messageId));
    const broadcaster = createBroadcaster({
      channel: d.channel,
      logger: log,
      // Pacing needs time that moves: the real clock, unless a test drives both sleep and clock virtually.
      // (The injected business clock may be frozen, and pacing on it with real sleeps would never advance.)
      now: d.broadcast?.sleep ? ms : Date.now,
      sleep: d.broadcast?.sleep ?? realSleep,
      limits: d.broadcast?.limits,
      retry: d.broadcast?.retry,
      progressEveryMs: d.broadcast?.progressEveryMs,
      window: d.broadcast?.window,
      metrics: d.broadcast?.metrics,
      onProgress: () => {
        for (const r of run.reporters) r.progress.update(run.counts.sent);
      },
      onStopped: (chatId) => onStopped(byChat.get(chatId), run),
    });
    const report = await broadcaster.send(
      { id: `digest-${id}-${++batchNo}`, messages: messages.filter((m) => rowOf(m.id)) },
      {
        signal: run.controller.signal,
        isSent: async (messageId) => {
          // Not a question here: the last moment before the request, when the row records that it is going out.
          await lease.touch();
          if (!(await jobs.markPart(rowOf(messageId)!.job.id, id, partOf(messageId), "sending", lease.until()))) {
            throw new Error("the digest row is no longer held by this worker");
          }
          return false;
        },
        markSent: async (messageId) => {
          const row = rowOf(messageId)!;
          await jobs.markPart(row.job.id, id, partOf(messageId), "sent", lease.until());
          row.pending.delete(partOf(messageId));
          if (row.pending.size === 0 && !row.settled) {
            row.settled = true;
            await finish(row, "sent", uncertainNote(row));
            run.counts.sent++;
          }
        },
      },
    );
    run.report.messages += report.sent;
    run.report.rateLimited += report.rateLimited;
    await settle([...byId.values()], report, run);
  }

  async function execute(run: Run): Promise<DispatchReport> {
    try {
      do {
        run.again = false;
        while (!run.controller.signal.aborted) {
          const batch = await outbox.claim({ worker: id, now: d.now(), leaseMs, limit: batchSize, kinds: [DIGEST_JOB_KIND] });
          if (batch.length === 0) break;
          run.report.claimed += batch.length;
          await sendBatch(batch, run);
          for (const r of run.reporters) r.progress.update(run.counts.sent);
          log.info({ ...run.counts, claimed: run.report.claimed }, "digest batch done");
        }
      } while (run.again && !run.controller.signal.aborted);
    } catch (e) {
      // Rows of a batch that broke stay held until their lease runs out; the next run takes them over.
      log.error({ err: (e as Error).message }, "digest run failed");
    } finally {
      run.accepting = false;
    }
    const report: DispatchReport = { ...run.report, ...run.counts, durationMs: ms() - run.startedAt };
    for (const r of run.reporters) await r.progress.finish(run.counts, r.base, report.durationMs);
    if (report.claimed > 0) log.info(report, "digest run finished");
    return report;
  }

  async function runDue(opts: { reportTo?: ProgressTarget } = {}): Promise<DispatchReport> {
    // Counted before joining, so that a run cannot end between the count and the join.
    const total = opts.reportTo ? await jobs.countDue(d.now()) : 0;
    if (stopped) return emptyReport();
    let active = current?.run.accepting ? current : undefined;
    if (active) active.run.again = true;
    else {
      const previous = current?.done;
      const run: Run = {
        accepting: true,
        again: false,
        counts: zero(),
        report: emptyReport(),
        reporters: [],
        controller: new AbortController(),
        cache: createDigestCache(load, d.minN, d.t),
        startedAt: ms(),
      };
      const done = (previous ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => {
          run.startedAt = ms();
          return execute(run);
        })
        .finally(() => {
          if (current?.run === run) current = undefined;
        });
      current = active = { run, done };
    }
    const run = active.run;
    if (opts.reportTo) {
      run.reporters.push({ progress: new SendProgress(d.channel, d.t, opts.reportTo, total, run.counts.sent, log), base: { ...run.counts } });
    }
    return active.done;
  }

  return {
    id,
    runDue,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (current) return;
        runDue().catch((e: Error) => log.error({ err: e.message }, "digest run failed"));
      }, d.intervalMs ?? 30_000);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      const active = current;
      if (!active) return;
      active.run.accepting = false;
      active.run.controller.abort();
      await active.done.catch(() => undefined);
    },
  };
}
