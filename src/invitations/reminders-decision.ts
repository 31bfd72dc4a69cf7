// Whether a due reminder goes out, waits or is dropped, decided from facts read at send time (pure): the
// citizen may have finished, cancelled, erased themselves or left the channel since it was scheduled.
import type { ReminderFacts } from "../store/reminders.ts";
import { isQuiet, outsideQuietHours } from "./quiet-hours.ts";

type Run = NonNullable<ReminderFacts["run"]>;

export type ReminderPlan =
  /** Re-ask the current question of an unfinished run. */
  | { action: "send-run"; run: Run & { chatId: string; respondentId: string }; agency: ReminderFacts["agency"] }
  /** Repeat a Zalo invitation the citizen received but never opened. */
  | { action: "send-invitation"; invitationId: string; userId: string }
  | { action: "cancel"; reason: string }
  | { action: "postpone"; at: Date; reason: string };

export interface DecideContext {
  now: Date;
  delayMs: number;
  timeZone: string;
  /** The Zalo user id the invitation was sent to (kept on the job), if any. */
  recipient: string | null;
  /** Whether that Zalo user unfollowed the OA. */
  recipientStopped: boolean;
}

/** A send that has been "sending" this long is taken as lost ("maybe sent"): nobody will settle it. */
const SENDING_GRACE_MS = 3_600_000;
const SENDING_RECHECK_MS = 600_000;

function runPlan(run: Run, agency: ReminderFacts["agency"]): ReminderPlan {
  if (run.status === "completed") return { action: "cancel", reason: "the survey was completed" };
  if (run.status !== "active") return { action: "cancel", reason: "the survey was cancelled (/cancel, /delete or another survey started)" };
  if (!run.respondentId) return { action: "cancel", reason: "the citizen erased their data (/delete)" };
  if (run.stoppedAt) return { action: "cancel", reason: "the citizen left the channel (blocked or unfollowed)" };
  if (!run.chatId) return { action: "cancel", reason: "no chat to write to" };
  return { action: "send-run", run: { ...run, chatId: run.chatId, respondentId: run.respondentId }, agency };
}

function invitationPlan(inv: NonNullable<ReminderFacts["invitation"]>, c: DecideContext): ReminderPlan {
  if (inv.deliveryChannel !== "zalo-message" || !c.recipient) {
    return { action: "cancel", reason: "the invitation was not sent to a Zalo follower, so there is nobody to remind" };
  }
  const now = c.now.getTime();
  switch (inv.deliveryStatus) {
    case "sent": {
      if (c.recipientStopped) return { action: "cancel", reason: "the citizen unfollowed the OA" };
      // Counted from the delivery that worked, which may be a later retry.
      const due = (inv.deliveryUpdatedAt?.getTime() ?? now) + c.delayMs;
      if (due > now) return { action: "postpone", at: new Date(due), reason: "counted from the delivery" };
      return { action: "send-invitation", invitationId: inv.id, userId: c.recipient };
    }
    case "failed-retryable": {
      const retry = Math.max(inv.deliveryRetryAt?.getTime() ?? now, now);
      return { action: "postpone", at: new Date(retry + c.delayMs), reason: "the invitation itself waits for a retry" };
    }
    case "sending": {
      const since = inv.deliveryUpdatedAt?.getTime() ?? 0;
      if (now - since > SENDING_GRACE_MS) return { action: "cancel", reason: "the invitation's delivery outcome is unknown (maybe sent)" };
      return { action: "postpone", at: new Date(now + SENDING_RECHECK_MS), reason: "the invitation is being sent" };
    }
    default:
      return { action: "cancel", reason: "the invitation was not delivered" };
  }
}

export function decideReminder(facts: ReminderFacts | null, c: DecideContext): ReminderPlan {
  if (!facts) return { action: "cancel", reason: "the invitation or survey no longer exists" };
  const inv = facts.invitation;
  const expired = (t: Date) => inv !== null && inv.expiresAt.getTime() <= t.getTime();
  if (expired(c.now)) return { action: "cancel", reason: "the invitation expired" };
  let plan: ReminderPlan;
  if (facts.run) plan = runPlan(facts.run, facts.agency);
  else if (inv) plan = invitationPlan(inv, c);
  else return { action: "cancel", reason: "the invitation or survey no longer exists" };

  if (plan.action === "cancel") return plan;
  if (plan.action === "postpone") {
    const at = outsideQuietHours(plan.at, c.timeZone);
    return expired(at) ? { action: "cancel", reason: "it would come after the invitation expires" } : { ...plan, at };
  }
  // A worker running late (or a backlog after downtime) must not write at night either.
  if (isQuiet(c.now, c.timeZone)) {
    const at = outsideQuietHours(c.now, c.timeZone);
    return expired(at) ? { action: "cancel", reason: "quiet hours last until after the invitation expires" } : { action: "postpone", at, reason: "quiet hours" };
  }
  return plan;
}
