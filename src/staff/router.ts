// In front of the citizen survey: staff commands, staff buttons ("x:…") and the text of a staff dialogue go
// to their feature; everything else is the survey's. Staff actions are not idempotent, so a redelivered
// update is dropped here by its delivery key before any feature sees it.
import type { InboundEvent, OutboundMessage } from "../messages.ts";
import type { Translate } from "../i18n.ts";
import { localeFromHint } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import { decodeButton } from "../survey/callback-data.ts";
import type { SurveyHandler } from "../survey/survey-service.types.ts";
import type { Locale } from "../i18n.ts";
import type { StaffContext, StaffFeature } from "./feature.ts";
import type { StaffMember } from "./types.ts";
import { staffHelp, type StaffMenus } from "./menu.ts";

export interface StaffDirectory {
  /** The person's staff record, or null (revoked members are null). */
  find(channel: string, userId: string): Promise<(StaffMember & { stoppedAt?: Date | null }) | null>;
  /** Cheap check before loading the member for a plain text message (most are citizens' answers). */
  inDialogue?(channel: string, userId: string): Promise<boolean>;
  /** A member who had blocked the bot wrote again: digests may reach them again. */
  clearStopped?(id: string): Promise<unknown>;
  /** The member chose a language with /language: staff messages follow it too. */
  setLocale?(id: string, locale: Locale): Promise<unknown>;
}

export interface StaffRouterDeps {
  survey: SurveyHandler;
  features: StaffFeature[];
  directory: StaffDirectory;
  /** Claims a delivery key; false when it was already handled. */
  claimDelivery: (key: string) => Promise<boolean>;
  t: Translate;
  logger: Logger;
  now: () => Date;
  /** Redraws a member's command menu in their new language; without it the menu keeps the old one until the next grant. */
  menus?: Pick<StaffMenus, "show">;
}

export function createStaffRouter(deps: StaffRouterDeps): SurveyHandler {
  const commands = new Map<string, StaffFeature>();
  const prefixes = new Map<string, StaffFeature>();
  const byName = new Map<string, StaffFeature>();
  for (const f of deps.features) {
    byName.set(f.name, f);
    for (const c of Object.keys(f.commands ?? {})) {
      if (commands.has(c)) throw new Error(`staff command /${c} claimed twice`);
      commands.set(c, f);
    }
    if (f.buttonPrefix) prefixes.set(f.buttonPrefix, f);
  }

  async function context(event: InboundEvent): Promise<StaffContext> {
    const member = await deps.directory.find(event.channel, event.userId);
    if (member?.stoppedAt && deps.directory.clearStopped) {
      await deps.directory.clearStopped(member.id);
      deps.logger.info({ staffId: member.id }, "staff member writes again after blocking the bot: digests resume");
    }
    return {
      event,
      member,
      locale: member?.locale ?? localeFromHint(event.languageHint),
      now: deps.now(),
      actor: `${event.channel}:${event.userId}`,
    };
  }

  async function route(event: InboundEvent): Promise<(() => Promise<OutboundMessage[]>) | null> {
    const p = event.payload;
    if (p.kind === "command" && p.command.toLowerCase() === "cancel") {
      const ctx = await context(event);
      const owner = ctx.member?.pending ? byName.get(ctx.member.pending.feature) : undefined;
      if (!owner?.onCancel) return null;
      return () => owner.onCancel!(ctx);
    }
    if (p.kind === "command" && p.command.toLowerCase() === "help") {
      // Staff commands are not in the public command menu, so /help is where a member finds them again.
      const ctx = await context(event);
      const member = ctx.member;
      if (!member) return null;
      return async () => [
        { chatId: event.chatId, text: `${deps.t(ctx.locale, "help.text")}\n\n${staffHelp(deps.t, ctx.locale, member.role)}`, locale: ctx.locale },
      ];
    }
    if (p.kind === "command") {
      const f = commands.get(p.command.toLowerCase());
      if (!f) return null;
      const ctx = await context(event);
      return () => f.commands![p.command.toLowerCase()]!(ctx, p.args);
    }
    if (p.kind === "button") {
      const m = /^x:([a-z]{1,8}):(.*)$/s.exec(p.data);
      if (!m) return null;
      const f = prefixes.get(m[1]!);
      const ctx = await context(event);
      if (!f?.onButton) return async () => [{ chatId: event.chatId, text: deps.t(ctx.locale, "staff.stale_button"), locale: ctx.locale }];
      return () => f.onButton!(ctx, m[2]!);
    }
    // Plain text: only a person in the middle of a staff dialogue is not answering a survey.
    if (deps.directory.inDialogue && !(await deps.directory.inDialogue(event.channel, event.userId))) return null;
    const ctx = await context(event);
    const owner = ctx.member?.pending ? byName.get(ctx.member.pending.feature) : undefined;
    if (!owner?.onText) return null;
    return () => owner.onText!(ctx, p.text);
  }

  /**
   * /language is the survey's (a chooser whose buttons it handles), and a staff member is a citizen too:
   * the same tap also becomes the member's language, so digests, pickers and replies follow it.
   */
  async function followLanguage(event: InboundEvent): Promise<void> {
    const p = event.payload;
    if (p.kind !== "button" || !deps.directory.setLocale) return;
    const action = decodeButton(p.data);
    if (action?.kind !== "language") return;
    const member = await deps.directory.find(event.channel, event.userId);
    if (!member || member.locale === action.locale) return;
    await deps.directory.setLocale(member.id, action.locale);
    await deps.menus?.show({ ...member, locale: action.locale });
  }

  return {
    async handle(event: InboundEvent): Promise<OutboundMessage[]> {
      // Only Telegram carries staff for now; Zalo events go straight to the survey.
      const action = event.channel === "telegram" ? await route(event) : null;
      if (!action) {
        const out = await deps.survey.handle(event);
        if (event.channel === "telegram") await followLanguage(event);
        return out;
      }
      if (!(await deps.claimDelivery(event.deliveryKey))) return [];
      return action();
    },
  };
}
