// /action and /actions in the bot. An official (or admin) records what an agency did about citizens'
// feedback: taps pick the agency within their scope and the topic, then they type the text (and, if they
// like, an English one) and see exactly what citizens will read before submitting it. Comms and admins are
// told at once and approve or reject with a tap; /actions lists what waits for them. The service decides.
import type { OutboundMessage } from "../messages.ts";
import { inPlace, say, type StaffContext, type StaffFeature, type StaffReply } from "../staff/feature.ts";
import { type StaffMember } from "../staff/types.ts";
import { scopeRoots, withinScope } from "../staff/scope.ts";
import type { Agency } from "../store/agencies.ts";
import type { StaffStore } from "../store/staff.ts";
import type { Element } from "../survey/types.ts";
import { pickerView, previewView, refusalText, reviewMessage, textPrompt, topicView, type ViewContext, actionCard } from "./bot-views.ts";
import { actionButtons, TOPIC_CODES, type ActionButton } from "./buttons.ts";
import { actorScope, cleanActionText, mayRecord, mayReview, type Decision } from "./rules.ts";
import type { ActionService } from "./service.ts";
import type { ActionActor, FeedbackAction } from "./types.ts";

export const FEATURE_NAME = "action";

/** Reviewers see at most this many actions per /actions: one message each, with its buttons. */
const REVIEW_LIST = 10;

export interface ActionFeatureDeps {
  service: ActionService;
  staff: Pick<StaffStore, "setPending" | "list" | "find">;
  agencies: { listAll(): Promise<Agency[]> };
  t: ViewContext["t"];
  timeZone: string;
  /** A fresh id for each /action dialogue: buttons of an older one are stale. */
  newNonce: () => string;
}

type Step = "agency" | "topic" | "text" | "english" | "preview";

interface Pending {
  feature: typeof FEATURE_NAME;
  nonce: string;
  step: Step;
  agencyId?: number;
  /** Set once a topic was tapped: an element, or null for "something else". */
  element?: Element | null;
  textVi?: string;
  textEn?: string;
}

const STEPS: readonly Step[] = ["agency", "topic", "text", "english", "preview"];

function pendingOf(m: StaffMember | null): Pending | null {
  const p = m?.pending;
  if (!p || p.feature !== FEATURE_NAME || typeof p.nonce !== "string" || !STEPS.includes(p.step as Step)) return null;
  return p as unknown as Pending;
}

const byName = (a: Agency, b: Agency) => a.nameVi.localeCompare(b.nameVi, "vi");
const nameIn = (a: Pick<Agency, "nameVi" | "nameEn">, locale: ViewContext["locale"]) => (locale === "en" && a.nameEn ? a.nameEn : a.nameVi);

const DONE_KEY: Record<Decision, string> = { approve: "approved", reject: "rejected", takeDown: "taken_down" };

const DIALOGUE_KINDS = new Set<ActionButton["kind"]>(["level", "agency", "topic", "edit", "english", "submit", "discard"]);

export function createActionFeature(d: ActionFeatureDeps): StaffFeature {
  const { t } = d;
  const view = (ctx: StaffContext): ViewContext => ({ t, locale: ctx.locale, timeZone: d.timeZone });
  const actorOf = (ctx: StaffContext): ActionActor => ({ id: ctx.actor, role: ctx.member?.role ?? null, scope: ctx.member?.scope ?? [] });
  const stale = (ctx: StaffContext) => say(ctx, t(ctx.locale, "staff.stale_button"));

  async function save(ctx: StaffContext, p: Pending | null): Promise<void> {
    await d.staff.setPending(ctx.member!.id, p as StaffMember["pending"]);
  }

  /** A staff member behind an actor id ("telegram:<id>"), to tell them something or name them. */
  async function memberOf(actor: string): Promise<StaffMember | null> {
    const m = /^telegram:(.+)$/.exec(actor);
    return m ? d.staff.find("telegram", m[1]!) : null;
  }

  async function authorName(a: FeedbackAction): Promise<string> {
    return (await memberOf(a.createdBy))?.displayName ?? a.createdBy;
  }

  /** The scope's top agencies: its own codes (each covers its subtree), or the registry's roots for admins. */
  function rootsOf(all: Agency[], actor: ActionActor): Agency[] {
    const codes = new Set(scopeRoots(all, actorScope(actor)));
    return all.filter((a) => codes.has(a.code)).sort(byName);
  }

  async function showLevel(ctx: StaffContext, p: Pending, parentId: number, page: number): Promise<OutboundMessage[]> {
    const actor = actorOf(ctx);
    const all = await d.agencies.listAll();
    const roots = rootsOf(all, actor);
    if (roots.length === 0) {
      await save(ctx, null);
      return say(ctx, t(ctx.locale, "actions.bot.no_agencies"), inPlace(ctx));
    }
    const children = (id: number) => all.filter((a) => a.parentId === id).sort(byName);
    const single = roots.length === 1 ? roots[0]! : undefined;
    // One agency with nothing under it: there is nothing to pick.
    if (single && children(single.id).length === 0) return chooseAgency(ctx, p, single);
    const asked = parentId === 0 ? undefined : all.find((a) => a.id === parentId && withinScope([a.code], all, actorScope(actor)).length > 0);
    const parent = asked ?? single ?? null;
    const isRoot = parent !== null && roots.some((r) => r.id === parent.id);
    const up = parent === null || (isRoot && single) ? null : isRoot ? 0 : (parent.parentId ?? 0);
    await save(ctx, { feature: FEATURE_NAME, nonce: p.nonce, step: "agency" });
    const level = { parent, items: parent ? children(parent.id) : roots, hasChildren: (a: Agency) => all.some((x) => x.parentId === a.id), up, page };
    return [{ ...pickerView(ctx.event.chatId, view(ctx), p.nonce, level), ...inPlace(ctx) }];
  }

  async function chooseAgency(ctx: StaffContext, p: Pending, agency: Agency): Promise<OutboundMessage[]> {
    await save(ctx, { feature: FEATURE_NAME, nonce: p.nonce, step: "topic", agencyId: agency.id });
    return [{ ...topicView(ctx.event.chatId, view(ctx), p.nonce, agency), ...inPlace(ctx) }];
  }

  /** The draft's agency, checked against the person's scope again (it may have changed since the tap). */
  async function draftAgency(ctx: StaffContext, p: Pending): Promise<Agency | null> {
    if (p.agencyId === undefined) return null;
    const agency = (await d.agencies.listAll()).find((a) => a.id === p.agencyId);
    if (!agency) return null;
    const checked = await d.service.agencyFor(actorOf(ctx), agency.code);
    return "reason" in checked ? null : checked;
  }

  async function preview(ctx: StaffContext, p: Pending, agency: Agency): Promise<OutboundMessage[]> {
    await save(ctx, { ...p, step: "preview" });
    return [previewView(ctx.event.chatId, view(ctx), p.nonce, { agency, element: p.element ?? null, textVi: p.textVi ?? "", textEn: p.textEn ?? null })];
  }

  async function submit(ctx: StaffContext, p: Pending): Promise<OutboundMessage[]> {
    const agency = await draftAgency(ctx, p);
    if (!agency || p.textVi === undefined) return stale(ctx);
    const out = await d.service.add(actorOf(ctx), { agencyCode: agency.code, element: p.element ?? null, textVi: p.textVi, textEn: p.textEn ?? null });
    if (!out.ok) return say(ctx, refusalText(out.refusal, "", view(ctx)));
    await save(ctx, null);
    return notifyReviewers(ctx, out.action);
  }

  async function notifyReviewers(ctx: StaffContext, a: FeedbackAction): Promise<OutboundMessage[]> {
    const reviewers = [...(await d.staff.list({ role: "comms" })), ...(await d.staff.list({ role: "admin" }))].filter(
      (m) => m.channel === "telegram" && !m.stoppedAt && `telegram:${m.userId}` !== ctx.actor,
    );
    const author = ctx.member?.displayName ?? ctx.actor;
    const out: OutboundMessage[] = reviewers.map((m) => {
      const v: ViewContext = { t, locale: m.locale, timeZone: d.timeZone };
      return reviewMessage(m.chatId, v, a, author, t(m.locale, "actions.bot.review_request", { author }));
    });
    const key = reviewers.length > 0 ? "actions.bot.submitted" : "actions.bot.submitted_no_reviewer";
    const mine = `${t(ctx.locale, key, { id: a.id, count: reviewers.length })}\n\n${actionCard(view(ctx), a, author)}`;
    return [...say(ctx, mine, inPlace(ctx)), ...out];
  }

  async function decide(ctx: StaffContext, kind: Decision, id: string): Promise<OutboundMessage[]> {
    const v = view(ctx);
    const out = await d.service[kind](actorOf(ctx), id);
    if (!out.ok) return say(ctx, refusalText(out.refusal, id, v));
    const a = out.action;
    const key = `actions.bot.${DONE_KEY[kind]}`;
    const lead = t(ctx.locale, key, { id, agency: nameIn(a.agency, ctx.locale) });
    const mine: OutboundMessage = { ...reviewMessage(ctx.event.chatId, v, a, await authorName(a), lead), ...inPlace(ctx) };
    const author = await memberOf(a.createdBy);
    const tell =
      author && author.channel === "telegram" && a.createdBy !== ctx.actor
        ? [{ chatId: author.chatId, locale: author.locale, text: t(author.locale, `${key}_notice`, { id, agency: nameIn(a.agency, author.locale) }) }]
        : [];
    return [mine, ...tell];
  }

  async function list(ctx: StaffContext, args: string): Promise<OutboundMessage[]> {
    const actor = actorOf(ctx);
    const v = view(ctx);
    if (mayReview(actor)) {
      const approved = /^(approved|đã duyệt|da duyet)$/i.test(args.trim());
      const shown = await d.service.list(actor, { statuses: [approved ? "approved" : "pending"], limit: REVIEW_LIST });
      const none = approved ? "actions.bot.none_approved" : "actions.bot.none_pending";
      if (shown.length === 0) return say(ctx, t(ctx.locale, none));
      const head = t(ctx.locale, approved ? "actions.bot.list_approved" : "actions.bot.list_pending", { count: shown.length });
      const cards = await Promise.all(shown.map(async (a) => reviewMessage(ctx.event.chatId, v, a, await authorName(a))));
      return [...say(ctx, head), ...cards];
    }
    const mine = await d.service.list(actor, { limit: REVIEW_LIST });
    if (mine.length === 0) return say(ctx, t(ctx.locale, "actions.bot.none_recorded"));
    const cards = await Promise.all(mine.map(async (a) => actionCard(v, a, await authorName(a))));
    return say(ctx, [t(ctx.locale, "actions.bot.list_recorded"), ...cards].join("\n\n"));
  }

  async function onDialogue(ctx: StaffContext, p: Pending, action: Exclude<ActionButton, { kind: Decision }>): Promise<OutboundMessage[]> {
    const v = view(ctx);
    switch (action.kind) {
      case "level":
        return showLevel(ctx, p, action.parent, action.page);
      case "agency": {
        const agency = (await d.agencies.listAll()).find((a) => a.id === action.agency);
        const checked = agency ? await d.service.agencyFor(actorOf(ctx), agency.code) : null;
        if (!checked || "reason" in checked) return showLevel(ctx, p, 0, 0);
        return chooseAgency(ctx, p, checked);
      }
      case "topic": {
        const agency = await draftAgency(ctx, p);
        if (!agency) return showLevel(ctx, p, 0, 0);
        const element = TOPIC_CODES[action.topic];
        await save(ctx, { feature: FEATURE_NAME, nonce: p.nonce, step: "text", agencyId: agency.id, element });
        return [{ ...textPrompt(ctx.event.chatId, v, p.nonce, agency, element, "vi"), ...inPlace(ctx) }];
      }
      case "edit":
      case "english": {
        const agency = await draftAgency(ctx, p);
        if (!agency || p.textVi === undefined) return stale(ctx);
        const lang = action.kind === "edit" ? "vi" : "en";
        await save(ctx, { ...p, step: lang === "vi" ? "text" : "english" });
        return [{ ...textPrompt(ctx.event.chatId, v, p.nonce, agency, p.element ?? null, lang), ...inPlace(ctx) }];
      }
      case "submit":
        return submit(ctx, p);
      case "discard":
        await save(ctx, null);
        return say(ctx, t(ctx.locale, "actions.bot.cancelled"), inPlace(ctx));
    }
  }

  return {
    name: FEATURE_NAME,
    buttonPrefix: actionButtons.prefix,
    commands: {
      action: async (ctx): StaffReply => {
        if (!mayRecord(actorOf(ctx))) return say(ctx, t(ctx.locale, "actions.not_allowed_record"));
        return showLevel(ctx, { feature: FEATURE_NAME, nonce: d.newNonce(), step: "agency" }, 0, 0);
      },
      actions: async (ctx, args): StaffReply => {
        const actor = actorOf(ctx);
        if (!mayRecord(actor) && !mayReview(actor)) return say(ctx, t(ctx.locale, "actions.not_allowed_list"));
        return list(ctx, args);
      },
    },

    async onButton(ctx, data) {
      const action = actionButtons.decode(data);
      if (!action) return stale(ctx);
      const actor = actorOf(ctx);
      if (action.kind === "approve" || action.kind === "reject" || action.kind === "takeDown") {
        if (!mayReview(actor)) return say(ctx, t(ctx.locale, "actions.not_allowed_review"));
        return decide(ctx, action.kind, action.id);
      }
      if (!mayRecord(actor)) return say(ctx, t(ctx.locale, "actions.not_allowed_record"));
      const p = pendingOf(ctx.member);
      if (!p || !DIALOGUE_KINDS.has(action.kind) || action.nonce !== p.nonce) return stale(ctx);
      return onDialogue(ctx, p, action);
    },

    async onText(ctx, text) {
      const p = pendingOf(ctx.member);
      if (!p || !ctx.member) return [];
      if (!mayRecord(actorOf(ctx))) {
        await save(ctx, null);
        return say(ctx, t(ctx.locale, "actions.not_allowed_record"));
      }
      if (p.step !== "text" && p.step !== "english") return say(ctx, t(ctx.locale, "actions.bot.press_a_button"));
      const agency = await draftAgency(ctx, p);
      if (!agency) {
        await save(ctx, null);
        return say(ctx, t(ctx.locale, "actions.bot.agency_gone"));
      }
      // A text that cannot be used keeps the step open: the person just sends a better one.
      const cleaned = cleanActionText(text);
      if (!cleaned.ok) return say(ctx, refusalText(cleaned.refusal, "", view(ctx)));
      return preview(ctx, p.step === "text" ? { ...p, textVi: cleaned.text } : { ...p, textEn: cleaned.text }, agency);
    },

    async onCancel(ctx) {
      if (ctx.member) await save(ctx, null);
      return say(ctx, t(ctx.locale, "actions.bot.cancelled"));
    },
  };
}
