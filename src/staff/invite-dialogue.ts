// /invite in the bot, typed or tapped. Typed: "/invite official LSN-STP lsn-hl" (agency codes in any case).
// Tapped: /invite alone offers the three roles; an official's agencies are then ticked in a picker
// (invite-picker.ts) or found by typing part of a name, and "Create code" issues it. Either way the code
// is issued, checked and audited by invites.ts, as `hailong invite` does. The caller has checked that the
// sender is an admin; each tap is checked against the picker the admin has open, since button data comes
// back from the client and may be old or forged.
import type { Button, OutboundMessage } from "../messages.ts";
import { formatDateTime } from "../format.ts";
import type { Translate } from "../i18n.ts";
import { randomId } from "../ids.ts";
import type { AgencyStore } from "../store/agencies.ts";
import { isRole, type StaffStore } from "../store/staff.ts";
import { looksLikeSearch } from "../survey/agency-picker.ts";
import type { Locale } from "../i18n.ts";
import { inPlace, say, type StaffContext } from "./feature.ts";
import { type Role, type StaffMember } from "./types.ts";
import { isInviteDraft, levelScreen, newInviteDraft, searchScreen, toggle, type InviteAgency, type InviteDraft, type Screen } from "./invite-picker.ts";
import { DEFAULT_INVITE_DAYS, MAX_INVITE_AGENCIES, type Invites } from "./invites.ts";
import { roleName, scopeText } from "./role-text.ts";
import { rolesButtons, type RolesButton } from "./roles-buttons.ts";

export interface InviteDialogueDeps {
  staff: Pick<StaffStore, "setPending">;
  invites: Invites;
  agencies: Pick<AgencyStore, "listAll">;
  t: Translate;
  timeZone: string;
}

export type InviteButton = Extract<RolesButton, { kind: "inviteRole" | "inviteToggle" | "inviteLevel" | "inviteIssue" | "inviteCancel" }>;

const SHOWN_UNKNOWN = 10;
const ROLES: readonly Role[] = ["official", "comms", "admin"];

export function createInviteDialogue(deps: InviteDialogueDeps) {
  const { t } = deps;
  const stale = (ctx: StaffContext) => say(ctx, t(ctx.locale, "staff.stale_button"));
  // The message whose picker buttons are live, per admin: when the picker moves to a new message (a typed
  // search) or ends, the older message's buttons are taken off, so no dead keyboard is left behind. In
  // memory only, a courtesy like the survey's live keyboards: after a restart an old keyboard stays, and a
  // tap on it is answered as stale.
  const live = new Map<string, string>();

  /** Takes the buttons off the admin's live picker message unless it is `keep` (the message being redrawn). */
  function retire(ctx: StaffContext, admin: StaffMember, keep?: string): OutboundMessage[] {
    const id = live.get(admin.id);
    if (id === undefined || id === keep) return [];
    live.delete(admin.id);
    return [{ chatId: ctx.event.chatId, text: "", locale: ctx.locale, editOf: id, keyboardOnly: true }];
  }

  /** Draws the picker: over the pressed message, or as a new one (then the older one loses its buttons). */
  function show(ctx: StaffContext, admin: StaffMember, s: Screen): OutboundMessage[] {
    const pressed = inPlace(ctx).editOf;
    const off = retire(ctx, admin, pressed);
    if (pressed) {
      live.set(admin.id, pressed);
      return [...off, ...say(ctx, s.text, { buttons: s.buttons, editOf: pressed })];
    }
    return [...off, ...say(ctx, s.text, { buttons: s.buttons, onSent: (id) => live.set(admin.id, id) })];
  }

  /** The picker is over: the last reply replaces the pressed message, any other picker message loses its buttons. */
  function end(ctx: StaffContext, admin: StaffMember, replies: OutboundMessage[]): OutboundMessage[] {
    const off = retire(ctx, admin, inPlace(ctx).editOf);
    live.delete(admin.id);
    return [...off, ...replies];
  }

  function roleButtons(locale: Locale): Button[][] {
    return ROLES.map((role) => [{ label: t(locale, "roles.invite.role_button", { role: roleName(t, locale, role) }), data: rolesButtons.encode({ kind: "inviteRole", role }) }]);
  }

  async function issue(ctx: StaffContext, role: Role, agencies: string[], extra: Partial<OutboundMessage> = {}): Promise<OutboundMessage[]> {
    const l = ctx.locale;
    const out = await deps.invites.issue({ role, agencies, actor: ctx.actor, now: ctx.now });
    if (out.ok) {
      const expires = formatDateTime(out.expiresAt, l, deps.timeZone);
      return say(ctx, t(l, "roles.invite.issued", { role: roleName(t, l, out.role), scope: scopeText(t, l, out.scope), code: out.code, expires }), extra);
    }
    switch (out.problem) {
      case "unknown_agencies": {
        const shown = out.unknown.slice(0, SHOWN_UNKNOWN).join(", ") + (out.unknown.length > SHOWN_UNKNOWN ? ", …" : "");
        const pick = [[{ label: t(l, "roles.invite.choose_from_list"), data: rolesButtons.encode({ kind: "inviteRole", role: "official" }) }]];
        return say(ctx, t(l, "roles.invite.unknown_agencies", { codes: shown }), { buttons: pick });
      }
      case "agencies_not_allowed":
        return say(ctx, t(l, "roles.invite.agencies_not_allowed", { role: roleName(t, l, role), command: role }));
      case "too_many_agencies":
        return say(ctx, t(l, "roles.invite.too_many_agencies", { max: MAX_INVITE_AGENCIES }));
      default:
        return say(ctx, t(l, "roles.invite.agencies_required"));
    }
  }

  async function openPicker(ctx: StaffContext, admin: StaffMember): Promise<OutboundMessage[]> {
    const all = await deps.agencies.listAll();
    // An official follows agencies: with none registered yet there is nothing to choose, so say what to do.
    if (all.length === 0) return say(ctx, t(ctx.locale, "roles.invite.no_agencies"), inPlace(ctx));
    const draft = newInviteDraft(randomId(6));
    await deps.staff.setPending(admin.id, draft);
    return show(ctx, admin, levelScreen(draft, all, ctx.locale, t));
  }

  /** Saves the draft and draws it again: the matches of its search while one is on screen, else its level. */
  async function redraw(ctx: StaffContext, admin: StaffMember, d: InviteDraft, all: InviteAgency[], note?: string): Promise<OutboundMessage[]> {
    await deps.staff.setPending(admin.id, d);
    const found = d.query && !note ? searchScreen(d, all, d.query, ctx.locale, t) : null;
    return show(ctx, admin, found ?? levelScreen(d, all, ctx.locale, t, note));
  }

  return {
    async command(ctx: StaffContext, admin: StaffMember, args: string): Promise<OutboundMessage[]> {
      const words = args.split(/[\s,;]+/).filter(Boolean);
      const role = words[0]?.toLowerCase();
      if (!isRole(role)) return say(ctx, t(ctx.locale, "roles.invite.usage", { days: DEFAULT_INVITE_DAYS }), { buttons: roleButtons(ctx.locale) });
      if (role === "official" && words.length === 1) return openPicker(ctx, admin);
      return issue(ctx, role, words.slice(1));
    },

    async onButton(ctx: StaffContext, admin: StaffMember, action: InviteButton): Promise<OutboundMessage[]> {
      if (action.kind === "inviteRole") return action.role === "official" ? openPicker(ctx, admin) : issue(ctx, action.role, [], inPlace(ctx));
      const d = isInviteDraft(admin.pending) ? admin.pending : null;
      if (!d || d.nonce !== action.nonce) return stale(ctx);
      switch (action.kind) {
        case "inviteCancel":
          await deps.staff.setPending(admin.id, null);
          return end(ctx, admin, say(ctx, t(ctx.locale, "roles.invite.cancelled"), inPlace(ctx)));
        case "inviteToggle": {
          const all = await deps.agencies.listAll();
          if (!all.some((a) => a.id === action.agency)) return stale(ctx);
          const next = toggle(d, action.agency);
          if (!next) return redraw(ctx, admin, d, all, t(ctx.locale, "roles.invite.too_many_agencies", { max: MAX_INVITE_AGENCIES }));
          return redraw(ctx, admin, next, all);
        }
        case "inviteLevel": {
          const all = await deps.agencies.listAll();
          if (action.parent !== 0 && !all.some((a) => a.id === action.parent)) return stale(ctx);
          return redraw(ctx, admin, { ...d, parent: action.parent, page: action.page, query: undefined }, all);
        }
        case "inviteIssue": {
          const all = await deps.agencies.listAll();
          // An agency removed from the registry since it was ticked is left out, not issued as unknown.
          const codes = d.picked.flatMap((id) => all.filter((a) => a.id === id).map((a) => a.code));
          if (codes.length === 0) return redraw(ctx, admin, { ...d, picked: [] }, all, t(ctx.locale, "roles.invite.pick_need_agency"));
          await deps.staff.setPending(admin.id, null);
          return end(ctx, admin, await issue(ctx, "official", codes, inPlace(ctx)));
        }
      }
    },

    /** Text typed while the picker is open: a search of the registry by name or code. */
    async onText(ctx: StaffContext, admin: StaffMember, d: InviteDraft, text: string): Promise<OutboundMessage[]> {
      const all = await deps.agencies.listAll();
      const query = text.trim();
      const found = looksLikeSearch(query) || all.some((a) => a.code.toUpperCase() === query.toUpperCase()) ? searchScreen(d, all, query, ctx.locale, t) : null;
      if (!found) {
        const note = looksLikeSearch(query) ? t(ctx.locale, "roles.invite.pick_not_found", { query: query.slice(0, 40) }) : t(ctx.locale, "roles.invite.pick_type_more");
        return show(ctx, admin, levelScreen(d, all, ctx.locale, t, note));
      }
      await deps.staff.setPending(admin.id, { ...d, query });
      return show(ctx, admin, found);
    },

    /** /cancel while the picker is open: no buttons of it stay live. */
    cancelled(ctx: StaffContext, admin: StaffMember, replies: OutboundMessage[]): OutboundMessage[] {
      return end(ctx, admin, replies);
    },
  };
}

export type InviteDialogue = ReturnType<typeof createInviteDialogue>;
