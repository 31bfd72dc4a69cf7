// Digests in the bot. Officials (and admins): /subscribe taps through agencies within their scope (or all
// of it), language and frequency; /unsubscribe; /digest shows the period in progress, or with "last" (or a
// button under it) the last finished week or month, in each of the subscriber's languages.
// Admins: /senddigest fires the schedule now and follows the send in an edited progress message.
// Every button comes back from the client and may be old or forged: it must carry the nonce of the draft
// the member is on, and the choice is checked against their scope again when saved.
import type { Stores } from "../store/stores.ts";
import type { OutboundMessage } from "../messages.ts";
import { formatDateTime, formatInteger } from "../format.ts";
import type { Translate } from "../i18n.ts";
import { randomId } from "../ids.ts";
import type { Logger } from "../logger.ts";
import { inPlace, say, type StaffContext, type StaffFeature } from "../staff/feature.ts";
import { type Role, type StaffMember } from "../staff/types.ts";
import { requireRole } from "../staff/permissions.ts";
import { agenciesInScope, effectiveScope, resolveSelection, withinScope, type ScopedAgency } from "../staff/scope.ts";
import type { AuditLog } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import type { StaffStore } from "../store/staff.ts";
import { DIGEST_ROLES } from "../store/subscriptions.ts";
import type { DigestDispatcher } from "./dispatch.ts";
import { buildDigest } from "./build.ts";
import { loadDigestInput } from "./gather.ts";
import { renderDigest } from "./messages.ts";
import { choosePeriod, labelledPeriod, parsePeriodArgs, PERIOD_CHOICES, type ChosenPeriod, type PeriodChoice } from "./period-choice.ts";
import type { DigestScheduler, SlotOutcome } from "./schedule.ts";
import { decodeTap, digestButtons, periodButton } from "./subscribe-buttons.ts";
import { apply, FEATURE, isDraft, type Draft } from "./subscribe-draft.ts";
import { agenciesLabel, frequencyLabel, languagesLabel, renderDraft } from "./subscribe-view.ts";

export interface DigestFeatureDeps {
  db: Database;
  stores: Pick<Stores, "subscriptions" | "agencies">;
  staff: Pick<StaffStore, "setPending">;
  audit: Pick<AuditLog, "record">;
  t: Translate;
  logger: Logger;
  timeZone: string;
  minN: number;
  /** Admin-started sends; without it /senddigest says this instance does not send digests. */
  send?: { scheduler: Pick<DigestScheduler, "sendNow">; dispatcher: Pick<DigestDispatcher, "runDue"> };
}

const READERS: readonly Role[] = DIGEST_ROLES;

export function createDigestFeature(deps: DigestFeatureDeps): StaffFeature {
  const { t } = deps;
  const { subscriptions, agencies } = deps.stores;
  const log = deps.logger.child({ component: "digest-feature" });

  const stale = (ctx: StaffContext) => say(ctx, t(ctx.locale, "staff.stale_button"));

  async function scoped(member: StaffMember): Promise<{ list: ScopedAgency[]; names: Map<string, ScopedAgency>; registry: Awaited<ReturnType<typeof agencies.listAll>> }> {
    const registry = await agencies.listAll();
    const list = agenciesInScope(registry, effectiveScope(member));
    return { list, names: new Map(list.map((a) => [a.code, a])), registry };
  }

  async function subscribe(ctx: StaffContext): Promise<OutboundMessage[]> {
    const m = requireRole(ctx, READERS);
    if (!m) return say(ctx, t(ctx.locale, "subscribe.not_allowed"));
    const { list, names } = await scoped(m);
    if (list.length === 0) return say(ctx, t(ctx.locale, "subscribe.no_agencies"));
    const existing = await subscriptions.find(m.id);
    const current = existing?.active ? existing : null;
    const options = list.map((a) => a.code);
    const draft: Draft = {
      feature: FEATURE,
      nonce: randomId(6),
      step: "agencies",
      options,
      picked: current ? options.filter((c) => current.agencies.includes(c)) : [],
      all: current ? current.agencies.length === 0 : false,
      page: 0,
      languages: current?.languages ?? [ctx.locale],
      frequency: current?.frequency ?? "weekly",
    };
    await deps.staff.setPending(m.id, draft);
    const screen = renderDraft(draft, names, ctx.locale, t);
    return say(ctx, screen.text, { buttons: screen.buttons });
  }

  async function save(ctx: StaffContext, m: StaffMember, d: Draft): Promise<OutboundMessage[]> {
    const { names, registry } = await scoped(m);
    // The scope may have narrowed since the dialogue began.
    const picked = d.all ? [] : withinScope(d.picked, registry, effectiveScope(m));
    if (!d.all && picked.length === 0) {
      await deps.staff.setPending(m.id, null);
      return stale(ctx);
    }
    const sub = await subscriptions.save(m.id, { agencies: picked, languages: d.languages, frequency: d.frequency }, ctx.now);
    await deps.staff.setPending(m.id, null);
    await deps.audit.record(
      { actor: ctx.actor, action: "digest.subscribe", subject: m.id, details: { agencies: sub.agencies, languages: sub.languages, frequency: sub.frequency } },
      ctx.now,
    );
    const text = t(ctx.locale, "subscribe.saved", {
      agencies: agenciesLabel(sub.agencies, names, ctx.locale, t),
      languages: languagesLabel(sub.languages, ctx.locale, t),
      frequency: frequencyLabel(sub.frequency, ctx.locale, t),
    });
    return say(ctx, text, inPlace(ctx));
  }

  async function onButton(ctx: StaffContext, data: string): Promise<OutboundMessage[]> {
    const tap = decodeTap(data);
    if (tap?.kind === "period") return show(ctx, () => choosePeriod(tap.choice, ctx.now, deps.timeZone));
    const m = requireRole(ctx, READERS);
    if (!m) return say(ctx, t(ctx.locale, "subscribe.not_allowed"));
    const draft = isDraft(m.pending) ? m.pending : null;
    if (!tap || !draft || tap.nonce !== draft.nonce) return stale(ctx);
    const out = apply(draft, tap.action);
    switch (out.kind) {
      case "stale":
        return stale(ctx);
      case "cancel":
        await deps.staff.setPending(m.id, null);
        return say(ctx, t(ctx.locale, "subscribe.cancelled"), inPlace(ctx));
      case "save":
        return save(ctx, m, out.draft);
      case "draft": {
        await deps.staff.setPending(m.id, out.draft);
        const { names } = await scoped(m);
        const screen = renderDraft(out.draft, names, ctx.locale, t);
        return say(ctx, screen.text, { buttons: screen.buttons, ...inPlace(ctx) });
      }
    }
  }

  async function unsubscribe(ctx: StaffContext): Promise<OutboundMessage[]> {
    const m = requireRole(ctx, READERS);
    if (!m) return say(ctx, t(ctx.locale, "subscribe.not_allowed"));
    if (isDraft(m.pending)) await deps.staff.setPending(m.id, null);
    if (!(await subscriptions.deactivate(m.id, ctx.now))) return say(ctx, t(ctx.locale, "subscribe.not_subscribed"));
    await deps.audit.record({ actor: ctx.actor, action: "digest.unsubscribe", subject: m.id }, ctx.now);
    return say(ctx, t(ctx.locale, "subscribe.unsubscribed"));
  }

  /** The buttons under a digest: the other periods an official may want next. */
  function periodButtons(ctx: StaffContext) {
    const b = (c: PeriodChoice) => ({ label: t(ctx.locale, `digest.pick_${c}`), data: periodButton(c) });
    return [
      [b(PERIOD_CHOICES[0]!), b(PERIOD_CHOICES[1]!)],
      [b(PERIOD_CHOICES[2]!), b(PERIOD_CHOICES[3]!)],
    ];
  }

  async function show(ctx: StaffContext, pick: (frequency: "weekly" | "monthly") => ChosenPeriod | null): Promise<OutboundMessage[]> {
    const m = requireRole(ctx, READERS);
    if (!m) return say(ctx, t(ctx.locale, "subscribe.not_allowed"));
    const sub = await subscriptions.find(m.id);
    const active = sub?.active ? sub : null;
    const chosen = pick(active?.frequency ?? "weekly");
    if (!chosen) return say(ctx, t(ctx.locale, "digest.period_unknown"), { buttons: periodButtons(ctx) });
    const registry = await agencies.listAll();
    const codes = resolveSelection(active?.agencies ?? [], registry, effectiveScope(m));
    if (codes === null || registry.length === 0) return say(ctx, t(ctx.locale, "subscribe.no_agencies"));
    // What the subscriber receives on Monday, so in their languages; the figures are read once for all of them.
    const languages = active?.languages.length ? active.languages : [ctx.locale];
    const input = await loadDigestInput(deps.db, { agencyCodes: codes, period: chosen.period, minN: deps.minN });
    const out: OutboundMessage[] = [];
    languages.forEach((locale, i) => {
      const r = renderDigest(buildDigest(input, locale), locale, t);
      const note = chosen.finished ? "" : `${t(locale, "digest.preview_note")}\n\n`;
      if (r.chart) out.push({ chatId: ctx.event.chatId, text: r.chart.caption, locale, photo: { png: r.chart.png, filename: r.chart.filename } });
      const last = i === languages.length - 1;
      out.push({ chatId: ctx.event.chatId, text: note + r.text, locale, ...(last ? { buttons: periodButtons(ctx) } : {}) });
    });
    return out;
  }

  function preview(ctx: StaffContext, args: string): Promise<OutboundMessage[]> {
    return show(ctx, (frequency) => {
      const asked = parsePeriodArgs(args, frequency);
      if (!asked) return null;
      return "label" in asked ? labelledPeriod(asked.label, ctx.now, deps.timeZone) : choosePeriod(asked.choice, ctx.now, deps.timeZone);
    });
  }

  /** What became of one slot, so an admin whose send reaches nobody new is told why. */
  function slotLine(ctx: StaffContext, o: SlotOutcome): string {
    const l = ctx.locale;
    const period = o.key.slice(o.key.lastIndexOf(":") + 1);
    const n = formatInteger(o.created, l);
    if (o.recipients === 0) return t(l, "digest.send_slot_nobody", { period });
    if (o.outcome === "claimed" || o.outcome === "refanned") return t(l, "digest.send_slot_claimed", { period, n });
    const at = o.claimedAt ? formatDateTime(o.claimedAt, l, deps.timeZone) : "?";
    return o.created > 0
      ? t(l, "digest.send_slot_topped_up", { period, at, n })
      : t(l, "digest.send_slot_all_had_it", { period, at, recipients: formatInteger(o.recipients, l) });
  }

  async function sendNow(ctx: StaffContext): Promise<OutboundMessage[]> {
    const m = requireRole(ctx, ["admin"]);
    if (!m) {
      if (ctx.member) await deps.audit.record({ actor: ctx.actor, action: "staff.denied", details: { command: "senddigest", role: ctx.member.role } }, ctx.now);
      return say(ctx, t(ctx.locale, "digest.send_not_allowed"));
    }
    if (!deps.send) return say(ctx, t(ctx.locale, "digest.send_unavailable"));
    const { scheduler, dispatcher } = deps.send;
    const outcomes = await scheduler.sendNow(ctx.now);
    await deps.audit.record(
      { actor: ctx.actor, action: "digest.send", subject: outcomes.map((o) => o.key).join(" "), details: { slots: outcomes.map((o) => ({ ...o })) } },
      ctx.now,
    );
    // The send outlives this update: the bot must stay free to answer others while it runs.
    void dispatcher.runDue({ reportTo: { chatId: ctx.event.chatId, locale: ctx.locale } }).catch((e: Error) => log.error({ err: e.message }, "admin-started digest send failed"));
    return say(ctx, t(ctx.locale, "digest.send_started", { slots: outcomes.map((o) => slotLine(ctx, o)).join("\n") }));
  }

  return {
    name: FEATURE,
    buttonPrefix: digestButtons.prefix,
    commands: {
      subscribe: (ctx) => subscribe(ctx),
      unsubscribe: (ctx) => unsubscribe(ctx),
      digest: (ctx, args) => preview(ctx, args),
      senddigest: (ctx) => sendNow(ctx),
    },
    onButton,
    async onText(ctx) {
      return say(ctx, t(ctx.locale, "subscribe.use_buttons"));
    },
    async onCancel(ctx) {
      if (ctx.member) await deps.staff.setPending(ctx.member.id, null);
      return say(ctx, t(ctx.locale, "subscribe.cancelled"));
    },
  };
}
