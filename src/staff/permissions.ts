// The one role check every staff feature uses: the member when their role is among `roles`, else null
// (the caller then answers t(ctx.locale, "roles.not_allowed")). Which agencies a member sees: scope.ts.
import type { StaffContext } from "./feature.ts";
import type { Role, StaffMember } from "./types.ts";

export function requireRole(ctx: StaffContext, roles: readonly Role[]): StaffMember | null {
  const m = ctx.member;
  return m && roles.includes(m.role) ? m : null;
}
