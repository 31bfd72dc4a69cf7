// Taking a staff member's rights away: the same checks, the same write and the same audit entry whether an
// admin revokes in the bot (after a confirmation button) or an operator runs `hailong staff revoke ID`.
// Callers only turn the outcome into words.
import type { AuditLog } from "../store/audit.ts";
import type { StaffRecord, StaffStore } from "../store/staff.ts";

const MEMBER_ID = /^[A-Za-z0-9_-]{1,32}$/;

export type Unrevocable = "not_found" | "self" | "env_admin";

export interface RevokeDeps {
  staff: StaffStore;
  audit: AuditLog;
  /** HAILONG_ADMINS: re-granted at every start, so revoking them would not last. */
  envAdmins: readonly string[];
}

export type Revocable = { ok: true; target: StaffRecord } | { ok: false; reason: Unrevocable; target?: StaffRecord };

/** The member `id` names if they may be revoked (by `by`, when that is a member), else why not. */
export async function revocable(d: RevokeDeps, id: string, by?: { memberId: string }): Promise<Revocable> {
  const target = MEMBER_ID.test(id) ? await d.staff.get(id) : null;
  if (!target) return { ok: false, reason: "not_found" };
  if (target.id === by?.memberId) return { ok: false, reason: "self", target };
  if (target.channel === "telegram" && target.role === "admin" && d.envAdmins.includes(target.userId)) return { ok: false, reason: "env_admin", target };
  return { ok: true, target };
}

/**
 * Revokes and audits. False when the member was revoked meanwhile (two admins at once): only the one whose
 * write changed the row reports and notifies.
 */
export async function revokeMember(d: RevokeDeps, target: StaffRecord, actor: string, at: Date): Promise<boolean> {
  if (!(await d.staff.revoke(target.id, at))) return false;
  await d.audit.record(
    { actor, action: "staff.revoke", subject: target.id, details: { role: target.role, scope: target.scope, userId: `${target.channel}:${target.userId}` } },
    at,
  );
  return true;
}
