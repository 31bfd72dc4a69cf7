// /integrity in the bot, for admins: the same report as `hailong integrity`, with the period and the agency
// chosen by taps. Each press is checked again in full (role, agency), since its data comes back from the
// client and may be old or forged; the report itself comes from integrityReport and renderIntegrity.
import type { Button, OutboundMessage } from "../messages.ts";
import type { Translate } from "../i18n.ts";
import { inPlace, say, type StaffContext, type StaffFeature, type StaffReply } from "../staff/feature.ts";
import { requireRole } from "../staff/permissions.ts";
import type { Agency } from "../store/agencies.ts";
import type { Database } from "../store/database.ts";
import { INTEGRITY_PERIODS, integrityButtons, type IntegrityPeriodChoice } from "./bot-buttons.ts";
import { integrityReport } from "./integrity-service.ts";
import { integrityPeriod, PERIOD_LABEL_KEYS } from "./period-choice.ts";
import { renderIntegrity } from "./render.ts";

export const INTEGRITY_FEATURE = "integrity";

export interface IntegrityFeatureDeps {
  db: Database;
  agencies: { listAll(): Promise<Agency[]> };
  t: Translate;
  timeZone: string;
}

const byName = (a: Agency, b: Agency) => a.nameVi.localeCompare(b.nameVi, "vi");

export function createIntegrityFeature(d: IntegrityFeatureDeps): StaffFeature {
  const { t } = d;
  const stale = (ctx: StaffContext) => say(ctx, t(ctx.locale, "staff.stale_button"));
  const nameOf = (a: Agency, ctx: StaffContext) => (ctx.locale === "en" && a.nameEn ? a.nameEn : a.nameVi);

  function periodRows(ctx: StaffContext, button: (p: IntegrityPeriodChoice) => string): Button[][] {
    const b = (p: IntegrityPeriodChoice): Button => ({ label: t(ctx.locale, PERIOD_LABEL_KEYS[p]), data: button(p) });
    const [tm, lm, tq, lq] = INTEGRITY_PERIODS;
    return [
      [b(tm), b(lm)],
      [b(tq), b(lq)],
    ];
  }

  /** The agencies under `parent` (null = the top): the parent itself (or every agency) first, then its children. */
  function levelView(ctx: StaffContext, period: IntegrityPeriodChoice, all: Agency[], parent: Agency | null): OutboundMessage[] {
    const hasChildren = (a: Agency) => all.some((x) => x.parentId === a.id);
    const children = all.filter((a) => a.parentId === (parent?.id ?? null)).sort(byName);
    const whole: Button = parent
      ? { label: `✔ ${nameOf(parent, ctx)}`, data: integrityButtons.encode({ kind: "report", period, agency: parent.id }) }
      : { label: t(ctx.locale, "integrity.all_agencies"), data: integrityButtons.encode({ kind: "report", period, agency: 0 }) };
    const rows = children.map((a): Button[] => [
      hasChildren(a)
        ? { label: `${nameOf(a, ctx)} ›`, data: integrityButtons.encode({ kind: "level", period, parent: a.id }) }
        : { label: nameOf(a, ctx), data: integrityButtons.encode({ kind: "report", period, agency: a.id }) },
    ]);
    return say(ctx, t(ctx.locale, "integrity.choose_agency"), { buttons: [[whole], ...rows], ...inPlace(ctx) });
  }

  async function report(ctx: StaffContext, period: IntegrityPeriodChoice, agency: Agency | null): Promise<OutboundMessage[]> {
    const p = integrityPeriod(period, ctx.now, d.timeZone);
    const summary = await integrityReport(d.db, p, agency?.code ?? null);
    const label = agency ? `${p.label} · ${nameOf(agency, ctx)}` : p.label;
    // The period buttons stay under the report, so the same agency can be read for another period.
    const buttons = periodRows(ctx, (choice) => integrityButtons.encode({ kind: "report", period: choice, agency: agency?.id ?? 0 }));
    return say(ctx, renderIntegrity(t, ctx.locale, label, summary), { buttons, ...inPlace(ctx) });
  }

  return {
    name: INTEGRITY_FEATURE,
    buttonPrefix: integrityButtons.prefix,
    commands: {
      integrity: async (ctx): StaffReply => {
        if (!requireRole(ctx, ["admin"])) return say(ctx, t(ctx.locale, "roles.not_allowed"));
        return say(ctx, t(ctx.locale, "integrity.choose_period"), { buttons: periodRows(ctx, (period) => integrityButtons.encode({ kind: "level", period, parent: 0 })) });
      },
    },
    async onButton(ctx, data) {
      const action = integrityButtons.decode(data);
      if (!action) return stale(ctx);
      if (!requireRole(ctx, ["admin"])) return say(ctx, t(ctx.locale, "roles.not_allowed"));
      const all = await d.agencies.listAll();
      const id = action.kind === "level" ? action.parent : action.agency;
      const agency = id === 0 ? null : all.find((a) => a.id === id);
      // An agency id that is not (or no longer) in the registry: an old or forged button.
      if (agency === undefined) return stale(ctx);
      return action.kind === "level" ? levelView(ctx, action.period, all, agency) : report(ctx, action.period, agency);
    },
  };
}
