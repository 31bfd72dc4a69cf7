// /complaints in the bot, and the reply and resolve buttons under each complaint. An official sees the open
// complaints of their scope, each as a card; "Reply" asks for one typed message, which the citizen gets in
// their own chat through the bot; "Resolved" closes it and tells the citizen. Everything is checked again
// at each press and each typed reply (scope, still open), so an old notification, a second press or a
// forged button changes nothing it should not, and says why.
import type { OutboundMessage } from "../messages.ts";
import { inPlace, say, type StaffContext, type StaffFeature, type StaffReply } from "../staff/feature.ts";
import type { StaffMember } from "../staff/types.ts";
import type { Agency } from "../store/agencies.ts";
import type { Complaint, ComplaintStore } from "../store/complaints.ts";
import type { StaffStore } from "../store/staff.ts";
import { formatInteger } from "../format.ts";
import { complaintButtons } from "./buttons.ts";
import type { ComplaintDelivery, DeliveryOutcome } from "./delivery.ts";
import { checkText, MAX_REPLY_CHARS } from "./rules.ts";
import { mayHandle, mayRead, readableAgencyIds } from "./scope.ts";
import { cardButtons, cardMessage, redactedCard, type StaffView } from "./views.ts";

export const FEATURE_NAME = "complaint";

/** Cards per /complaints: one message each, with its buttons. */
const LIST_LIMIT = 10;

export interface ComplaintFeatureDeps {
  store: Pick<ComplaintStore, "find" | "list" | "openCounts" | "addReply" | "resolve">;
  agencies: { listAll(): Promise<Agency[]> };
  staff: Pick<StaffStore, "setPending">;
  delivery: ComplaintDelivery;
  t: StaffView["t"];
  timeZone: string;
  newId: () => string;
}

interface Pending {
  feature: typeof FEATURE_NAME;
  complaintId: string;
}

function pendingOf(m: StaffMember | null): Pending | null {
  const p = m?.pending;
  return p && p.feature === FEATURE_NAME && typeof p.complaintId === "string" ? (p as unknown as Pending) : null;
}

const OUTCOME_KEY: Record<DeliveryOutcome, string> = {
  delivered: "delivered",
  failed: "delivery_failed",
  retrying: "delivery_retrying",
  gone: "delivery_gone",
};

export function createComplaintFeature(d: ComplaintFeatureDeps): StaffFeature {
  const { t } = d;
  const view = (ctx: StaffContext): StaffView => ({ t, locale: ctx.locale, timeZone: d.timeZone });
  const tr = (ctx: StaffContext, key: string, vars?: Record<string, unknown>) => t(ctx.locale, `complaint.staff.${key}`, vars);

  /** The complaint behind a press or a typed reply, if this member may act on it; else the reply saying why. */
  async function actionable(ctx: StaffContext, member: StaffMember, id: string): Promise<{ c: Complaint; agency: Agency | undefined } | { refusal: OutboundMessage[] }> {
    const [c, all] = await Promise.all([d.store.find(id), d.agencies.listAll()]);
    if (!c || c.status === "drafting") return { refusal: say(ctx, t(ctx.locale, "staff.stale_button")) };
    const agency = all.find((a) => a.id === c.agencyId);
    if (!mayRead(member, c.agencyId, all)) return { refusal: say(ctx, redactedCard(view(ctx), c, agency)) };
    if (c.status === "erased") return { refusal: say(ctx, tr(ctx, "erased", { id: c.id })) };
    if (c.status === "resolved") return { refusal: say(ctx, tr(ctx, "already_resolved", { id: c.id })) };
    return { c, agency };
  }

  async function list(ctx: StaffContext): Promise<OutboundMessage[]> {
    const member = ctx.member;
    if (!member || !mayHandle(member)) return say(ctx, tr(ctx, "not_allowed"));
    const all = await d.agencies.listAll();
    const readable = readableAgencyIds(member, all);
    const [shown, counts] = await Promise.all([d.store.list({ agencyIds: readable ? [...readable] : null, limit: LIST_LIMIT }), d.store.openCounts()]);
    const mine = [...counts].filter(([id]) => readable === null || readable.has(id)).reduce((s, [, n]) => s + n, 0);
    const elsewhere = [...counts].filter(([id]) => readable !== null && !readable.has(id)).reduce((s, [, n]) => s + n, 0);
    const lines = [mine === 0 ? tr(ctx, "none_open") : tr(ctx, "list_head", { count: formatInteger(mine, ctx.locale), shown: formatInteger(shown.length, ctx.locale) })];
    // Outside the scope only a count: enough to know the agencies' officials have work, nothing of its content.
    if (elsewhere > 0) lines.push(tr(ctx, "elsewhere", { count: formatInteger(elsewhere, ctx.locale) }));
    const byId = new Map(all.map((a) => [a.id, a]));
    return [...say(ctx, lines.join("\n")), ...shown.map((c) => cardMessage(ctx.event.chatId, view(ctx), c, byId.get(c.agencyId)))];
  }

  async function startReply(ctx: StaffContext, member: StaffMember, id: string): Promise<OutboundMessage[]> {
    const found = await actionable(ctx, member, id);
    if ("refusal" in found) return found.refusal;
    await d.staff.setPending(member.id, { feature: FEATURE_NAME, complaintId: id });
    const cancel = [[{ label: tr(ctx, "cancel_button"), data: complaintButtons.encode({ kind: "cancel", id }) }]];
    return say(ctx, tr(ctx, "reply_prompt", { id, max: MAX_REPLY_CHARS }), { buttons: cancel });
  }

  async function sendReply(ctx: StaffContext, member: StaffMember, p: Pending, raw: string): Promise<OutboundMessage[]> {
    const checked = checkText(raw, MAX_REPLY_CHARS);
    if (!checked.ok) return say(ctx, tr(ctx, `reply_${checked.reason}`, { max: MAX_REPLY_CHARS, length: checked.length ?? 0 }));
    const found = await actionable(ctx, member, p.complaintId);
    if ("refusal" in found) {
      await d.staff.setPending(member.id, null);
      return found.refusal;
    }
    const reply = await d.store.addReply({ id: d.newId(), complaintId: p.complaintId, staffId: member.id, text: checked.text });
    await d.staff.setPending(member.id, null);
    // Resolved or erased between the check and the write: the store's condition decided.
    if (!reply) return say(ctx, tr(ctx, "not_open", { id: p.complaintId }));
    const outcome = await d.delivery.deliver(reply, { chatId: ctx.event.chatId, locale: ctx.locale });
    const c = await d.store.find(p.complaintId);
    const buttons = c ? cardButtons(view(ctx), c) : [];
    return say(ctx, tr(ctx, `reply_${OUTCOME_KEY[outcome]}`, { id: p.complaintId }), buttons.length ? { buttons } : {});
  }

  async function resolve(ctx: StaffContext, member: StaffMember, id: string): Promise<OutboundMessage[]> {
    const found = await actionable(ctx, member, id);
    if ("refusal" in found) return found.refusal;
    const notice = await d.store.resolve({ complaintId: id, staffId: member.id, noticeId: d.newId() });
    // A second press (here or on another official's notice) finds it resolved already.
    if (!notice) return say(ctx, tr(ctx, "already_resolved", { id }));
    if (pendingOf(member)?.complaintId === id) await d.staff.setPending(member.id, null);
    const outcome = await d.delivery.deliver(notice, { chatId: ctx.event.chatId, locale: ctx.locale });
    const c = await d.store.find(id);
    const card = c ? cardMessage(ctx.event.chatId, view(ctx), c, found.agency, tr(ctx, `resolved_${OUTCOME_KEY[outcome]}`, { id })) : say(ctx, tr(ctx, `resolved_${OUTCOME_KEY[outcome]}`, { id }))[0]!;
    return [{ ...card, ...inPlace(ctx) }];
  }

  async function cancel(ctx: StaffContext): Promise<OutboundMessage[]> {
    if (ctx.member && pendingOf(ctx.member)) await d.staff.setPending(ctx.member.id, null);
    return say(ctx, tr(ctx, "reply_cancelled"));
  }

  return {
    name: FEATURE_NAME,
    commands: { complaints: (ctx) => list(ctx) },
    buttonPrefix: complaintButtons.prefix,
    async onButton(ctx, data): StaffReply {
      const action = complaintButtons.decode(data);
      if (!action) return say(ctx, t(ctx.locale, "staff.stale_button"));
      const member = ctx.member;
      if (!member || !mayHandle(member)) return say(ctx, tr(ctx, "not_allowed"));
      switch (action.kind) {
        case "reply":
          return startReply(ctx, member, action.id);
        case "resolve":
          return resolve(ctx, member, action.id);
        case "cancel":
          return cancel(ctx);
      }
    },
    async onText(ctx, text): StaffReply {
      const member = ctx.member;
      const p = pendingOf(member);
      if (!member || !p) return say(ctx, t(ctx.locale, "staff.stale_button"));
      if (!mayHandle(member)) {
        await d.staff.setPending(member.id, null);
        return say(ctx, tr(ctx, "not_allowed"));
      }
      return sendReply(ctx, member, p, text);
    },
    onCancel: (ctx) => cancel(ctx),
  };
}
