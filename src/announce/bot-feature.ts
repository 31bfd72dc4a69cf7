// /announce in the bot: choose a source by taps, preview (picture and both texts), edit either text (the next
// message replaces it; /cancel aborts), submit, approve or reject (admins; they are told on submit; a
// rejection asks for a reason, which the author is sent), then publish now or schedule. Only comms and
// admins get past the first check; the service decides every step.
import type { OutboundMessage } from "../messages.ts";
import { isAppError } from "../errors.ts";
import { formatDateTime } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import { inPlace, say, type StaffContext, type StaffFeature, type StaffReply } from "../staff/feature.ts";
import { type StaffMember } from "../staff/types.ts";
import { effectiveScope, withinScope } from "../staff/scope.ts";
import type { Agency } from "../store/agencies.ts";
import type { StaffStore } from "../store/staff.ts";
import { agencyMenu, indexMenu, periodMenu, sourceMenu, unitMenu, yearMenu } from "./bot-pickers.ts";
import { listMessage, previewMessage, rejectPrompt, scheduleButtons, type PeopleNames, type ViewContext } from "./bot-views.ts";
import { announceButtons, type AnnounceButton } from "./buttons.ts";
import { DraftRefused, type AnnouncementDraft } from "./draft.ts";
import { decide, mayAnnounce } from "./lifecycle.ts";
import { draftRefusalText, refusalText } from "./refusal-text.ts";
import { parseLocalDateTime, quickTime } from "./schedule-time.ts";
import type { AnnouncementService, Outcome } from "./service.ts";
import { childrenOf, lastPeriods, scopeRootsOf, type SourceCatalog } from "./source-catalog.ts";
import type { Actor, Announcement, AnnouncementSource, ApprovalRule, TextLang } from "./types.ts";

export const FEATURE_NAME = "announce";

const OPENS_DIALOGUE = new Set<AnnounceButton["kind"]>(["editVi", "editEn", "schedule", "reject"]);

export interface AnnounceFeatureDeps {
  service: AnnouncementService;
  staff: Pick<StaffStore, "setPending" | "list" | "find">;
  catalog: SourceCatalog;
  /** Redraws a post's picture (and texts) from its source, for previews. */
  draft: (source: AnnouncementSource) => Promise<AnnouncementDraft>;
  approval: ApprovalRule;
  t: Translate;
  timeZone: string;
  logger: Logger;
}

type Pending =
  | { feature: typeof FEATURE_NAME; kind: "edit"; id: string; lang: TextLang; version: number }
  | { feature: typeof FEATURE_NAME; kind: "schedule"; id: string; version: number }
  /** An admin rejecting: their next message is the reason the author will read. */
  | { feature: typeof FEATURE_NAME; kind: "reject"; id: string; version: number };

function pendingOf(m: StaffMember | null): Pending | null {
  const p = m?.pending;
  if (!p || p.feature !== FEATURE_NAME) return null;
  if (p.kind === "edit" && typeof p.id === "string" && (p.lang === "vi" || p.lang === "en") && typeof p.version === "number") return p as Pending;
  if ((p.kind === "schedule" || p.kind === "reject") && typeof p.id === "string" && typeof p.version === "number") return p as Pending;
  return null;
}

export function createAnnounceFeature(d: AnnounceFeatureDeps): StaffFeature {
  const { t } = d;
  const view = (ctx: StaffContext): ViewContext => ({ locale: ctx.locale, role: ctx.member?.role ?? null, timeZone: d.timeZone, t });
  const actorOf = (ctx: StaffContext): Actor => ({ id: ctx.actor, role: ctx.member?.role ?? null });

  /**
   * What a preview shows besides the post itself: its picture (redrawn from the source, which for an index
   * report recomputes the indices) and who approved or rejected it. Drawn once however many people are shown it.
   */
  async function previewParts(a: Announcement): Promise<{ png: Buffer | undefined; names: PeopleNames }> {
    // A preview without its picture still lets people act; the picture is redrawn on publishing anyway.
    const png = await d.draft(a.source).then(
      (x) => x.chartVi,
      (e: Error) => {
        d.logger.warn({ err: e.message, id: a.id }, "announcement picture could not be drawn for the preview");
        return undefined;
      },
    );
    const names: PeopleNames = {};
    if (a.approvedBy) names.approver = (await memberOf(a.approvedBy))?.displayName ?? undefined;
    if (a.rejectedBy) names.rejecter = (await memberOf(a.rejectedBy))?.displayName ?? undefined;
    return { png, names };
  }

  async function preview(chatId: string, a: Announcement, v: ViewContext): Promise<OutboundMessage> {
    const { png, names } = await previewParts(a);
    return previewMessage(chatId, a, v, png, names);
  }

  /** The reply after a step: the refusal in words, or `then` with the announcement. */
  async function after(ctx: StaffContext, id: string, out: Outcome, then: (a: Announcement) => Promise<OutboundMessage[]>): Promise<OutboundMessage[]> {
    if (!out.ok) return say(ctx, refusalText(out.refusal, id, ctx.locale, t));
    return then(out.announcement);
  }

  /** A Telegram staff member behind an audit actor ("telegram:<id>"), to tell them something. */
  async function memberOf(actor: string): Promise<StaffMember | null> {
    const m = /^telegram:(.+)$/.exec(actor);
    return m ? d.staff.find("telegram", m[1]!) : null;
  }

  async function createFrom(ctx: StaffContext, source: AnnouncementSource): Promise<OutboundMessage[]> {
    try {
      const out = await d.service.create(actorOf(ctx), source);
      if (!out.ok) return say(ctx, refusalText(out.refusal, "", ctx.locale, t));
      return [previewMessage(ctx.event.chatId, out.announcement, view(ctx), out.draft?.chartVi)];
    } catch (e) {
      if (e instanceof DraftRefused) return say(ctx, draftRefusalText(e.reason, e.vars, ctx.locale, t));
      if (isAppError(e, "validation")) return say(ctx, e.message);
      throw e;
    }
  }

  async function notifyAdmins(ctx: StaffContext, a: Announcement): Promise<OutboundMessage[]> {
    const writers = new Set([a.createdBy, ...(await d.service.writers(a.id)), ctx.actor]);
    const admins = (await d.staff.list({ role: "admin" })).filter(
      (m) => m.channel === "telegram" && !m.stoppedAt && (d.approval === "admin" ? `telegram:${m.userId}` !== ctx.actor : !writers.has(`telegram:${m.userId}`)),
    );
    const author = ctx.member?.displayName ?? ctx.actor;
    const out: OutboundMessage[] = [];
    const parts = admins.length > 0 ? await previewParts(a) : null;
    for (const admin of admins) {
      const v: ViewContext = { locale: admin.locale, role: "admin", timeZone: d.timeZone, t };
      out.push({ chatId: admin.chatId, text: t(admin.locale, "announce.bot.review_request", { author, id: a.id, version: a.version }), locale: admin.locale });
      out.push(previewMessage(admin.chatId, a, v, parts?.png, parts?.names));
    }
    const text = admins.length > 0 ? t(ctx.locale, "announce.bot.submitted", { id: a.id, count: admins.length }) : t(ctx.locale, "announce.bot.submitted_no_admin", { id: a.id });
    return [...say(ctx, text), ...out];
  }

  /** Tells the author (when it is not the actor) and shows them the post with the buttons open to them now. */
  async function tellAuthor(ctx: StaffContext, a: Announcement, key: string, vars: Record<string, string> = {}): Promise<OutboundMessage[]> {
    const author = await memberOf(a.createdBy);
    if (!author || a.createdBy === ctx.actor || author.channel !== "telegram") return [];
    const v: ViewContext = { locale: author.locale, role: author.role, timeZone: d.timeZone, t };
    return [{ chatId: author.chatId, text: t(author.locale, key, { id: a.id, ...vars }), locale: author.locale }, await preview(author.chatId, a, v)];
  }

  /** The admin typed the reason: the rejection happens now, and the author reads the reason in their chat. */
  async function reject(ctx: StaffContext, p: Pending, reason: string): Promise<OutboundMessage[]> {
    const out = await d.service.reject(actorOf(ctx), p.id, p.version, reason);
    // A reason that is empty or too long keeps the dialogue open: the admin just sends a better one.
    if (!out.ok && (out.refusal.reason === "too_long" || out.refusal.reason === "empty_text")) return say(ctx, refusalText(out.refusal, p.id, ctx.locale, t));
    await d.staff.setPending(ctx.member!.id, null);
    return after(ctx, p.id, out, async (a) => [
      ...say(ctx, t(ctx.locale, "announce.bot.rejected", { id: a.id })),
      ...(await tellAuthor(ctx, a, "announce.bot.rejected_notice", { who: ctx.member?.displayName ?? ctx.actor, reason: a.rejectionReason ?? "" })),
    ]);
  }

  async function startPending(ctx: StaffContext, pending: Pending, prompt: OutboundMessage[]): Promise<OutboundMessage[]> {
    await d.staff.setPending(ctx.member!.id, pending);
    return prompt;
  }

  async function schedule(ctx: StaffContext, id: string, version: number, at: Date): Promise<OutboundMessage[]> {
    const out = await d.service.schedule(actorOf(ctx), id, at, { seenVersion: version, requester: { chatId: ctx.event.chatId, locale: ctx.locale } });
    return after(ctx, id, out, async (a) => [
      ...say(ctx, t(ctx.locale, "announce.bot.scheduled", { id: a.id, at: formatDateTime(at, ctx.locale, d.timeZone) })),
      await preview(ctx.event.chatId, a, view(ctx)),
    ]);
  }

  /**
   * The agency a picker button names (by id), when it exists and lies within the person's scope, with the
   * registry (read once for the whole tap) and the scope, to draw the menu again otherwise.
   */
  async function pickAgency(ctx: StaffContext, id: number | null): Promise<{ registry: Agency[]; scope: string[]; agency: Agency | undefined }> {
    // Only members with a writer role get here (onButton checks), so there is a member.
    const scope = effectiveScope(ctx.member!);
    const registry = await d.catalog.agencies();
    const found = id === null ? undefined : registry.find((a) => a.id === id);
    const agency = found && withinScope([found.code], registry, scope).length > 0 ? found : undefined;
    return { registry, scope, agency };
  }

  async function onAction(ctx: StaffContext, action: AnnounceButton): Promise<OutboundMessage[]> {
    const actor = actorOf(ctx);
    const v = view(ctx);
    const chatId = ctx.event.chatId;
    switch (action.kind) {
      case "menu":
        return [sourceMenu(chatId, v)];
      case "list":
        return [listMessage(chatId, await d.service.list(10), v)];
      case "indices":
        return [indexMenu(chatId, await d.catalog.indices(), v)];
      case "units":
        return [unitMenu(chatId, action.index, await d.catalog.units(action.index), v)];
      case "years": {
        const unit = (await d.catalog.units(action.index)).find((u) => u.code === action.unit);
        if (!unit) return [indexMenu(chatId, await d.catalog.indices(), v)];
        return [yearMenu(chatId, action.index, unit, await d.catalog.years(action.index, action.unit), v)];
      }
      case "result":
        return createFrom(ctx, { kind: "official_result", indexCode: action.index, unitCode: action.unit, year: action.year });
      case "agencies":
      case "agency": {
        const { registry, scope, agency } = await pickAgency(ctx, action.kind === "agency" ? action.agency : null);
        if (!agency) return [agencyMenu(chatId, scopeRootsOf(registry, scope), v)];
        return [periodMenu(chatId, agency, childrenOf(registry, agency.id), lastPeriods(ctx.now, d.timeZone), v)];
      }
      case "report": {
        const { registry, scope, agency } = await pickAgency(ctx, action.agency);
        if (!agency) return [agencyMenu(chatId, scopeRootsOf(registry, scope), v)];
        const last = lastPeriods(ctx.now, d.timeZone);
        return createFrom(ctx, { kind: "index_report", agencyCode: agency.code, period: action.period === "q" ? last.quarter : last.month });
      }
      case "open": {
        const a = await d.service.get(action.id);
        return a ? [await preview(chatId, a, v)] : say(ctx, refusalText({ reason: "not_found" }, action.id, ctx.locale, t));
      }
      case "editVi":
      case "editEn": {
        const { id, version } = action;
        const lang: TextLang = action.kind === "editVi" ? "vi" : "en";
        const a = await d.service.get(id);
        if (!a) return say(ctx, refusalText({ reason: "not_found" }, id, ctx.locale, t));
        if (a.version !== version) return say(ctx, refusalText({ reason: "stale_version", version: a.version }, id, ctx.locale, t));
        const prompt = say(ctx, t(ctx.locale, "announce.bot.edit_prompt", { lang: t(ctx.locale, `announce.lang.${lang}`), id }));
        return startPending(ctx, { feature: FEATURE_NAME, kind: "edit", id, lang, version }, prompt);
      }
      case "submit": {
        const out = await d.service.submit(actor, action.id, action.version);
        return after(ctx, action.id, out, (a) => notifyAdmins(ctx, a));
      }
      case "approve": {
        const { id } = action;
        const out = await d.service.approve(actor, id, action.version);
        return after(ctx, id, out, async (a) => [
          ...say(ctx, t(ctx.locale, "announce.bot.approved", { id, version: a.version })),
          ...(a.createdBy === ctx.actor ? [await preview(chatId, a, v)] : await tellAuthor(ctx, a, "announce.bot.approved_notice")),
        ]);
      }
      case "reject": {
        const { id, version } = action;
        // Checked before the reason is asked for, so nobody types a reason for a post they may not reject.
        const a = await d.service.get(id);
        const ok = decide("reject", a, { actor, rule: d.approval, seenVersion: version });
        if (!ok.ok || !a) return say(ctx, refusalText(ok.ok ? { reason: "not_found" } : ok.refusal, id, ctx.locale, t));
        return startPending(ctx, { feature: FEATURE_NAME, kind: "reject", id, version }, [rejectPrompt(chatId, a, v)]);
      }
      case "rejectCancel":
        // Whatever dialogue was open has just ended (see onButton); nothing was rejected.
        return say(ctx, t(ctx.locale, "announce.bot.reject_cancelled", { id: action.id }), inPlace(ctx));
      case "discard": {
        const out = await d.service.discard(actor, action.id);
        return after(ctx, action.id, out, async () => say(ctx, t(ctx.locale, "announce.bot.discarded", { id: action.id })));
      }
      case "publish": {
        const { started } = await d.service.publishNow(actor, action.id, { seenVersion: action.version, progress: { chatId, locale: ctx.locale } });
        // The publisher shows the progress (and the report) in a message of its own.
        return started.ok ? [] : say(ctx, refusalText(started.refusal, action.id, ctx.locale, t));
      }
      case "schedule": {
        const { id, version } = action;
        const a = await d.service.get(id);
        // Asked now rather than after the time is typed: an unapproved post should not start a dialogue.
        const far = new Date(ctx.now.getTime() + 86_400_000);
        const ok = decide("schedule", a, { actor, rule: d.approval, seenVersion: version, publishAt: far, now: ctx.now });
        if (!ok.ok || !a) return say(ctx, refusalText(ok.ok ? { reason: "not_found" } : ok.refusal, id, ctx.locale, t));
        const prompt = say(ctx, t(ctx.locale, "announce.bot.schedule_prompt", { id, zone: d.timeZone }), { buttons: scheduleButtons(a, v) });
        return startPending(ctx, { feature: FEATURE_NAME, kind: "schedule", id, version }, prompt);
      }
      case "quickTime":
        return schedule(ctx, action.id, action.version, quickTime(action.when, ctx.now, d.timeZone));
      case "unschedule": {
        const out = await d.service.unschedule(actor, action.id);
        return after(ctx, action.id, out, async (a) => [...say(ctx, t(ctx.locale, "announce.bot.unscheduled", { id: a.id })), await preview(chatId, a, v)]);
      }
    }
  }

  function notAllowed(ctx: StaffContext): OutboundMessage[] {
    return say(ctx, t(ctx.locale, "announce.not_allowed"));
  }

  return {
    name: FEATURE_NAME,
    buttonPrefix: announceButtons.prefix,
    commands: {
      announce: async (ctx): StaffReply => (mayAnnounce(actorOf(ctx)) ? [sourceMenu(ctx.event.chatId, view(ctx))] : notAllowed(ctx)),
    },

    async onButton(ctx, data) {
      if (!mayAnnounce(actorOf(ctx))) return notAllowed(ctx);
      const action = announceButtons.decode(data);
      if (!action) return say(ctx, t(ctx.locale, "staff.stale_button"));
      // Any other tap ends a half-finished dialogue, so a later message is not taken for a new text.
      if (pendingOf(ctx.member) && !OPENS_DIALOGUE.has(action.kind)) await d.staff.setPending(ctx.member!.id, null);
      return onAction(ctx, action);
    },

    async onText(ctx, text) {
      const p = pendingOf(ctx.member);
      if (!p || !ctx.member) return [];
      if (!mayAnnounce(actorOf(ctx))) {
        await d.staff.setPending(ctx.member.id, null);
        return notAllowed(ctx);
      }
      if (p.kind === "reject") return reject(ctx, p, text);
      if (p.kind === "schedule") {
        const at = parseLocalDateTime(text, d.timeZone);
        if (!at) return say(ctx, t(ctx.locale, "announce.bot.schedule_bad", { text: text.trim().slice(0, 40) }));
        await d.staff.setPending(ctx.member.id, null);
        return schedule(ctx, p.id, p.version, at);
      }
      const out = await d.service.edit(actorOf(ctx), p.id, p.lang, text, p.version);
      // A text that is empty or too long keeps the dialogue open: the person just sends a better one.
      if (!out.ok && (out.refusal.reason === "too_long" || out.refusal.reason === "empty_text")) return say(ctx, refusalText(out.refusal, p.id, ctx.locale, t));
      await d.staff.setPending(ctx.member.id, null);
      return after(ctx, p.id, out, async (a) => [
        ...say(ctx, t(ctx.locale, "announce.bot.edited", { lang: t(ctx.locale, `announce.lang.${p.lang}`), version: a.version })),
        await preview(ctx.event.chatId, a, view(ctx)),
      ]);
    },

    async onCancel(ctx) {
      const p = pendingOf(ctx.member);
      if (ctx.member) await d.staff.setPending(ctx.member.id, null);
      if (p?.kind === "reject") return say(ctx, t(ctx.locale, "announce.bot.reject_cancelled", { id: p.id }));
      return say(ctx, t(ctx.locale, "announce.bot.edit_cancelled"));
    },
  };
}
