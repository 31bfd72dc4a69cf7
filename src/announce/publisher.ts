// Publishing one approved announcement to the configured Telegram chats and Zalo users through the
// broadcaster, with progress for the person who asked (one message, edited as sends complete, ending as the
// per-target report). The picture is redrawn from the source first; only then is the post claimed, so a
// failure before anything is sent leaves it approved or scheduled, untouched.
import { createBroadcaster } from "../broadcast/broadcaster.ts";
import type { BroadcasterOptions, BroadcastMessage, BroadcastReport } from "../broadcast/types.ts";
import type { Channel, ChannelName } from "../messages.ts";
import type { Translate } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import type { AuditLog } from "../store/audit.ts";
import type { AnnouncementStore } from "../store/announcements.ts";
import type { Locale } from "../i18n.ts";
import type { AnnouncementDraft } from "./draft.ts";
import { publishRefusal, type Refusal } from "./lifecycle.ts";
import { telegramPost, zaloPost, type PostBody } from "./post.ts";
import type { Announcement, AnnouncementSource } from "./types.ts";

export interface PublishTargets {
  /** "@channel" names or numeric chat ids ("-100…"). */
  telegramChats: readonly string[];
  /** Zalo user ids of the OA's followers. */
  zaloUsers: readonly string[];
}

/** Who watches the progress: a Telegram chat (the person who pressed "Publish now" or scheduled it). */
export interface ProgressTarget {
  chatId: string;
  locale: Locale;
}

export interface TargetResult {
  channel: ChannelName;
  chatId: string;
  ok: boolean;
  failure?: string;
  detail?: string;
}

export interface PublishReport {
  announcementId: string;
  version: number;
  total: number;
  sent: number;
  results: TargetResult[];
}

export type PublishOutcome = { ok: true; announcement: Announcement; report: PublishReport } | { ok: false; refusal: Refusal };

export interface PublisherDeps {
  store: Pick<AnnouncementStore, "get" | "beginPublishing" | "finishPublishing">;
  audit: Pick<AuditLog, "record">;
  /** Read at each publication: the bot that carries the /announce feature is built after the feature. */
  channels: () => Partial<Record<ChannelName, Channel>>;
  targets: PublishTargets;
  /** Redraws the picture (and text) from the source. */
  draft: (source: AnnouncementSource) => Promise<AnnouncementDraft>;
  t: Translate;
  logger: Logger;
  now: () => Date;
  /** Broadcaster settings (limits, retry, virtual time in tests). */
  broadcast?: Omit<BroadcasterOptions, "channel" | "logger" | "onProgress" | "onStopped">;
  /** The public page of the figures, once there is one: linked under the post. */
  permalink?: (a: Announcement) => string | null;
}

export interface PublishRequest {
  /** Audit actor: a person, or "system" for the scheduled job. */
  actor: string;
  /** Which statuses this path may publish from. */
  from: readonly ("approved" | "scheduled")[];
  /** The version being published: the one approved and (for the job) scheduled. */
  version: number;
  progress?: ProgressTarget;
}

export interface Publisher {
  publish(id: string, r: PublishRequest): Promise<PublishOutcome>;
  /** Whether any target is configured at all. */
  hasTargets(): boolean;
}

function targetName(r: Pick<TargetResult, "channel" | "chatId">): string {
  return `${r.channel === "telegram" ? "Telegram" : "Zalo"} ${r.chatId}`;
}

/** Why this request cannot publish the post as it stands, or null. */
function unpublishable(a: Announcement, req: PublishRequest): Refusal | null {
  return publishRefusal(a, "publish", { from: req.from, version: req.version });
}

export function createPublisher(d: PublisherDeps): Publisher {
  const log = d.logger.child({ component: "announce-publisher" });
  const total = () => d.targets.telegramChats.length + d.targets.zaloUsers.length;

  /** The progress message: sent once, then edited; a failed send only costs the courtesy. */
  function progressReporter(a: Announcement, p: ProgressTarget | undefined) {
    const channel = d.channels().telegram;
    let messageId: string | undefined;
    return {
      async start() {
        if (!p || !channel) return;
        const r = await channel.send({ chatId: p.chatId, text: d.t(p.locale, "announce.bot.progress", { id: a.id, done: 0, total: total() }), locale: p.locale });
        if (r.ok) messageId = r.messageId;
      },
      async update(done: number) {
        if (!p || !channel || !messageId) return;
        await channel.send({ chatId: p.chatId, text: d.t(p.locale, "announce.bot.progress", { id: a.id, done, total: total() }), locale: p.locale, editOf: messageId });
      },
      async finish(text: (l: Locale) => string) {
        if (!p || !channel) return;
        await channel.send({ chatId: p.chatId, text: text(p.locale), locale: p.locale, ...(messageId ? { editOf: messageId } : {}) });
      },
    };
  }

  async function sendTo(
    name: ChannelName,
    a: Announcement,
    chats: readonly string[],
    body: PostBody,
    onDone: (done: number) => Promise<void>,
  ): Promise<TargetResult[]> {
    if (chats.length === 0) return [];
    const channel = d.channels()[name];
    if (!channel) return chats.map((chatId) => ({ channel: name, chatId, ok: false, failure: "channel-off" }));
    const messages: BroadcastMessage[] = chats.map((chatId) => ({ ...body, id: `${name}:${chatId}`, chatId }));
    const broadcaster = createBroadcaster({ ...d.broadcast, channel, logger: log, onProgress: (p) => onDone(p.done) });
    const report: BroadcastReport = await broadcaster.send({ id: `announcement:${a.id}:v${a.version}:${name}`, messages });
    const failed = new Map(report.failed.map((f) => [f.chatId, f]));
    const stopped = new Set(report.stopped);
    return chats.map((chatId) => {
      const f = failed.get(chatId);
      if (f) return { channel: name, chatId, ok: false, failure: f.failure, ...(f.detail ? { detail: f.detail } : {}) };
      if (stopped.has(chatId)) return { channel: name, chatId, ok: false, failure: "recipient-stopped" };
      if (report.unsentIds.includes(`${name}:${chatId}`)) return { channel: name, chatId, ok: false, failure: report.halted ?? "unsent" };
      return { channel: name, chatId, ok: true };
    });
  }

  function failureReason(r: TargetResult, l: Locale): string {
    if (r.failure === "channel-off") return d.t(l, "announce.bot.channel_off");
    if (r.failure === "recipient-stopped") return d.t(l, "announce.bot.reason_stopped");
    return r.detail ?? r.failure ?? "";
  }

  function reportText(report: PublishReport, l: Locale): string {
    const head =
      report.sent > 0
        ? d.t(l, "announce.bot.report", { id: report.announcementId, sent: report.sent, total: report.total })
        : d.t(l, "announce.bot.report_nothing", { id: report.announcementId });
    const lines = report.results
      .filter((r) => !r.ok)
      .map((r) => d.t(l, "announce.bot.report_failed", { target: targetName(r), reason: failureReason(r, l) }));
    return [head, ...lines].join("\n");
  }

  return {
    hasTargets: () => total() > 0,

    async publish(id, req) {
      const found = await d.store.get(id);
      if (!found) return { ok: false, refusal: { reason: "not_found" } };
      if (total() === 0) return { ok: false, refusal: { reason: "no_targets" } };
      // Checked before the picture is drawn (a double tap costs nothing), and again by the claim below.
      const early = unpublishable(found, req);
      if (early) return { ok: false, refusal: early };
      const drafted = await d.draft(found.source);
      const a = await d.store.beginPublishing(id, { from: req.from, version: req.version, at: d.now() });
      if (!a) {
        const now = await d.store.get(id);
        return { ok: false, refusal: (now && unpublishable(now, req)) || { reason: "not_approved" } };
      }
      await d.audit.record({ actor: req.actor, action: "announce.publish.start", subject: id, details: { version: a.version, targets: total() } }, d.now());
      const progress = progressReporter(a, req.progress);
      await progress.start().catch((e: Error) => log.warn({ err: e.message }, "progress message failed"));
      const permalink = d.permalink?.(a) ?? null;
      let results: TargetResult[] = [];
      let finished: Announcement | null = null;
      try {
        const telegram = await sendTo("telegram", a, d.targets.telegramChats, telegramPost(a, drafted.chartVi, d.t, permalink), (done) => progress.update(done));
        const offset = d.targets.telegramChats.length;
        const zalo = await sendTo("zalo", a, d.targets.zaloUsers, zaloPost(a, drafted.chartVi, d.t, permalink), (done) => progress.update(offset + done));
        results = [...telegram, ...zalo];
      } finally {
        const sent = results.filter((r) => r.ok).length;
        finished = await d.store.finishPublishing(id, { delivered: sent > 0, at: d.now() });
        await d.audit.record(
          {
            actor: req.actor,
            action: "announce.publish.done",
            subject: id,
            details: { version: a.version, sent, total: total(), failed: results.filter((r) => !r.ok).map((r) => ({ target: targetName(r), failure: r.failure, detail: r.detail })) },
          },
          d.now(),
        );
      }
      const report: PublishReport = { announcementId: id, version: a.version, total: total(), sent: results.filter((r) => r.ok).length, results };
      await progress.finish((l) => reportText(report, l)).catch((e: Error) => log.warn({ err: e.message }, "publish report message failed"));
      log.info({ id, version: a.version, sent: report.sent, total: report.total }, "announcement published");
      return { ok: true, announcement: finished ?? a, report };
    },
  };
}
