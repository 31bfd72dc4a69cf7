// Who may read a complaint: staff whose own scope covers the agency (each scope code with its subtree; an
// empty scope is every agency). An admin's scope is taken as written here, unlike for the figures
// (staff/scope.ts effectiveScope): a complaint is a citizen's words to one agency, so an admin appointed
// for another district sees that it exists, never what it says or how to reach its author.
import { agenciesInScope, type RegistryAgency } from "../staff/scope.ts";
import type { StaffMember } from "../staff/types.ts";

/** Roles that handle complaints at all; others are refused. */
export const COMPLAINT_ROLES = ["official", "admin"] as const;

export function mayHandle(member: Pick<StaffMember, "role"> | null): boolean {
  return member !== null && (COMPLAINT_ROLES as readonly string[]).includes(member.role);
}

/** The agency ids whose complaints this member reads in full; null = every agency. */
export function readableAgencyIds(member: Pick<StaffMember, "role" | "scope">, all: RegistryAgency[]): Set<number> | null {
  if (!mayHandle(member)) return new Set();
  if (member.scope.length === 0) return null;
  const codes = new Set(agenciesInScope(all, member.scope).map((a) => a.code));
  return new Set(all.filter((a) => codes.has(a.code)).map((a) => a.id));
}

export function mayRead(member: Pick<StaffMember, "role" | "scope">, agencyId: number, all: RegistryAgency[]): boolean {
  const ids = readableAgencyIds(member, all);
  return ids === null ? mayHandle(member) : ids.has(agencyId);
}
