// At start, every Telegram id in HAILONG_ADMINS is an admin, so a fresh install has someone to issue the
// first invite codes. Only a change is audited: a restart with the same list writes nothing. Ids removed
// from the list keep their role (an admin revokes them), since a typo in the environment should not
// silently lock people out.
import type { Logger } from "../logger.ts";
import type { AuditLog } from "../store/audit.ts";
import type { StaffStore } from "../store/staff.ts";

export interface BootstrapDeps {
  staff: StaffStore;
  audit: AuditLog;
  logger: Logger;
  now: () => Date;
}

/** Returns the ids that were made admin now (empty on a restart). */
export async function bootstrapAdmins(admins: readonly string[], deps: BootstrapDeps): Promise<string[]> {
  const granted: string[] = [];
  for (const userId of new Set(admins)) {
    const existing = await deps.staff.find("telegram", userId);
    if (existing?.role === "admin") continue;
    const at = deps.now();
    const member = await deps.staff.upsert(
      { channel: "telegram", userId, chatId: userId, displayName: null, role: "admin", scope: [], locale: existing?.locale ?? "vi", grantedBy: "env" },
      at,
    );
    await deps.audit.record(
      { actor: "system", action: "staff.grant", subject: member.id, details: { role: "admin", scope: [], source: "HAILONG_ADMINS", previousRole: existing?.role ?? null } },
      at,
    );
    granted.push(userId);
  }
  if (granted.length) deps.logger.info({ admins: granted }, "admins from HAILONG_ADMINS granted");
  return granted;
}
