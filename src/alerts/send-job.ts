// Sends one alert row of the outbox (kind "alert") to its official, in their language. The row is marked
// just before the request (store/alerts.ts markSending): a holder that dies before the mark leaves the row
// to the next worker once its lease runs out (so the alert is not lost), and a holder that dies after it
// leaves a row nobody sends again (so it is not doubled: whether Telegram delivered it cannot be known).
import type { Channel } from "../messages.ts";
import type { Translate } from "../i18n.ts";
import type { JobHandler, JobOutcome } from "../outbox/worker.ts";
import type { AlertStore } from "../store/alerts.ts";
import type { ClaimedJob } from "../store/outbox.ts";
import type { StaffStore } from "../store/staff.ts";
import { renderAlert } from "./message.ts";
import type { AlertFacts } from "./types.ts";

export interface AlertJobDeps {
  alerts: Pick<AlertStore, "markSending" | "clearSending">;
  staff: Pick<StaffStore, "get" | "markStopped">;
  /** The staff channel (Telegram), read when the row runs. */
  channel: () => Channel | undefined;
  t: Translate;
  publicBaseUrl: string;
}

const RETRY_MS = 5 * 60_000;

function readable(f: Partial<AlertFacts> | undefined): f is AlertFacts {
  return !!f && typeof f === "object" && (f.kind === "drop" || f.kind === "below") && typeof f.target === "string" && typeof f.value === "number" && !!f.agency;
}

function factsOf(payload: Record<string, unknown>): { staffId: string; facts: AlertFacts[] } | null {
  const alerts = payload.alerts as { facts?: Partial<AlertFacts> }[] | undefined;
  if (typeof payload.staffId !== "string" || !Array.isArray(alerts) || alerts.length === 0) return null;
  const facts = alerts.map((a) => a?.facts);
  return facts.every(readable) ? { staffId: payload.staffId, facts } : null;
}

export function createAlertJobHandler(d: AlertJobDeps): JobHandler {
  async function run(job: ClaimedJob, now: Date): Promise<JobOutcome> {
    const p = factsOf(job.payload);
    if (!p) return { status: "failed", reason: "not an alert row this version can read" };
    const member = await d.staff.get(p.staffId);
    if (!member) return { status: "cancelled", reason: "the member's role was revoked" };
    if (member.stoppedAt) return { status: "cancelled", reason: "the member's chat blocks the bot" };
    const channel = d.channel();
    if (!channel || channel.name !== member.channel) return { status: "cancelled", reason: `no ${member.channel} channel to send on` };
    if (!(await d.alerts.markSending(job.id))) {
      return { status: "failed", reason: "was being sent when its holder stopped; not repeated (at most once)" };
    }
    const text = renderAlert(d.t, member.locale, p.facts, d.publicBaseUrl);
    const res = await channel.send({ chatId: member.chatId, text, locale: member.locale });
    if (res.ok) return { status: "sent" };
    if (res.failure === "recipient-stopped") {
      await d.staff.markStopped(member.id, now);
      return { status: "cancelled", reason: "the chat blocks the bot (403)" };
    }
    if (res.retryable) {
      // Known not delivered: the mark goes, so the next attempt may send.
      await d.alerts.clearSending(job.id);
      return { status: "retry", at: new Date(now.getTime() + Math.max(RETRY_MS, (res.retryAfterSeconds ?? 0) * 1000)), reason: res.failure };
    }
    return { status: "failed", reason: `${res.failure}${res.detail ? `: ${res.detail}` : ""}` };
  }
  // The mark decides what an abandoned row may do, so it is always run again.
  return { run, onAbandoned: "retry", maxAttempts: 5 };
}
