// /alerts in the bot, for officials and admins: list their thresholds (each with a remove button) and add
// one by taps — an agency of their scope, then the overall index, an element or a question, then a level on
// the percent or 5-point scale. Drops need no setting: they come with the digest subscription. Every press
// is checked again in full (see bot-buttons.ts), so an old, forged or out-of-scope button changes nothing.
// Every change is in the audit log: a threshold decides who is alerted, so who moved it, and from what, must
// be answerable later.
import { clipText, formatNumber, formatPercent } from "../format.ts";
import type { Locale, Translate } from "../i18n.ts";
import type { Button, OutboundMessage } from "../messages.ts";
import { inPlace, say, type StaffContext, type StaffFeature, type StaffReply } from "../staff/feature.ts";
import { requireRole } from "../staff/permissions.ts";
import { agenciesInScope, effectiveScope, withinScope } from "../staff/scope.ts";
import type { StaffMember } from "../staff/types.ts";
import type { Agency } from "../store/agencies.ts";
import type { AlertStore, AlertThreshold } from "../store/alerts.ts";
import type { AuditLog } from "../store/audit.ts";
import { getQuestionnaire } from "../survey/questionnaires/index.ts";
import { ELEMENTS } from "../survey/types.ts";
import { alertButtons, INDEX_ID, levelValue, PERCENT_LEVELS, SCORE_LEVELS, type Level } from "./bot-buttons.ts";
import { targetName } from "./message.ts";
import { parseTarget, targetKey, type AlertTarget } from "./target.ts";

export const ALERTS_FEATURE = "alerts";
/** Enough for a handful of agencies and figures each; more would make the list unreadable in a chat. */
export const MAX_THRESHOLDS = 20;
const LABEL_MAX = 48;

export interface AlertsFeatureDeps {
  alerts: Pick<AlertStore, "thresholdsOf" | "saveThreshold" | "removeThreshold">;
  agencies: { listAll(): Promise<Agency[]> };
  audit: Pick<AuditLog, "record">;
  now: () => Date;
  t: Translate;
}

const ROLES = ["official", "admin"] as const;

export function createAlertsFeature(d: AlertsFeatureDeps): StaffFeature {
  const { t } = d;
  const nameOf = (a: Agency, locale: Locale) => (locale === "en" && a.nameEn ? a.nameEn : a.nameVi);
  const stale = (ctx: StaffContext) => say(ctx, t(ctx.locale, "staff.stale_button"));
  const b = (label: string, action: Parameters<typeof alertButtons.encode>[0]): Button => ({ label, data: alertButtons.encode(action) });

  function levelText(th: Pick<AlertThreshold, "unit" | "value">, locale: Locale): string {
    return th.unit === "score" ? t(locale, "alert.score_of", { value: formatNumber(th.value, locale, 1) }) : formatPercent(th.value, locale, 0);
  }

  async function listView(ctx: StaffContext, member: StaffMember, note?: string): Promise<OutboundMessage[]> {
    const [mine, all] = await Promise.all([d.alerts.thresholdsOf(member.id), d.agencies.listAll()]);
    const byCode = new Map(all.map((a) => [a.code, a]));
    const lines = [t(ctx.locale, "alert.intro")];
    if (note) lines.unshift(note);
    const rows: Button[][] = [];
    if (mine.length === 0) lines.push(t(ctx.locale, "alert.list_empty"));
    else lines.push(t(ctx.locale, "alert.list_title"));
    mine.forEach((th, i) => {
      const a = byCode.get(th.agencyCode);
      const agency = a ? nameOf(a, ctx.locale) : th.agencyCode;
      lines.push(t(ctx.locale, "alert.list_line", { i: i + 1, agency, what: targetName(t, ctx.locale, th.target), level: levelText(th, ctx.locale) }));
      rows.push([b(t(ctx.locale, "alert.remove_button", { i: i + 1 }), { kind: "remove", threshold: th.id })]);
    });
    if (mine.length < MAX_THRESHOLDS) rows.push([b(t(ctx.locale, "alert.add_button"), { kind: "pick", parent: 0 })]);
    return say(ctx, lines.join("\n\n"), { buttons: rows, ...inPlace(ctx) });
  }

  /** The agency with this id if the member may see it now; undefined for an unknown or out-of-scope one. */
  function visible(all: Agency[], member: StaffMember, id: number): Agency | undefined {
    const a = all.find((x) => x.id === id);
    return a && withinScope([a.code], all, effectiveScope(member)).length === 1 ? a : undefined;
  }

  function pickView(ctx: StaffContext, member: StaffMember, all: Agency[], parent: Agency | null): OutboundMessage[] {
    const scoped = agenciesInScope(all, effectiveScope(member));
    const codes = new Set(scoped.map((s) => s.code));
    const level = parent ? all.filter((a) => a.parentId === parent.id && codes.has(a.code)) : all.filter((a) => scoped.some((s) => s.code === a.code && s.depth === 0));
    level.sort((x, y) => nameOf(x, "vi").localeCompare(nameOf(y, "vi"), "vi"));
    const hasChildren = (a: Agency) => all.some((x) => x.parentId === a.id);
    const rows: Button[][] = [];
    if (parent) rows.push([b(`✔ ${clipText(nameOf(parent, ctx.locale), LABEL_MAX)}`, { kind: "agency", agency: parent.id })]);
    for (const a of level) {
      const label = clipText(nameOf(a, ctx.locale), LABEL_MAX);
      rows.push([hasChildren(a) ? b(`${label} ›`, { kind: "pick", parent: a.id }) : b(label, { kind: "agency", agency: a.id })]);
    }
    rows.push([b(t(ctx.locale, "alert.back_button"), { kind: "list" })]);
    const text = level.length || parent ? t(ctx.locale, "alert.choose_agency") : t(ctx.locale, "alert.no_agencies");
    return say(ctx, text, { buttons: rows, ...inPlace(ctx) });
  }

  function targetView(ctx: StaffContext, a: Agency): OutboundMessage[] {
    const rows: Button[][] = [];
    rows.push([b(t(ctx.locale, "alert.what_index"), { kind: "target", agency: a.id, ...targetFields({ kind: "index" }) })]);
    for (const e of ELEMENTS) rows.push([b(t(ctx.locale, `element.${e}`), { kind: "target", agency: a.id, ...targetFields({ kind: "element", element: e }) })]);
    rows.push([b(t(ctx.locale, "alert.items_button"), { kind: "items", agency: a.id })]);
    rows.push([b(t(ctx.locale, "alert.back_button"), { kind: "pick", parent: a.parentId ?? 0 })]);
    return say(ctx, t(ctx.locale, "alert.choose_target", { agency: nameOf(a, ctx.locale) }), { buttons: rows, ...inPlace(ctx) });
  }

  function likertItems(a: Agency): string[] {
    const q = getQuestionnaire(a.questionnaireId);
    return (q?.items ?? []).filter((i) => i.kind === "likert" && /^[A-Za-z0-9_-]{1,32}$/.test(i.id)).map((i) => i.id);
  }

  function itemsView(ctx: StaffContext, a: Agency): OutboundMessage[] {
    const rows: Button[][] = likertItems(a).map((id) => [
      b(clipText(targetName(t, ctx.locale, `item:${id}`), LABEL_MAX), { kind: "target", agency: a.id, ...targetFields({ kind: "item", itemId: id }) }),
    ]);
    rows.push([b(t(ctx.locale, "alert.back_button"), { kind: "agency", agency: a.id })]);
    return say(ctx, t(ctx.locale, "alert.choose_item", { agency: nameOf(a, ctx.locale) }), { buttons: rows, ...inPlace(ctx) });
  }

  function levelView(ctx: StaffContext, a: Agency, target: AlertTarget): OutboundMessage[] {
    const fields = targetFields(target);
    const button = (level: Level) => b(levelText(levelValue(level), ctx.locale), { kind: "save", agency: a.id, ...fields, level });
    const rows: Button[][] = [PERCENT_LEVELS.slice(0, 4).map(button), PERCENT_LEVELS.slice(4).map(button)];
    // A mean score exists for a question only: elements and the index are shares of 4–5 answers.
    if (target.kind === "item") rows.push(SCORE_LEVELS.map(button));
    rows.push([b(t(ctx.locale, "alert.back_button"), { kind: "agency", agency: a.id })]);
    const text = t(ctx.locale, target.kind === "item" ? "alert.choose_level_item" : "alert.choose_level", { agency: nameOf(a, ctx.locale), what: targetName(t, ctx.locale, targetKey(target)) });
    return say(ctx, text, { buttons: rows, ...inPlace(ctx) });
  }

  /** The target a button names, if it is one this agency has (an item of its questionnaire). */
  function targetOf(a: Agency, kind: "index" | "element" | "item", id: string): AlertTarget | null {
    const target = parseTarget(kind === "index" ? (id === INDEX_ID ? "index" : "?") : `${kind}:${id}`);
    if (target?.kind === "item" && !likertItems(a).includes(target.itemId)) return null;
    return target;
  }

  async function onButton(ctx: StaffContext, data: string): StaffReply {
    const action = alertButtons.decode(data);
    if (!action) return stale(ctx);
    const member = requireRole(ctx, ROLES);
    if (!member) return say(ctx, t(ctx.locale, "roles.not_allowed"));
    if (action.kind === "list") return listView(ctx, member);
    if (action.kind === "remove") {
      const gone = (await d.alerts.thresholdsOf(member.id)).find((th) => th.id === action.threshold);
      const removed = gone !== undefined && (await d.alerts.removeThreshold(action.threshold, member.id));
      if (!removed) return stale(ctx);
      await d.audit.record({ actor: ctx.actor, action: "alert.threshold.remove", subject: gone.id, details: { agency: gone.agencyCode, target: gone.target, unit: gone.unit, value: gone.value } }, d.now());
      return listView(ctx, member, t(ctx.locale, "alert.removed"));
    }
    const all = await d.agencies.listAll();
    if (action.kind === "pick") {
      if (action.parent === 0) return pickView(ctx, member, all, null);
      const parent = visible(all, member, action.parent);
      return parent ? pickView(ctx, member, all, parent) : outOfScope(ctx, all, action.parent);
    }
    const a = visible(all, member, action.agency);
    if (!a) return outOfScope(ctx, all, action.agency);
    if (action.kind === "agency") return targetView(ctx, a);
    if (action.kind === "items") return itemsView(ctx, a);
    const target = targetOf(a, action.of, action.id);
    if (!target) return stale(ctx);
    if (action.kind === "target") return levelView(ctx, a, target);
    if (target.kind !== "item" && action.level.startsWith("s")) return stale(ctx);
    const mine = await d.alerts.thresholdsOf(member.id);
    const key = targetKey(target);
    const level = levelValue(action.level);
    const replaces = mine.find((m) => m.agencyCode === a.code && m.target === key && m.unit === level.unit);
    if (!replaces && mine.length >= MAX_THRESHOLDS) return say(ctx, t(ctx.locale, "alert.too_many", { max: MAX_THRESHOLDS }));
    const saved = await d.alerts.saveThreshold({ staffId: member.id, agencyCode: a.code, target: key, ...level });
    await d.audit.record(
      { actor: ctx.actor, action: "alert.threshold.set", subject: saved.id, details: { agency: a.code, target: key, unit: saved.unit, value: saved.value, ...(replaces ? { was: replaces.value } : {}) } },
      d.now(),
    );
    const note = t(ctx.locale, "alert.saved", { agency: nameOf(a, ctx.locale), what: targetName(t, ctx.locale, key), level: levelText(saved, ctx.locale) });
    return listView(ctx, member, note);
  }

  /** An agency the registry has but the member's scope does not (any more), or one that is gone. */
  function outOfScope(ctx: StaffContext, all: Agency[], id: number): OutboundMessage[] {
    return all.some((a) => a.id === id) ? say(ctx, t(ctx.locale, "alert.out_of_scope")) : stale(ctx);
  }

  return {
    name: ALERTS_FEATURE,
    buttonPrefix: alertButtons.prefix,
    commands: {
      alerts: async (ctx, args): StaffReply => {
        const member = requireRole(ctx, ROLES);
        if (!member) return say(ctx, t(ctx.locale, "roles.not_allowed"));
        return listView(ctx, member, args.trim() ? t(ctx.locale, "alert.usage") : undefined);
      },
    },
    onButton,
  };
}

function targetFields(target: AlertTarget): { of: AlertTarget["kind"]; id: string } {
  return { of: target.kind, id: target.kind === "index" ? INDEX_ID : target.kind === "element" ? target.element : target.itemId };
}
