// When digests are due: node-cron fires at HAILONG_DIGEST_CRON in the display time zone on every instance.
// Each firing claims its slots in the database first (store/schedule-slots.ts), so only one firing fans a
// slot out, into one outbox row per (period, subscriber) with a unique key: a double firing, a second
// instance or a restart adds nothing. At start, a slot claimed by an instance that died before finishing
// its fan-out is fanned out again (the keys make that safe), and the latest firing missed while every
// instance was down is caught up.
import type { Stores } from "../store/stores.ts";
import cron, { type ScheduledTask } from "node-cron";
import { randomId } from "../ids.ts";
import type { Logger } from "../logger.ts";
import { previousFiring } from "./cron-firing.ts";
import { parseSlotKey, SLOT_PREFIX, slotsAt, type DigestSlot } from "./slots.ts";

export interface DigestSchedulerDeps {
  stores: Pick<Stores, "scheduleSlots" | "digestJobs" | "subscriptions">;
  /** node-cron expression (config.digestCron). */
  cron: string;
  timeZone: string;
  now: () => Date;
  logger: Logger;
  /** Told after a fan-out created rows, e.g. to wake the dispatcher. */
  onFanned?: (created: number) => void;
  /** This instance's name in schedule_slot.claimed_by (default random). */
  id?: string;
}

export interface SlotOutcome {
  key: string;
  /**
   * "claimed": this call fanned it out; "taken": another firing had it; "refanned": finished for a dead
   * claimer; "topped_up": an admin's send found it taken and added the subscribers who had no digest yet.
   */
  outcome: "claimed" | "taken" | "refanned" | "topped_up";
  recipients: number;
  created: number;
  /** When the slot was first claimed, for a slot this call did not claim. */
  claimedAt?: Date;
}

export interface DigestScheduler {
  /** One firing as of `at` (the cron's callback). */
  fireNow(at: Date): Promise<SlotOutcome[]>;
  /**
   * An admin's "send now": a firing that, for a slot already claimed (by the start-up catch-up or the
   * schedule), fans it out again to the current subscribers, so whoever subscribed since gets it and,
   * the outbox keys being per (period, subscriber), nobody gets it twice.
   */
  sendNow(at: Date): Promise<SlotOutcome[]>;
  /** Re-fans unfinished slots and catches up the latest missed firing; start() runs it. */
  catchUp(): Promise<SlotOutcome[]>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createDigestScheduler(d: DigestSchedulerDeps): DigestScheduler {
  const id = d.id ?? `digest-scheduler-${randomId(6)}`;
  const log = d.logger.child({ component: "digest-schedule", instance: id });
  const { scheduleSlots: slots, digestJobs: jobs, subscriptions } = d.stores;
  const task: ScheduledTask = cron.createTask(d.cron, () => fireFromCron(), {
    timezone: d.timeZone,
    name: `digest-${id}`,
    noOverlap: true,
    // node-cron's own notices (e.g. a firing missed while the event loop was busy) go to our log, not the console.
    logger: {
      info: (msg) => log.debug(msg),
      warn: (msg) => log.warn(msg),
      error: (msg, err) => log.error({ err: err ?? msg }, "node-cron error"),
      debug: (msg) => log.debug({ msg }, "node-cron"),
    },
  });

  async function fanOut(slot: DigestSlot, outcome: SlotOutcome["outcome"]): Promise<SlotOutcome> {
    const staffIds = await subscriptions.recipients(slot.frequency);
    const now = d.now();
    const created = await jobs.fanOut({ slot: slot.key, period: slot.period.label, staffIds, runAt: now, now });
    await slots.markDone(slot.key, d.now());
    log.info({ slot: slot.key, outcome, recipients: staffIds.length, created }, "digest slot fanned out");
    return { key: slot.key, outcome, recipients: staffIds.length, created };
  }

  async function fire(at: Date): Promise<SlotOutcome[]> {
    const out: SlotOutcome[] = [];
    for (const slot of slotsAt(at, d.timeZone)) {
      if (await slots.claim(slot.key, id, d.now())) out.push(await fanOut(slot, "claimed"));
      else out.push({ key: slot.key, outcome: "taken", recipients: 0, created: 0 });
    }
    notify(out);
    return out;
  }

  function notify(out: SlotOutcome[]): void {
    const created = out.reduce((s, o) => s + o.created, 0);
    if (created > 0) d.onFanned?.(created);
  }

  async function fireFromCron(): Promise<void> {
    try {
      await fire(d.now());
    } catch (e) {
      log.error({ err: (e as Error).message }, "digest firing failed");
    }
  }

  async function catchUp(): Promise<SlotOutcome[]> {
    const out: SlotOutcome[] = [];
    for (const s of await slots.unfinished(SLOT_PREFIX)) {
      const slot = parseSlotKey(s.key, d.timeZone);
      if (slot) out.push(await fanOut(slot, "refanned"));
    }
    notify(out);
    const last = previousFiring(d.cron, task, d.timeZone, d.now());
    if (last) {
      const fired = await fire(last);
      const missed = fired.filter((o) => o.outcome === "claimed");
      if (missed.length) log.info({ firing: last.toISOString(), slots: missed.map((o) => o.key) }, "caught up a digest firing missed while no instance ran");
      out.push(...fired);
    }
    return out;
  }

  async function sendNow(at: Date): Promise<SlotOutcome[]> {
    const out: SlotOutcome[] = [];
    for (const slot of slotsAt(at, d.timeZone)) {
      if (await slots.claim(slot.key, id, d.now())) {
        out.push(await fanOut(slot, "claimed"));
        continue;
      }
      const claimed = await slots.find(slot.key);
      const topped = await fanOut(slot, "topped_up");
      out.push(claimed ? { ...topped, claimedAt: claimed.claimedAt } : topped);
    }
    notify(out);
    return out;
  }

  return {
    fireNow: fire,
    sendNow,
    catchUp,
    async start() {
      await catchUp().catch((e: Error) => log.error({ err: e.message }, "digest catch-up failed"));
      await task.start();
      log.info({ cron: d.cron, timeZone: d.timeZone }, "digest schedule started");
    },
    async stop() {
      await task.destroy();
    },
  };
}
