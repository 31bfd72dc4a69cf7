// The announcement operations staff perform, from the bot or the CLI: each one decides (lifecycle.ts), applies
// the change with the store's guarded UPDATE, and writes who did what to the audit log, refusals included.
import type { Logger } from "../logger.ts";
import type { AnnouncementStore } from "../store/announcements.ts";
import type { AuditLog } from "../store/audit.ts";
import type { OutboxStore } from "../store/outbox.ts";
import type { AnnouncementDraft } from "./draft.ts";
import { decide, DISCARDABLE, PUBLISHABLE, SUBMITTABLE, type Refusal, type Step, type StepContext } from "./lifecycle.ts";
import { ANNOUNCEMENT_JOB_KIND, announcementJobKey, type AnnouncementJobPayload } from "./publish-job.ts";
import type { ProgressTarget, PublishOutcome, Publisher } from "./publisher.ts";
import type { Actor, Announcement, AnnouncementSource, AnnouncementStatus, ApprovalRule, TextLang } from "./types.ts";

export type Outcome = { ok: true; announcement: Announcement } | { ok: false; refusal: Refusal };

export interface AnnouncementServiceDeps {
  store: AnnouncementStore;
  audit: Pick<AuditLog, "record" | "actors">;
  outbox: Pick<OutboxStore, "schedule" | "cancel">;
  /** Drafts the texts from a source (the caller binds the database and options). */
  draft: (source: AnnouncementSource) => Promise<AnnouncementDraft>;
  publisher: Publisher;
  approval: ApprovalRule;
  now: () => Date;
  newId: () => string;
  logger: Logger;
}

export interface AnnouncementService {
  get(id: string): Promise<Announcement | null>;
  /** Newest first; only the given statuses, when some are. */
  list(limit?: number, statuses?: readonly AnnouncementStatus[]): Promise<Announcement[]>;
  /** Drafts from the source and stores the draft; the texts come from the figures, not from the actor. */
  create(actor: Actor, source: AnnouncementSource): Promise<Outcome & { draft?: AnnouncementDraft }>;
  edit(actor: Actor, id: string, lang: TextLang, text: string, seenVersion?: number): Promise<Outcome>;
  submit(actor: Actor, id: string, seenVersion?: number): Promise<Outcome>;
  /** `seenVersion` is required: an approval is for the text the admin saw. */
  approve(actor: Actor, id: string, seenVersion: number): Promise<Outcome>;
  /** `reason` is shown to the author; the bot always asks for one. */
  reject(actor: Actor, id: string, seenVersion: number, reason?: string): Promise<Outcome>;
  discard(actor: Actor, id: string): Promise<Outcome>;
  schedule(actor: Actor, id: string, publishAt: Date, o?: { seenVersion?: number; requester?: ProgressTarget }): Promise<Outcome>;
  unschedule(actor: Actor, id: string): Promise<Outcome>;
  /** Publishes through the outbox as soon as a worker runs it (the CLI: the running service sends it). */
  queue(actor: Actor, id: string, o?: { seenVersion?: number }): Promise<Outcome>;
  /**
   * Checks, then publishes in the background: `started` says whether the checks passed (so a bot can answer
   * at once), `done` settles when every target has been tried, or with the refusal (e.g. someone else
   * published or edited it meanwhile). `done` never rejects.
   */
  publishNow(actor: Actor, id: string, o?: { seenVersion?: number; progress?: ProgressTarget }): Promise<{ started: Outcome; done: Promise<PublishOutcome> | null }>;
  /** Everyone who wrote the text of an announcement (author and editors). */
  writers(id: string): Promise<string[]>;
  /** Resolves once every publication started here has finished (graceful shutdown, tests). */
  idle(): Promise<void>;
}

export function createAnnouncementService(d: AnnouncementServiceDeps): AnnouncementService {
  const running = new Set<Promise<unknown>>();

  async function refuse(actor: Actor, step: Step, id: string | undefined, refusal: Refusal): Promise<Outcome> {
    await d.audit.record({ actor: actor.id, action: "announce.refused", ...(id ? { subject: id } : {}), details: { step, ...refusal } }, d.now());
    return { ok: false, refusal };
  }

  async function done(actor: Actor, step: Step, a: Announcement, details: Record<string, unknown> = {}): Promise<Outcome> {
    await d.audit.record({ actor: actor.id, action: `announce.${step}`, subject: a.id, details: { version: a.version, status: a.status, ...details } }, d.now());
    return { ok: true, announcement: a };
  }

  async function writers(id: string): Promise<string[]> {
    return d.audit.actors({ subject: id, action: "announce.edit" });
  }

  /** Loads, decides; the refusal (audited) or the announcement to act on. */
  async function check(step: Step, actor: Actor, id: string, c: Omit<StepContext, "actor" | "rule"> = {}): Promise<Outcome> {
    const a = await d.store.get(id);
    const extra = step === "approve" && d.approval === "second-person" ? { writers: await writers(a?.id ?? id) } : {};
    const decision = decide(step, a, { actor, rule: d.approval, ...c, ...extra });
    if (!decision.ok) return refuse(actor, step, id, decision.refusal);
    return { ok: true, announcement: a as Announcement };
  }

  /** A guarded UPDATE that matched nothing: someone else changed the post meanwhile. */
  async function raced(actor: Actor, step: Step, id: string): Promise<Outcome> {
    const now = await d.store.get(id);
    const refusal: Refusal = now ? { reason: "wrong_status", status: now.status, step } : { reason: "not_found" };
    return refuse(actor, step, id, refusal);
  }

  async function cancelJob(a: Announcement, why: string): Promise<void> {
    if (a.status === "scheduled" && a.publishAt) await d.outbox.cancel(announcementJobKey(a.id, a.version, a.publishAt), why, d.now());
  }

  /** A publication as an outbox job at `publishAt`: the job first, so a failed status update leaves a job that does nothing. */
  async function enqueue(
    step: "schedule" | "publish",
    actor: Actor,
    id: string,
    publishAt: Date,
    o: { seenVersion?: number; requester?: ProgressTarget; now?: Date },
  ): Promise<Outcome> {
    const c = await check(step, actor, id, { publishAt, ...(o.now ? { now: o.now } : {}), ...(o.seenVersion !== undefined ? { seenVersion: o.seenVersion } : {}) });
    if (!c.ok) return c;
    const before = c.announcement;
    const key = announcementJobKey(before.id, before.version, publishAt);
    const payload: AnnouncementJobPayload = { announcementId: before.id, version: before.version, ...(o.requester ? { requester: o.requester } : {}) };
    await d.outbox.schedule({ kind: ANNOUNCEMENT_JOB_KIND, dedupeKey: key, runAt: publishAt, payload: { ...payload } }, d.now());
    const a = await d.store.schedule(before.id, { publishAt, version: before.version, at: d.now() });
    if (!a) {
      await d.outbox.cancel(key, "the announcement changed while it was being scheduled", d.now());
      return raced(actor, step, id);
    }
    if (before.status === "scheduled" && before.publishAt && before.publishAt.getTime() !== publishAt.getTime()) await cancelJob(before, "rescheduled");
    return done(actor, step === "schedule" ? "schedule" : "publish", a, { publishAt: publishAt.toISOString(), via: "outbox" });
  }

  return {
    get: (id) => d.store.get(id),
    list: (limit = 20, statuses) => d.store.list({ limit, statuses }),
    writers,

    async create(actor, source) {
      const decision = decide("draft", null, { actor, rule: d.approval });
      if (!decision.ok) return refuse(actor, "draft", undefined, decision.refusal);
      const draft = await d.draft(source);
      const a = await d.store.create({ id: d.newId(), source: draft.source, textVi: draft.textVi, textEn: draft.textEn, createdBy: actor.id }, d.now());
      const out = await done(actor, "draft", a, { source: draft.source });
      return { ...out, draft };
    },

    async edit(actor, id, lang, text, seenVersion) {
      const c = await check("edit", actor, id, { text, ...(seenVersion !== undefined ? { seenVersion } : {}) });
      if (!c.ok) return c;
      const before = c.announcement;
      const a = await d.store.editText(before.id, { lang, text: text.trim(), version: before.version, at: d.now() });
      if (!a) return raced(actor, "edit", id);
      await cancelJob(before, "edited after it was scheduled");
      // The text itself is kept: who wrote which words of a public post stays answerable.
      return done(actor, "edit", a, { lang, text: text.trim(), previousStatus: before.status, approvalVoided: before.approvedBy !== null });
    },

    async submit(actor, id, seenVersion) {
      const c = await check("submit", actor, id, seenVersion !== undefined ? { seenVersion } : {});
      if (!c.ok) return c;
      const a = await d.store.transition(c.announcement.id, { from: SUBMITTABLE, to: "pending", version: c.announcement.version, at: d.now() });
      return a ? done(actor, "submit", a) : raced(actor, "submit", id);
    },

    async approve(actor, id, seenVersion) {
      const c = await check("approve", actor, id, { seenVersion });
      if (!c.ok) return c;
      const a = await d.store.approve(c.announcement.id, { by: actor.id, version: seenVersion, at: d.now() });
      return a ? done(actor, "approve", a, { rule: d.approval }) : raced(actor, "approve", id);
    },

    async reject(actor, id, seenVersion, reason) {
      const why = reason?.trim();
      const c = await check("reject", actor, id, { seenVersion, ...(why !== undefined ? { reason: why } : {}) });
      if (!c.ok) return c;
      const a = await d.store.reject(c.announcement.id, { by: actor.id, reason: why ?? null, version: seenVersion, at: d.now() });
      return a ? done(actor, "reject", a, why !== undefined ? { reason: why } : {}) : raced(actor, "reject", id);
    },

    async discard(actor, id) {
      const c = await check("discard", actor, id);
      if (!c.ok) return c;
      const before = c.announcement;
      const a = await d.store.transition(before.id, { from: DISCARDABLE, to: "cancelled", version: before.version, at: d.now() });
      if (!a) return raced(actor, "discard", id);
      await cancelJob(before, "announcement discarded");
      return done(actor, "discard", a, { previousStatus: before.status });
    },

    async schedule(actor, id, publishAt, o = {}) {
      return enqueue("schedule", actor, id, publishAt, { ...o, now: d.now() });
    },

    async queue(actor, id, o = {}) {
      return enqueue("publish", actor, id, d.now(), o);
    },

    async unschedule(actor, id) {
      const c = await check("unschedule", actor, id);
      if (!c.ok) return c;
      const before = c.announcement;
      const a = await d.store.transition(before.id, { from: ["scheduled"], to: "approved", version: before.version, at: d.now() });
      if (!a) return raced(actor, "unschedule", id);
      await cancelJob(before, "unscheduled");
      return done(actor, "unschedule", a);
    },

    async publishNow(actor, id, o = {}) {
      const c = await check("publish", actor, id, o.seenVersion !== undefined ? { seenVersion: o.seenVersion } : {});
      if (!c.ok) return { started: c, done: null };
      if (!d.publisher.hasTargets()) return { started: await refuse(actor, "publish", id, { reason: "no_targets" }), done: null };
      const before = c.announcement;
      await d.audit.record({ actor: actor.id, action: "announce.publish", subject: before.id, details: { version: before.version } }, d.now());
      const tracked: Promise<PublishOutcome> = d.publisher
        .publish(before.id, { actor: actor.id, from: PUBLISHABLE, version: before.version, ...(o.progress ? { progress: o.progress } : {}) })
        .then(async (out): Promise<PublishOutcome> => {
          if (out.ok) await cancelJob(before, "published before its scheduled time");
          else await refuse(actor, "publish", id, out.refusal);
          return out;
        })
        .catch(async (e: Error): Promise<PublishOutcome> => {
          // Nobody may be waiting for this promise (the bot answers at once): the failure is logged and audited.
          d.logger.error({ err: e, id }, "publishing an announcement failed");
          const out = await refuse(actor, "publish", id, { reason: "failed", detail: e.message });
          return out.ok ? { ok: false, refusal: { reason: "failed", detail: e.message } } : out;
        })
        .finally(() => running.delete(tracked));
      running.add(tracked);
      return { started: { ok: true, announcement: before }, done: tracked };
    },

    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
