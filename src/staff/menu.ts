// Which staff commands each role has, in the order people need them. /help lists them for a member, and a
// channel that has per-chat command menus (Telegram) shows them there; citizens never see them.
import type { Translate } from "../i18n.ts";
import type { Locale } from "../i18n.ts";
import type { Role, StaffMember } from "./types.ts";

export const ROLE_COMMANDS: Record<Role, readonly string[]> = {
  admin: ["invite", "staff", "revoke", "subscribe", "unsubscribe", "digest", "alerts", "senddigest", "announce", "action", "actions", "complaints", "integrity", "whoami"],
  official: ["subscribe", "unsubscribe", "digest", "alerts", "action", "actions", "complaints", "whoami"],
  comms: ["announce", "actions", "whoami"],
};

/** Commands whose description lives with the rest of their feature's text rather than under staff_menu. */
const DESCRIPTION_KEYS: Record<string, string> = { alerts: "alert.menu", complaints: "complaint.staff.menu" };

/** The role's commands with their one-line descriptions, in the member's language. */
export function roleCommands(t: Translate, locale: Locale, role: Role): { command: string; description: string }[] {
  return ROLE_COMMANDS[role].map((command) => ({ command, description: t(locale, DESCRIPTION_KEYS[command] ?? `staff_menu.${command}`) }));
}

/** The staff part of /help. */
export function staffHelp(t: Translate, locale: Locale, role: Role): string {
  return [t(locale, `roles.help.${role}`), ...roleCommands(t, locale, role).map((c) => `/${c.command} — ${c.description}`)].join("\n");
}

/**
 * A member's command menu in their chat. Best effort: a menu is a convenience, so an implementation logs
 * what fails and never throws (the member still has /help).
 */
export interface StaffMenus {
  show(member: Pick<StaffMember, "chatId" | "role" | "locale">): Promise<void>;
  hide(chatId: string): Promise<void>;
}
