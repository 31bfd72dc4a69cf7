// Staff administration from the server's shell, for the first invite codes and for when nobody can reach the bot:
//   hailong invite official|comms|admin [AGENCY…] [--days N]
//   hailong staff list [--role ROLE] [--format table|json]
//   hailong staff revoke ID
//   hailong audit [--limit N] [--subject ID] [--format table|json]
// The actor in the audit log is cli:<user> (cliOperator in command.ts, as for every command): whoever holds a
// shell on the server is an admin anyway, and the log still says which account acted.
import { tellRevokedByCli } from "../channels/telegram/staff-menu.ts";
import { formatDateTime } from "../format.ts";
import { createTranslator } from "../i18n.ts";
import { DEFAULT_INVITE_DAYS, MAX_INVITE_AGENCIES, MAX_INVITE_DAYS, createInvites } from "../staff/invites.ts";
import { revocable, revokeMember } from "../staff/revoke.ts";
import { createAgencyStore } from "../store/agencies.ts";
import { createAuditLog, type AuditRecord } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import { createInviteCodeStore } from "../store/invite-codes.ts";
import { ROLES, createStaffStore, isRole, type StaffRecord } from "../store/staff.ts";
import { cliOperator, subcommands, withDatabase, type CliContext, type Command } from "./command.ts";
import { ArgumentError, parseFlags } from "./flags.ts";
import { zonedTimestamp } from "./zoned-time.ts";

const inviteUsage = `hailong invite official AGENCY… [--days N]
       hailong invite comms|admin [--days N]

Prints a one-time code (valid ${DEFAULT_INVITE_DAYS} days unless --days, 1–${MAX_INVITE_DAYS}). The person opens the bot
and types /redeem CODE to become an official of those agencies (each with its sub-units), communications
staff, or an admin.`;

const staffUsage = `hailong staff list [--role ${ROLES.join("|")}] [--format table|json]
       hailong staff revoke ID`;

const auditUsage = `hailong audit [--limit N] [--subject ID] [--format table|json]

Newest first (default 50 entries, at most 10000). Times in TZ_DISPLAY with their offset (JSON: ISO 8601 in UTC).`;

function usageError(command: string, usage: string) {
  return (ctx: CliContext, message: string): number => {
    ctx.err(`hailong ${command}: ${message}`);
    ctx.err(`usage: ${usage}`);
    return 2;
  };
}

const isArgumentError = (e: unknown): e is ArgumentError => e instanceof ArgumentError;

/** The operator as the audit log names them; the same function names the operator of every CLI command. */
export { cliOperator as cliActor };

function positiveInt(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new ArgumentError(`${flag} must be a whole number from 1 to ${max}`);
  return Number(value);
}

function format(value: string | undefined): "table" | "json" {
  const f = value ?? "table";
  if (f !== "table" && f !== "json") throw new ArgumentError("--format must be table or json");
  return f;
}

function staffStores(db: Database) {
  const staff = createStaffStore(db);
  const audit = createAuditLog(db);
  return { staff, audit };
}

async function runInvite(argv: string[], ctx: CliContext): Promise<number> {
  const fail = usageError("invite", inviteUsage);
  const { positional, options } = parseFlags(argv, ["days"]);
  const [role, ...agencies] = positional;
  if (!role) return fail(ctx, "a role is required (official, comms or admin)");
  if (!isRole(role)) return fail(ctx, `unknown role "${role}" (official, comms or admin)`);
  // Checked again by issue(); here too, so a typo costs no database start.
  if (role === "official" && agencies.length === 0) return fail(ctx, "an official needs at least one AGENCY code");
  if (role !== "official" && agencies.length > 0) return fail(ctx, `${role} takes no agency codes`);
  const days = positiveInt(options.days, "--days", MAX_INVITE_DAYS);
  const actor = cliOperator(ctx.env);
  return withDatabase(ctx, async (db) => {
    const { staff, audit } = staffStores(db);
    const invites = createInvites({ staff, audit, codes: createInviteCodeStore(db), agencies: createAgencyStore(db) });
    const out = await invites.issue({ role, agencies, actor, now: new Date(), days });
    if (!out.ok) {
      switch (out.problem) {
        case "unknown_agencies":
          ctx.err(`hailong invite: unknown agency code${out.unknown.length > 1 ? "s" : ""}: ${out.unknown.join(", ")} (see hailong agencies list)`);
          return 1;
        case "agencies_required":
          return fail(ctx, "an official needs at least one AGENCY code");
        case "agencies_not_allowed":
          return fail(ctx, `${role} takes no agency codes`);
        case "too_many_agencies":
          return fail(ctx, `at most ${MAX_INVITE_AGENCIES} agency codes`);
        default:
          return fail(ctx, `--days must be a whole number from 1 to ${MAX_INVITE_DAYS}`);
      }
    }
    const bot = ctx.config.telegram?.username ? `https://t.me/${ctx.config.telegram.username}` : "the hailong Telegram bot";
    ctx.out(out.code);
    ctx.out(`role: ${role}${out.scope.length ? `, agencies: ${out.scope.join(", ")}` : ", all agencies"}`);
    ctx.out(`expires: ${formatDateTime(out.expiresAt, "en", ctx.config.timeZone)} (${ctx.config.timeZone}); works once`);
    ctx.out(`To redeem: open ${bot} and send /redeem ${out.code}`);
    return 0;
  });
}

function staffRow(m: StaffRecord): string {
  const scope = m.scope.length ? m.scope.join(",") : "*";
  const flags = m.stoppedAt ? "  (blocked the bot)" : "";
  return [m.id, m.role.padEnd(8), `${m.channel}:${m.userId}`, m.displayName ?? "-", scope, m.locale, `granted by ${m.grantedBy}`].join("  ") + flags;
}

async function runStaffList(argv: string[], ctx: CliContext): Promise<number> {
  const { positional, options } = parseFlags(argv, ["role", "format"]);
  if (positional.length) throw new ArgumentError(`unexpected argument "${positional[0]}"`);
  if (options.role !== undefined && !isRole(options.role)) throw new ArgumentError(`--role must be one of ${ROLES.join(", ")}`);
  const role = options.role as StaffRecord["role"] | undefined;
  const fmt = format(options.format);
  const actor = cliOperator(ctx.env);
  return withDatabase(ctx, async (db) => {
    const { staff, audit } = staffStores(db);
    const members = await staff.list(role ? { role } : {});
    await audit.record({ actor, action: "staff.list", details: { role: role ?? null } }, new Date());
    if (fmt === "json") ctx.out(JSON.stringify(members, null, 2));
    else if (members.length === 0) ctx.out("No staff members yet: hailong invite admin, or set HAILONG_ADMINS.");
    else for (const m of members) ctx.out(staffRow(m));
    return 0;
  });
}

async function runStaffRevoke(argv: string[], ctx: CliContext): Promise<number> {
  const { positional } = parseFlags(argv, []);
  if (positional.length !== 1) throw new ArgumentError("revoke needs exactly one staff ID (see hailong staff list)");
  const id = positional[0]!;
  const actor = cliOperator(ctx.env);
  return withDatabase(ctx, async (db) => {
    const { staff, audit } = staffStores(db);
    const revoking = { staff, audit, envAdmins: ctx.config.admins };
    const r = await revocable(revoking, id);
    if (!r.ok && r.reason === "env_admin") {
      ctx.err(`hailong staff: ${r.target!.channel}:${r.target!.userId} is listed in HAILONG_ADMINS and would be made admin again at the next start; remove it there first`);
      return 1;
    }
    if (!r.ok) {
      ctx.err(`hailong staff: no active staff member with id "${id}" (see hailong staff list)`);
      return 1;
    }
    const target = r.target;
    if (!(await revokeMember(revoking, target, actor, new Date()))) {
      ctx.err(`hailong staff: ${id} was revoked meanwhile`);
      return 1;
    }
    ctx.out(`revoked ${target.id} (${target.role}, ${target.channel}:${target.userId})`);
    const tg = ctx.config.telegram;
    if (target.channel === "telegram" && tg) {
      const told = await tellRevokedByCli(tg, target, { t: createTranslator(), logger: ctx.logger });
      if (told.ok) ctx.out("told them in Telegram and removed their staff commands from the menu");
      else ctx.err(`hailong staff: the rights are revoked, but Telegram could not be told (${told.detail}); their menu may still show staff commands, which now refuse`);
    }
    return 0;
  });
}

function auditRow(e: AuditRecord, timeZone: string): string {
  return [zonedTimestamp(e.at, timeZone), e.actor, e.action, e.subject ?? "-", e.details ? JSON.stringify(e.details) : ""].join("  ").trimEnd();
}

async function runAudit(argv: string[], ctx: CliContext): Promise<number> {
  const fail = usageError("audit", auditUsage);
  try {
    const { positional, options } = parseFlags(argv, ["limit", "subject", "format"]);
    if (positional.length) return fail(ctx, `unexpected argument "${positional[0]}"`);
    const limit = positiveInt(options.limit, "--limit", 10_000) ?? 50;
    const fmt = format(options.format);
    return await withDatabase(ctx, async (db) => {
      const entries = await createAuditLog(db).list({ limit, ...(options.subject !== undefined ? { subject: options.subject } : {}) });
      if (fmt === "json") ctx.out(JSON.stringify(entries, null, 2));
      else if (entries.length === 0) ctx.out("No audit entries.");
      else for (const e of entries) ctx.out(auditRow(e, ctx.config.timeZone));
      return 0;
    });
  } catch (e) {
    if (isArgumentError(e)) return fail(ctx, e.message);
    throw e;
  }
}

export const inviteCommand: Command = {
  summary: "issue a one-time staff invite code: official AGENCY… | comms | admin",
  usage: inviteUsage,
  async run(argv, ctx) {
    try {
      return await runInvite(argv, ctx);
    } catch (e) {
      if (isArgumentError(e)) return usageError("invite", inviteUsage)(ctx, e.message);
      throw e;
    }
  },
};

export const staffCommand: Command = {
  summary: "staff members (admins, officials, comms): list, revoke",
  usage: staffUsage,
  run: subcommands({ list: runStaffList, revoke: runStaffRevoke }, usageError("staff", staffUsage), isArgumentError),
};

export const auditCommand: Command = {
  summary: "the audit log of staff actions, newest first",
  usage: auditUsage,
  run: runAudit,
};
