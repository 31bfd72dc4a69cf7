// Issuing and redeeming invite codes: the only way, besides HAILONG_ADMINS and the CLI, to get a staff role.
// Used by the bot (/invite, /redeem) and the CLI (hailong invite) alike, so both check and audit the same way.
import { CODE_PATTERN as AGENCY_CODE } from "../registry/table-csv.ts";
import type { AuditLog } from "../store/audit.ts";
import type { InviteCodeStore } from "../store/invite-codes.ts";
import type { StaffRecord, StaffStore } from "../store/staff.ts";
import type { Locale } from "../i18n.ts";
import type { Role } from "./types.ts";
import { formatInviteCode, newInviteCode, parseInviteCode } from "./invite-code.ts";

export const DEFAULT_INVITE_DAYS = 7;
export const MAX_INVITE_DAYS = 90;
export const MAX_INVITE_AGENCIES = 50;
/** Wrong codes a person may type within FAILURE_WINDOW_MS before being asked to wait. */
export const MAX_FAILED_REDEEMS = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;

export interface InvitesDeps {
  staff: StaffStore;
  codes: InviteCodeStore;
  audit: AuditLog;
  /** The registered code each typed agency code means, case aside (AgencyStore.resolveCodes). */
  agencies: { resolveCodes(typed: string[]): Promise<Map<string, string>> };
  randomBytes?: (n: number) => Buffer;
}

export interface IssueRequest {
  role: Role;
  /** Officials need at least one; admins and comms take none. */
  agencies: string[];
  actor: string;
  now: Date;
  days?: number;
}

export type IssueOutcome =
  | { ok: true; id: string; code: string; role: Role; scope: string[]; expiresAt: Date }
  | { ok: false; problem: "agencies_required" | "agencies_not_allowed" | "too_many_agencies" | "bad_days" }
  | { ok: false; problem: "unknown_agencies"; unknown: string[] };

export interface RedeemRequest {
  typed: string;
  channel: string;
  userId: string;
  chatId: string;
  displayName: string | null;
  locale: Locale;
  now: Date;
}

export type RedeemFailure = "malformed" | "unknown" | "used" | "expired" | "too_many_attempts";
/** issuedBy: the actor who issued the code ("telegram:<id>", "cli:<user>"). */
export type RedeemResult = { ok: true; member: StaffRecord; issuedBy: string } | { ok: false; reason: RedeemFailure };

export function createInvites(deps: InvitesDeps) {
  // 60-bit codes cannot be guessed anyway; the limit stops a script from filling the audit log. The count
  // is read from the audit log itself (every refusal is recorded there), so it holds across restarts and
  // across instances sharing one database. A successful redeem starts the count afresh.
  async function tooManyFailures(actor: string, now: Date): Promise<boolean> {
    let since = new Date(now.getTime() - FAILURE_WINDOW_MS);
    since = (await deps.audit.lastAt({ actor, action: "invite.redeem", since })) ?? since;
    return (await deps.audit.count({ actor, action: "invite.redeem_refused", since })) >= MAX_FAILED_REDEEMS;
  }

  // Codes are registered as the centre's system spells them (usually upper case); people type them in any case.
  async function resolveAgencies(typed: string[]): Promise<{ ok: true; codes: string[] } | { ok: false; unknown: string[] }> {
    const known = await deps.agencies.resolveCodes(typed.filter((c) => AGENCY_CODE.test(c)));
    const unknown = typed.filter((c) => !known.has(c));
    return unknown.length ? { ok: false, unknown } : { ok: true, codes: [...new Set(typed.map((c) => known.get(c)!))] };
  }

  return {
    async issue(req: IssueRequest): Promise<IssueOutcome> {
      const days = req.days ?? DEFAULT_INVITE_DAYS;
      if (!Number.isInteger(days) || days < 1 || days > MAX_INVITE_DAYS) return { ok: false, problem: "bad_days" };
      const typed = [...new Set(req.agencies)];
      if (req.role === "official" && typed.length === 0) return { ok: false, problem: "agencies_required" };
      if (req.role !== "official" && typed.length > 0) return { ok: false, problem: "agencies_not_allowed" };
      if (typed.length > MAX_INVITE_AGENCIES) return { ok: false, problem: "too_many_agencies" };
      const resolved = await resolveAgencies(typed);
      if (!resolved.ok) return { ok: false, problem: "unknown_agencies", unknown: resolved.unknown };
      const scope = resolved.codes;
      const code = newInviteCode(deps.randomBytes);
      const expiresAt = new Date(req.now.getTime() + days * 86_400_000);
      const { id } = await deps.codes.create({ code, role: req.role, scope, createdBy: req.actor, expiresAt }, req.now);
      await deps.audit.record({ actor: req.actor, action: "invite.issue", subject: id, details: { role: req.role, scope, expiresAt: expiresAt.toISOString() } }, req.now);
      return { ok: true, id, code: formatInviteCode(code), role: req.role, scope, expiresAt };
    },

    async redeem(req: RedeemRequest): Promise<RedeemResult> {
      const actor = `${req.channel}:${req.userId}`;
      if (await tooManyFailures(actor, req.now)) return { ok: false, reason: "too_many_attempts" };
      const code = parseInviteCode(req.typed);
      const outcome = code ? await deps.codes.redeem(code, actor, req.now) : ({ ok: false, reason: "malformed" } as const);
      if (!outcome.ok) {
        await deps.audit.record({ actor, action: "invite.redeem_refused", details: { reason: outcome.reason } }, req.now);
        return outcome;
      }
      const { invite } = outcome;
      const member = await deps.staff.upsert(
        {
          channel: req.channel,
          userId: req.userId,
          chatId: req.chatId,
          displayName: req.displayName,
          role: invite.role,
          scope: invite.scope,
          locale: req.locale,
          grantedBy: `invite:${invite.id}`,
        },
        req.now,
      );
      await deps.audit.record(
        { actor, action: "invite.redeem", subject: member.id, details: { invite: invite.id, role: invite.role, scope: invite.scope, issuedBy: invite.createdBy } },
        req.now,
      );
      return { ok: true, member, issuedBy: invite.createdBy };
    },
  };
}

export type Invites = ReturnType<typeof createInvites>;
