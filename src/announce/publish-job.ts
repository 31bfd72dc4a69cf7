// A scheduled publication is an outbox job of kind "announcement": one row per (announcement, version,
// time), so scheduling twice is a no-op and any instance may run it, exactly one of them claiming it. The
// handler publishes only the version that was approved and scheduled; an edit, a discard or an earlier
// "publish now" since then makes the job end as cancelled.
import type { Logger } from "../logger.ts";
import type { JobHandler, JobOutcome } from "../outbox/worker.ts";
import type { AnnouncementStore } from "../store/announcements.ts";
import type { AuditLog } from "../store/audit.ts";
import type { ClaimedJob } from "../store/outbox.ts";
import type { Locale } from "../i18n.ts";
import type { Publisher } from "./publisher.ts";

export const ANNOUNCEMENT_JOB_KIND = "announcement";

export interface AnnouncementJobPayload {
  announcementId: string;
  version: number;
  /** Who scheduled it, to be shown the progress and the report (a Telegram chat), if anyone. */
  requester?: { chatId: string; locale: Locale };
}

/** The job's unique key: a new time or version is a new job; the same schedule twice is one. */
export function announcementJobKey(id: string, version: number, publishAt: Date): string {
  return `announcement:${id}:v${version}:${publishAt.toISOString()}`;
}

function payloadOf(job: ClaimedJob): AnnouncementJobPayload | null {
  const p = job.payload;
  if (typeof p.announcementId !== "string" || typeof p.version !== "number") return null;
  const r = p.requester as { chatId?: unknown; locale?: unknown } | undefined;
  const requester = r && typeof r.chatId === "string" ? { chatId: r.chatId, locale: (r.locale === "en" ? "en" : "vi") as Locale } : undefined;
  return { announcementId: p.announcementId, version: p.version, ...(requester ? { requester } : {}) };
}

export interface AnnouncementJobDeps {
  publisher: Publisher;
  store: Pick<AnnouncementStore, "get">;
  audit: Pick<AuditLog, "record">;
  logger: Logger;
}

export function createAnnouncementJobHandler(d: AnnouncementJobDeps): JobHandler {
  return {
    // The handler itself decides about an interrupted run (below), so the worker hands it over.
    onAbandoned: "retry",
    maxAttempts: 5,
    async run(job, now): Promise<JobOutcome> {
      const p = payloadOf(job);
      if (!p) return { status: "failed", reason: "malformed announcement job payload" };
      // A run that died before claiming the post sent nothing (it is still scheduled) and simply runs again.
      const claimed = job.abandonedBy ? (await d.store.get(p.announcementId))?.status === "publishing" : false;
      if (claimed) {
        // A public post may already be in some channels: never send it twice. The post stays "publishing",
        // which is the truth (unknown how far it got), and the audit log says why.
        await d.audit.record(
          { actor: "system", action: "announce.publish.interrupted", subject: p.announcementId, details: { version: p.version, worker: job.abandonedBy } },
          now,
        );
        return { status: "failed", reason: `interrupted mid-run by ${job.abandonedBy}; not repeated (a post is sent at most once)` };
      }
      const out = await d.publisher.publish(p.announcementId, { actor: "system", from: ["scheduled"], version: p.version, progress: p.requester });
      if (!out.ok) return { status: "cancelled", reason: `not published: ${out.refusal.reason}` };
      d.logger.info({ id: p.announcementId, sent: out.report.sent, total: out.report.total }, "scheduled announcement published");
      return { status: "sent" };
    },
  };
}
