// How roles, scopes and members are named in staff messages, for every roles reply alike.
import type { Translate } from "../i18n.ts";
import type { Locale } from "../i18n.ts";
import type { Role, StaffMember } from "./types.ts";

export function roleName(t: Translate, locale: Locale, role: Role): string {
  return t(locale, `roles.role.${role}`);
}

export function scopeText(t: Translate, locale: Locale, scope: string[]): string {
  return scope.length === 0 ? t(locale, "roles.scope_all") : t(locale, "roles.scope_some", { codes: scope.join(", ") });
}

/** The name a member gave Telegram, else their account, so admins recognise who is meant. */
export function memberName(m: Pick<StaffMember, "displayName" | "channel" | "userId">): string {
  return m.displayName ?? `${m.channel}:${m.userId}`;
}
