// Schedules the one reminder per invitation (or per walk-in run) as an outbox job. The dedupe key is the
// invitation, so the Zalo invitation's reminder and the reminder of the run it led to are the same job:
// starting the survey only pushes it back, and once sent nothing can schedule it again.
import type { Logger } from "../logger.ts";
import type { OutboxStore } from "../store/outbox.ts";
import type { DeliveryView, InvitationDelivery } from "./delivery.ts";
import { outsideQuietHours } from "./quiet-hours.ts";

export const REMINDER_KIND = "reminder";

export const reminderKey = (k: { invitationId?: string | null; runId?: string }): string =>
  k.invitationId ? `reminder:invitation:${k.invitationId}` : `reminder:run:${k.runId}`;

export interface ReminderSchedulerDeps {
  outbox: Pick<OutboxStore, "schedule">;
  /** HAILONG_REMINDER_DELAY_HOURS; 0 switches reminders off. */
  delayHours: number;
  timeZone: string;
  now: () => Date;
  logger: Logger;
}

export interface ReminderScheduler {
  readonly delayMs: number;
  /** Called by the survey when a run starts; never throws (a reminder is not worth failing a start for). */
  runStarted(run: { id: string; invitationId: string | null }, at: Date): Promise<void>;
  /** A Zalo OA message invitation went out to this follower. */
  invitationSent(invitationId: string, zaloUserId: string, at: Date): Promise<void>;
  /** The invitation sender, scheduling a reminder for each invitation it sends to a Zalo follower. */
  wrapDelivery(inner: InvitationDelivery): InvitationDelivery;
}

export function createReminderScheduler(deps: ReminderSchedulerDeps): ReminderScheduler {
  const delayMs = deps.delayHours * 3_600_000;
  const log = deps.logger.child({ component: "reminders" });
  const dueAfter = (at: Date) => outsideQuietHours(new Date(at.getTime() + delayMs), deps.timeZone);

  async function schedule(key: string, payload: Record<string, unknown>, at: Date, ifExists: "keep" | "later", recipient?: string) {
    if (delayMs <= 0) return;
    try {
      await deps.outbox.schedule({ kind: REMINDER_KIND, dedupeKey: key, runAt: dueAfter(at), payload, recipient }, at, ifExists);
    } catch (e) {
      log.error({ err: (e as Error).message, key }, "could not schedule a reminder");
    }
  }

  return {
    delayMs,
    runStarted(run, at) {
      const payload = run.invitationId ? { invitationId: run.invitationId } : { runId: run.id };
      return schedule(reminderKey({ invitationId: run.invitationId, runId: run.id }), payload, at, "later");
    },
    invitationSent(invitationId, zaloUserId, at) {
      return schedule(reminderKey({ invitationId }), { invitationId }, at, "later", zaloUserId);
    },
    wrapDelivery(inner) {
      return {
        async deliver(inv, contact): Promise<DeliveryView> {
          const view = await inner.deliver(inv, contact);
          // "pending": Zalo had not answered yet; the job reads the recorded outcome when it is due.
          if (contact.zaloUserId && view.channel === "zalo-message" && (view.status === "sent" || view.status === "pending")) {
            await schedule(reminderKey({ invitationId: inv.id }), { invitationId: inv.id }, deps.now(), "keep", contact.zaloUserId);
          }
          return view;
        },
      };
    },
  };
}
