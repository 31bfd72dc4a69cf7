// A new complaint reaches the agency's officials promptly, as an outbox job: the citizen's instance writes
// the job with the complaint, and whichever instance claims it sends the cards, so each official gets one
// notice however many instances run. Officials whose scope covers the agency get it; when the agency has
// none, the admins who may read it do, so a complaint never waits unseen.
import type { Translate } from "../i18n.ts";
import type { Channel } from "../messages.ts";
import type { Logger } from "../logger.ts";
import type { JobHandler } from "../outbox/worker.ts";
import type { Agency } from "../store/agencies.ts";
import type { ComplaintStore } from "../store/complaints.ts";
import type { OutboxStore } from "../store/outbox.ts";
import type { StaffRecord } from "../store/staff.ts";
import { mayRead } from "./scope.ts";
import { cardMessage } from "./views.ts";

export const COMPLAINT_NOTICE_KIND = "complaint-notice";

export interface ComplaintNoticeDeps {
  store: Pick<ComplaintStore, "find">;
  agencies: { listAll(): Promise<Agency[]> };
  staff: { list(filter: { role: "official" | "admin" }): Promise<StaffRecord[]> };
  outbox: Pick<OutboxStore, "schedule">;
  /** Staff work in Telegram: the channel the cards go through, read at send time. */
  telegram: () => Channel | undefined;
  kick?: () => void;
  t: Translate;
  logger: Logger;
  now: () => Date;
  timeZone: string;
}

export interface ComplaintNotice {
  /** Queues the notice of a submitted complaint; never throws (the complaint is stored, /complaints lists it). */
  announce(complaintId: string): Promise<void>;
  jobHandler: JobHandler;
}

export function createComplaintNotice(d: ComplaintNoticeDeps): ComplaintNotice {
  return {
    async announce(complaintId) {
      try {
        const at = d.now();
        await d.outbox.schedule({ kind: COMPLAINT_NOTICE_KIND, dedupeKey: `complaint-notice:${complaintId}`, runAt: at, payload: { complaintId } }, at);
        d.kick?.();
      } catch (e) {
        d.logger.error({ err: e, complaintId }, "complaint notice not queued");
      }
    },

    jobHandler: {
      async run(job) {
        const c = await d.store.find(String(job.payload.complaintId ?? ""));
        if (!c || c.status !== "open") return { status: "cancelled", reason: "complaint no longer open" };
        const telegram = d.telegram();
        if (!telegram) return { status: "cancelled", reason: "Telegram is off: staff read /complaints nowhere" };
        const all = await d.agencies.listAll();
        const agency = all.find((a) => a.id === c.agencyId);
        const reachable = (m: StaffRecord) => m.channel === "telegram" && !m.stoppedAt && mayRead(m, c.agencyId, all);
        const officials = (await d.staff.list({ role: "official" })).filter(reachable);
        const to = officials.length > 0 ? officials : (await d.staff.list({ role: "admin" })).filter(reachable);
        let failed = 0;
        for (const m of to) {
          const v = { t: d.t, locale: m.locale, timeZone: d.timeZone };
          const r = await telegram.send(cardMessage(m.chatId, v, c, agency, d.t(m.locale, "complaint.staff.new")));
          if (!r.ok) failed++;
        }
        d.logger.info({ complaintId: c.id, recipients: to.length, failed }, "complaint notice sent");
        return { status: "sent" };
      },
      // A notice repeated to some officials after a crash is better than a complaint nobody was told about.
      onAbandoned: "retry",
    },
  };
}
