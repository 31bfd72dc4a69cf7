// Sends what an official wrote (or the resolution notice) to the citizen's own chat on their own channel,
// through the bot: the official never sees the chat, and the citizen sees the agency, never the official.
// The reply is stored before it is sent, so a refusal (the citizen blocked the bot) leaves it on record and
// the official is told; a failure worth repeating (rate limit, network) goes to the outbox, which tries
// again once across instances and tells the official how it ended.
import { isLocale, type Locale, type Translate } from "../i18n.ts";
import type { Channel, ChannelName, SendResult } from "../messages.ts";
import type { Logger } from "../logger.ts";
import type { JobHandler } from "../outbox/worker.ts";
import type { Agency } from "../store/agencies.ts";
import type { ComplaintReply, ComplaintStore } from "../store/complaints.ts";
import type { OutboxStore } from "../store/outbox.ts";
import { agencyName } from "./views.ts";

export const COMPLAINT_DELIVERY_KIND = "complaint-delivery";
/** Attempts in all (the first, then the outbox's) before a reply counts as undeliverable. */
const MAX_ATTEMPTS = 5;
const retryDelayMs = (attempt: number) => Math.min(60, 2 ** attempt) * 60_000;

export type DeliveryOutcome = "delivered" | "failed" | "retrying" | "gone";

/** Who to tell how a retried delivery ended. */
export interface StaffAddress {
  chatId: string;
  locale: Locale;
}

export interface ComplaintDeliveryDeps {
  store: Pick<ComplaintStore, "find" | "findReply" | "recipient" | "markDelivery">;
  agencies: { findById(id: number): Promise<Agency | null> };
  outbox: Pick<OutboxStore, "schedule">;
  /** The channels that are on, read at send time (Zalo starts after the staff side is built). */
  channels: () => Partial<Record<ChannelName, Channel>>;
  /** Runs the outbox soon, so a retry does not wait for the next poll; optional. */
  kick?: () => void;
  t: Translate;
  logger: Logger;
  now: () => Date;
}

export interface ComplaintDelivery {
  deliver(reply: ComplaintReply, staff: StaffAddress): Promise<DeliveryOutcome>;
  jobHandler: JobHandler;
}

export function createComplaintDelivery(d: ComplaintDeliveryDeps): ComplaintDelivery {
  const { t } = d;

  async function attempt(reply: ComplaintReply): Promise<{ result: SendResult } | { gone: true }> {
    const [to, c] = await Promise.all([d.store.recipient(reply.complaintId), d.store.find(reply.complaintId)]);
    if (!to || !c || c.status === "erased") return { gone: true };
    if (to.stopped) return { result: { ok: false, failure: "recipient-stopped", retryable: false } };
    const channel = d.channels()[to.channel as ChannelName];
    if (!channel) return { result: { ok: false, failure: "unreachable", retryable: true, detail: `channel ${to.channel} is off` } };
    const locale: Locale = isLocale(c.locale) ? c.locale : "vi";
    const agency = agencyName((await d.agencies.findById(c.agencyId)) ?? undefined, locale);
    const text =
      reply.kind === "reply"
        ? t(locale, "complaint.citizen.reply", { agency, text: reply.text ?? "" })
        : t(locale, "complaint.citizen.resolved", { agency });
    return { result: await channel.send({ chatId: to.chatId, locale, text }) };
  }

  async function tellStaff(staff: StaffAddress, key: string, reply: ComplaintReply): Promise<void> {
    const r = await d.channels().telegram?.send({ chatId: staff.chatId, locale: staff.locale, text: t(staff.locale, key, { id: reply.complaintId }) });
    if (r && !r.ok) d.logger.warn({ complaintId: reply.complaintId, failure: r.failure }, "official not told how a complaint reply ended");
  }

  return {
    async deliver(reply, staff) {
      const out = await attempt(reply);
      if ("gone" in out) {
        await d.store.markDelivery(reply.id, { delivered: false, failure: "erased" });
        return "gone";
      }
      const r = out.result;
      if (r.ok) {
        await d.store.markDelivery(reply.id, { delivered: true });
        return "delivered";
      }
      d.logger.info({ complaintId: reply.complaintId, failure: r.failure }, "complaint reply not delivered");
      if (!r.retryable) {
        await d.store.markDelivery(reply.id, { delivered: false, failure: r.failure });
        return "failed";
      }
      const wait = Math.max(retryDelayMs(0), (r.retryAfterSeconds ?? 0) * 1000);
      await d.outbox.schedule(
        { kind: COMPLAINT_DELIVERY_KIND, dedupeKey: `complaint-delivery:${reply.id}`, runAt: new Date(d.now().getTime() + wait), payload: { replyId: reply.id, staffChatId: staff.chatId, staffLocale: staff.locale } },
        d.now(),
      );
      d.kick?.();
      return "retrying";
    },

    jobHandler: {
      async run(job, now) {
        const replyId = String(job.payload.replyId ?? "");
        const staff: StaffAddress = { chatId: String(job.payload.staffChatId ?? ""), locale: isLocale(job.payload.staffLocale) ? job.payload.staffLocale : "vi" };
        const reply = await d.store.findReply(replyId);
        if (!reply || reply.delivery !== "pending") return { status: "cancelled", reason: "no pending reply" };
        const out = await attempt(reply);
        if ("gone" in out) {
          await d.store.markDelivery(reply.id, { delivered: false, failure: "erased" });
          await tellStaff(staff, "complaint.staff.delivery_gone", reply);
          return { status: "cancelled", reason: "the citizen erased their data" };
        }
        const r = out.result;
        if (r.ok) {
          await d.store.markDelivery(reply.id, { delivered: true });
          await tellStaff(staff, "complaint.staff.delivered_later", reply);
          return { status: "sent" };
        }
        // The first attempt was the deliver() call, so this job's attempts start at the second.
        if (r.retryable && job.attempts + 2 < MAX_ATTEMPTS) return { status: "retry", at: new Date(now.getTime() + retryDelayMs(job.attempts + 1)), reason: r.failure };
        await d.store.markDelivery(reply.id, { delivered: false, failure: r.failure });
        await tellStaff(staff, "complaint.staff.delivery_failed_later", reply);
        return { status: "failed", reason: r.failure };
      },
      // A retry whose holder died may already have reached the citizen: repeating it would send it twice.
      onAbandoned: "fail",
      maxAttempts: MAX_ATTEMPTS,
    },
  };
}
