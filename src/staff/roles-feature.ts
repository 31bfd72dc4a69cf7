// Roles in the bot: /invite, /redeem, /whoami, /staff, /revoke. Anyone may send any of them; each checks the
// sender's role itself and answers a polite refusal, so a citizen typing /staff never meets an error.
// Revoking asks for a confirmation button; the button is checked again in full when pressed, since its data
// comes back from the client and may be old or forged.
import type { OutboundMessage } from "../channels/channel.ts";
import { formatDateTime } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { AuditLog } from "../store/audit.ts";
import { isRole, type StaffRecord, type StaffStore } from "../store/staff.ts";
import type { Locale } from "../survey/types.ts";
import { say, type Role, type StaffContext, type StaffFeature, type StaffMember } from "./feature.ts";
import { DEFAULT_INVITE_DAYS, MAX_INVITE_AGENCIES, type Invites } from "./invites.ts";
import type { StaffMenus } from "./menu.ts";
import { requireRole } from "./permissions.ts";
import { revocable, revokeMember } from "./revoke.ts";
import { rolesButtons } from "./roles-buttons.ts";

export interface RolesFeatureDeps {
  staff: StaffStore;
  invites: Invites;
  audit: AuditLog;
  t: Translate;
  timeZone: string;
  /** HAILONG_ADMINS: these are re-granted at every start, so revoking them here would not last. */
  envAdmins: readonly string[];
  /** The member's command menu in their chat, where the channel has one. */
  menus?: StaffMenus;
}

// Telegram refuses messages over 4,096 characters; a long staff list goes out in several.
const MESSAGE_BUDGET = 3_500;
const SHOWN_UNKNOWN = 10;

export function createRolesFeature(deps: RolesFeatureDeps): StaffFeature {
  const { t } = deps;
  const roleName = (locale: Locale, role: Role) => t(locale, `roles.role.${role}`);
  const scopeText = (locale: Locale, scope: string[]) =>
    scope.length === 0 ? t(locale, "roles.scope_all") : t(locale, "roles.scope_some", { codes: scope.join(", ") });
  const nameOf = (m: Pick<StaffMember, "displayName" | "channel" | "userId">) => m.displayName ?? `${m.channel}:${m.userId}`;

  /** A staff member trying a command beyond their role is worth knowing about; a citizen's curiosity is not. */
  async function refuse(ctx: StaffContext, command: string): Promise<OutboundMessage[]> {
    if (ctx.member) await deps.audit.record({ actor: ctx.actor, action: "staff.denied", details: { command, role: ctx.member.role } }, ctx.now);
    return say(ctx, t(ctx.locale, "roles.not_allowed"));
  }

  async function invite(ctx: StaffContext, args: string): Promise<OutboundMessage[]> {
    if (!requireRole(ctx, ["admin"])) return refuse(ctx, "invite");
    const words = args.split(/[\s,;]+/).filter(Boolean);
    const role = words[0]?.toLowerCase();
    if (!isRole(role)) return say(ctx, t(ctx.locale, "roles.invite.usage", { days: DEFAULT_INVITE_DAYS }));
    const out = await deps.invites.issue({ role, agencies: words.slice(1), actor: ctx.actor, now: ctx.now });
    if (!out.ok) {
      switch (out.problem) {
        case "unknown_agencies": {
          const shown = out.unknown.slice(0, SHOWN_UNKNOWN).join(", ") + (out.unknown.length > SHOWN_UNKNOWN ? ", …" : "");
          return say(ctx, t(ctx.locale, "roles.invite.unknown_agencies", { codes: shown }));
        }
        case "agencies_not_allowed":
          return say(ctx, t(ctx.locale, "roles.invite.agencies_not_allowed", { role: roleName(ctx.locale, role), command: role }));
        case "too_many_agencies":
          return say(ctx, t(ctx.locale, "roles.invite.too_many_agencies", { max: MAX_INVITE_AGENCIES }));
        default:
          return say(ctx, t(ctx.locale, "roles.invite.agencies_required"));
      }
    }
    return say(
      ctx,
      t(ctx.locale, "roles.invite.issued", {
        role: roleName(ctx.locale, out.role),
        scope: scopeText(ctx.locale, out.scope),
        code: out.code,
        expires: formatDateTime(out.expiresAt, ctx.locale, deps.timeZone),
      }),
    );
  }

  async function redeem(ctx: StaffContext, args: string): Promise<OutboundMessage[]> {
    if (!args.trim()) return say(ctx, t(ctx.locale, "roles.redeem.usage"));
    const e = ctx.event;
    const r = await deps.invites.redeem({ typed: args, channel: e.channel, userId: e.userId, chatId: e.chatId, displayName: e.displayName ?? null, locale: ctx.locale, now: ctx.now });
    if (!r.ok) return say(ctx, t(ctx.locale, `roles.redeem.${r.reason}`));
    const m = r.member;
    await deps.menus?.show(m);
    const replies: OutboundMessage[] = [
      {
        chatId: m.chatId,
        text: `${t(m.locale, "roles.redeem.done", { role: roleName(m.locale, m.role), scope: scopeText(m.locale, m.scope) })}\n${t(m.locale, `roles.redeem.next.${m.role}`)}`,
        locale: m.locale,
      },
    ];
    const issuer = await issuerOf(r.issuedBy);
    if (issuer && issuer.id !== m.id) {
      replies.push({
        chatId: issuer.chatId,
        text: t(issuer.locale, "roles.redeem.issuer_notice", { name: nameOf(m), role: roleName(issuer.locale, m.role), scope: scopeText(issuer.locale, m.scope) }),
        locale: issuer.locale,
      });
    }
    return replies;
  }

  /** The admin who issued the code, when it was issued in the bot and they are still an admin there. */
  async function issuerOf(actor: string): Promise<StaffRecord | null> {
    const m = /^(telegram):(\d+)$/.exec(actor);
    if (!m) return null;
    const who = await deps.staff.find(m[1]!, m[2]!);
    return who?.role === "admin" ? who : null;
  }

  async function whoami(ctx: StaffContext): Promise<OutboundMessage[]> {
    const m = ctx.member;
    if (!m) return say(ctx, t(ctx.locale, "roles.whoami.none"));
    return say(ctx, t(ctx.locale, "roles.whoami.member", { role: roleName(ctx.locale, m.role), scope: scopeText(ctx.locale, m.scope), id: m.id }));
  }

  async function list(ctx: StaffContext, args: string): Promise<OutboundMessage[]> {
    if (!requireRole(ctx, ["admin"])) return refuse(ctx, "staff");
    const filter = args.trim().toLowerCase();
    if (filter && !isRole(filter)) return say(ctx, t(ctx.locale, "roles.staff.usage"));
    const members = await deps.staff.list(filter ? { role: filter as Role } : {});
    await deps.audit.record({ actor: ctx.actor, action: "staff.list", details: { role: filter || null } }, ctx.now);
    if (members.length === 0) return say(ctx, t(ctx.locale, "roles.staff.empty"));
    const lines = members.map((m) => {
      const line = t(ctx.locale, "roles.staff.line", { id: m.id, name: nameOf(m), role: roleName(ctx.locale, m.role), scope: scopeText(ctx.locale, m.scope) });
      return m.stoppedAt ? `${line} ${t(ctx.locale, "roles.staff.stopped")}` : line;
    });
    const messages: string[] = [t(ctx.locale, "roles.staff.header", { count: members.length })];
    for (const line of lines) {
      const last = messages[messages.length - 1]!;
      if (last.length + 1 + line.length > MESSAGE_BUDGET) messages.push(line);
      else messages[messages.length - 1] = `${last}\n${line}`;
    }
    return messages.flatMap((text) => say(ctx, text));
  }

  /** The member an admin may revoke, or the reply explaining why not. */
  async function revocableBy(ctx: StaffContext, admin: StaffMember, id: string): Promise<StaffRecord | OutboundMessage[]> {
    const r = await revocable(deps, id, { memberId: admin.id });
    if (r.ok) return r.target;
    if (r.reason === "self") return say(ctx, t(ctx.locale, "roles.revoke.self"));
    if (r.reason === "env_admin") return say(ctx, t(ctx.locale, "roles.revoke.env_admin", { name: nameOf(r.target!) }));
    return say(ctx, t(ctx.locale, "roles.revoke.not_found", { id: id.slice(0, 40) }));
  }

  async function revoke(ctx: StaffContext, args: string): Promise<OutboundMessage[]> {
    const admin = requireRole(ctx, ["admin"]);
    if (!admin) return refuse(ctx, "revoke");
    const id = args.trim();
    if (!id || /\s/.test(id)) return say(ctx, t(ctx.locale, "roles.revoke.usage"));
    const target = await revocableBy(ctx, admin, id);
    if (Array.isArray(target)) return target;
    return say(
      ctx,
      t(ctx.locale, "roles.revoke.confirm", { name: nameOf(target), role: roleName(ctx.locale, target.role), scope: scopeText(ctx.locale, target.scope) }),
      {
        buttons: [
          [
            { label: t(ctx.locale, "roles.revoke.yes"), data: rolesButtons.encode({ kind: "revokeYes", member: target.id }) },
            { label: t(ctx.locale, "roles.revoke.no"), data: rolesButtons.encode({ kind: "revokeNo" }) },
          ],
        ],
      },
    );
  }

  async function confirmRevoke(ctx: StaffContext, admin: StaffMember, id: string): Promise<OutboundMessage[]> {
    const target = await revocableBy(ctx, admin, id);
    if (Array.isArray(target)) return target;
    if (!(await revokeMember(deps, target, ctx.actor, ctx.now))) return say(ctx, t(ctx.locale, "roles.revoke.not_found", { id }));
    await deps.menus?.hide(target.chatId);
    return [
      ...say(ctx, t(ctx.locale, "roles.revoke.done", { name: nameOf(target) })),
      { chatId: target.chatId, text: t(target.locale, "roles.revoke.notice"), locale: target.locale },
    ];
  }

  return {
    name: "roles",
    buttonPrefix: rolesButtons.prefix,
    commands: {
      invite,
      redeem,
      whoami: (ctx) => whoami(ctx),
      staff: list,
      revoke,
    },
    async onButton(ctx, data) {
      const admin = requireRole(ctx, ["admin"]);
      if (!admin) return refuse(ctx, "revoke");
      const action = rolesButtons.decode(data);
      switch (action?.kind) {
        case "revokeNo":
          return say(ctx, t(ctx.locale, "roles.revoke.kept"));
        case "revokeYes":
          return confirmRevoke(ctx, admin, action.member);
        default:
          return say(ctx, t(ctx.locale, "staff.stale_button"));
      }
    },
  };
}
