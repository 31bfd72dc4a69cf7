// Roles in the bot: /invite (invite-dialogue.ts), /redeem, /whoami, /staff, /revoke. Anyone may send any of
// them; each checks the sender's role itself and answers a polite refusal, so a citizen typing /staff never
// meets an error. /staff puts a revoke button under each member; revoking, by button or by /revoke ID,
// asks for a confirmation, and every button is checked again in full when pressed, since its data comes
// back from the client and may be old or forged.
import type { Button, OutboundMessage } from "../messages.ts";
import { clipText } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { AgencyStore } from "../store/agencies.ts";
import type { AuditLog } from "../store/audit.ts";
import { isRole, type StaffRecord, type StaffStore } from "../store/staff.ts";
import { inPlace, say, type StaffContext, type StaffFeature } from "./feature.ts";
import { type Role, type StaffMember } from "./types.ts";
import { createInviteDialogue } from "./invite-dialogue.ts";
import { isInviteDraft, ROLES_FEATURE } from "./invite-picker.ts";
import type { Invites } from "./invites.ts";
import type { StaffMenus } from "./menu.ts";
import { requireRole } from "./permissions.ts";
import { revocable, revokeMember } from "./revoke.ts";
import { memberName, roleName, scopeText } from "./role-text.ts";
import { rolesButtons } from "./roles-buttons.ts";

export interface RolesFeatureDeps {
  staff: StaffStore;
  invites: Invites;
  /** The registry, for the agency picker of an official's invite. */
  agencies: Pick<AgencyStore, "listAll">;
  audit: AuditLog;
  t: Translate;
  timeZone: string;
  /** HAILONG_ADMINS: these are re-granted at every start, so revoking them here would not last. */
  envAdmins: readonly string[];
  /** The member's command menu in their chat, where the channel has one. */
  menus?: StaffMenus;
}

// Telegram refuses messages over 4,096 characters, and a keyboard of more than about 100 buttons: a long
// staff list goes out in several messages, each with the revoke buttons of its own members.
const MESSAGE_BUDGET = 3_500;
const BUTTONS_PER_MESSAGE = 30;
/** Of a revoke button's label (Telegram shows about 48 characters on a phone), what the name may take. */
const NAME_CHARS = 24;

export function createRolesFeature(deps: RolesFeatureDeps): StaffFeature {
  const { t } = deps;
  const invites = createInviteDialogue({ staff: deps.staff, invites: deps.invites, agencies: deps.agencies, t, timeZone: deps.timeZone });
  const stale = (ctx: StaffContext) => say(ctx, t(ctx.locale, "staff.stale_button"));

  /** A staff member trying a command beyond their role is worth knowing about; a citizen's curiosity is not. */
  async function refuse(ctx: StaffContext, command: string): Promise<OutboundMessage[]> {
    if (ctx.member) await deps.audit.record({ actor: ctx.actor, action: "staff.denied", details: { command, role: ctx.member.role } }, ctx.now);
    return say(ctx, t(ctx.locale, "roles.not_allowed"));
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
        text: `${t(m.locale, "roles.redeem.done", { role: roleName(t, m.locale, m.role), scope: scopeText(t, m.locale, m.scope) })}\n${t(m.locale, `roles.redeem.next.${m.role}`)}`,
        locale: m.locale,
      },
    ];
    const issuer = await issuerOf(r.issuedBy);
    if (issuer && issuer.id !== m.id) {
      replies.push({
        chatId: issuer.chatId,
        text: t(issuer.locale, "roles.redeem.issuer_notice", { name: memberName(m), role: roleName(t, issuer.locale, m.role), scope: scopeText(t, issuer.locale, m.scope) }),
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
    return say(ctx, t(ctx.locale, "roles.whoami.member", { role: roleName(t, ctx.locale, m.role), scope: scopeText(t, ctx.locale, m.scope), id: m.id }));
  }

  /** Whether the list offers a revoke button for `m`: not for the admin themself, nor for HAILONG_ADMINS. */
  function offersRevoke(admin: StaffMember, m: StaffRecord): boolean {
    return m.id !== admin.id && !(m.channel === "telegram" && m.role === "admin" && deps.envAdmins.includes(m.userId));
  }

  async function list(ctx: StaffContext, args: string): Promise<OutboundMessage[]> {
    const admin = requireRole(ctx, ["admin"]);
    if (!admin) return refuse(ctx, "staff");
    const l = ctx.locale;
    const filter = args.trim().toLowerCase();
    if (filter && !isRole(filter)) return say(ctx, t(l, "roles.staff.usage"));
    const members = await deps.staff.list(filter ? { role: filter as Role } : {});
    await deps.audit.record({ actor: ctx.actor, action: "staff.list", details: { role: filter || null } }, ctx.now);
    if (members.length === 0) return say(ctx, t(l, "roles.staff.empty"));
    const messages: { text: string; buttons: Button[][] }[] = [{ text: t(l, "roles.staff.header", { count: members.length }), buttons: [] }];
    for (const m of members) {
      const base = t(l, "roles.staff.line", { id: m.id, name: memberName(m), role: roleName(t, l, m.role), scope: scopeText(t, l, m.scope) });
      const line = m.stoppedAt ? `${base} ${t(l, "roles.staff.stopped")}` : base;
      let last = messages[messages.length - 1]!;
      if (last.text.length + 1 + line.length > MESSAGE_BUDGET || last.buttons.length >= BUTTONS_PER_MESSAGE) {
        last = { text: line, buttons: [] };
        messages.push(last);
      } else last.text = `${last.text}\n${line}`;
      if (offersRevoke(admin, m)) {
        // The name is cut rather than the id, which tells two people of the same name apart.
        const label = t(l, "roles.staff.revoke_button", { name: clipText(memberName(m), NAME_CHARS), id: m.id });
        last.buttons.push([{ label, data: rolesButtons.encode({ kind: "revokeAsk", member: m.id }) }]);
      }
    }
    return messages.flatMap((m) => say(ctx, m.text, m.buttons.length ? { buttons: m.buttons } : {}));
  }

  /** The member an admin may revoke, or the reply explaining why not. */
  async function revocableBy(ctx: StaffContext, admin: StaffMember, id: string): Promise<StaffRecord | OutboundMessage[]> {
    const r = await revocable(deps, id, { memberId: admin.id });
    if (r.ok) return r.target;
    if (r.reason === "self") return say(ctx, t(ctx.locale, "roles.revoke.self"));
    if (r.reason === "env_admin") return say(ctx, t(ctx.locale, "roles.revoke.env_admin", { name: memberName(r.target!) }));
    return say(ctx, t(ctx.locale, "roles.revoke.not_found", { id: id.slice(0, 40) }));
  }

  /** The question before a revoke, from /revoke ID or a button under /staff. */
  async function askRevoke(ctx: StaffContext, admin: StaffMember, id: string): Promise<OutboundMessage[]> {
    const target = await revocableBy(ctx, admin, id);
    if (Array.isArray(target)) return target;
    const l = ctx.locale;
    return say(ctx, t(l, "roles.revoke.confirm", { name: memberName(target), role: roleName(t, l, target.role), scope: scopeText(t, l, target.scope) }), {
      buttons: [
        [
          { label: t(l, "roles.revoke.yes"), data: rolesButtons.encode({ kind: "revokeYes", member: target.id }) },
          { label: t(l, "roles.revoke.no"), data: rolesButtons.encode({ kind: "revokeNo" }) },
        ],
      ],
    });
  }

  async function revoke(ctx: StaffContext, args: string): Promise<OutboundMessage[]> {
    const admin = requireRole(ctx, ["admin"]);
    if (!admin) return refuse(ctx, "revoke");
    const id = args.trim();
    if (!id || /\s/.test(id)) return say(ctx, t(ctx.locale, "roles.revoke.usage"));
    return askRevoke(ctx, admin, id);
  }

  async function confirmRevoke(ctx: StaffContext, admin: StaffMember, id: string): Promise<OutboundMessage[]> {
    const target = await revocableBy(ctx, admin, id);
    if (Array.isArray(target)) return target;
    if (!(await revokeMember(deps, target, ctx.actor, ctx.now))) return say(ctx, t(ctx.locale, "roles.revoke.not_found", { id }));
    await deps.menus?.hide(target.chatId);
    return [
      // The question becomes the answer, so its buttons cannot be pressed again.
      ...say(ctx, t(ctx.locale, "roles.revoke.done", { name: memberName(target) }), inPlace(ctx)),
      { chatId: target.chatId, text: t(target.locale, "roles.revoke.notice"), locale: target.locale },
    ];
  }

  return {
    name: ROLES_FEATURE,
    buttonPrefix: rolesButtons.prefix,
    commands: {
      async invite(ctx, args) {
        const admin = requireRole(ctx, ["admin"]);
        return admin ? invites.command(ctx, admin, args) : refuse(ctx, "invite");
      },
      redeem,
      whoami: (ctx) => whoami(ctx),
      staff: list,
      revoke,
    },
    async onButton(ctx, data) {
      const action = rolesButtons.decode(data);
      const admin = requireRole(ctx, ["admin"]);
      if (!admin) return refuse(ctx, action?.kind.startsWith("invite") ? "invite" : "revoke");
      if (!action) return stale(ctx);
      switch (action.kind) {
        case "revokeNo":
          return say(ctx, t(ctx.locale, "roles.revoke.kept"), inPlace(ctx));
        case "revokeAsk":
          return askRevoke(ctx, admin, action.member);
        case "revokeYes":
          return confirmRevoke(ctx, admin, action.member);
        default:
          return invites.onButton(ctx, admin, action);
      }
    },
    async onText(ctx, text) {
      const m = ctx.member;
      if (!m) return [];
      const admin = requireRole(ctx, ["admin"]);
      // The invite picker is the only dialogue of this feature; anything else in `pending` is left over.
      if (!admin || !isInviteDraft(m.pending)) {
        await deps.staff.setPending(m.id, null);
        return admin ? stale(ctx) : refuse(ctx, "invite");
      }
      return invites.onText(ctx, admin, m.pending, text);
    },
    async onCancel(ctx) {
      const m = ctx.member;
      if (!m) return [];
      await deps.staff.setPending(m.id, null);
      return invites.cancelled(ctx, m, say(ctx, t(ctx.locale, "roles.invite.cancelled")));
    },
  };
}
