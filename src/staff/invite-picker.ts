// The agencies of an official's invite, chosen by taps (pure): the registry's tree one level at a time as
// in the citizens' walk-in picker (an agency with units below it opens them, the level's own agency is
// ticked with the first button), or the agencies whose name or code matches what the admin typed, found
// with the walk-in picker's matching (case and Vietnamese diacritics ignored). The draft lives in the
// member's `pending`; every button carries its nonce, so a button of an older picker is stale.
import type { Button } from "../messages.ts";
import { clipText } from "../format.ts";
import type { Translate } from "../i18n.ts";
import { AGENCY_PAGE_SIZE, firstLevel, searchAgencies, SEARCH_LIMIT } from "../survey/agency-picker.ts";
import { nameIn } from "../survey/menus-render.ts";
import type { Locale } from "../i18n.ts";
import { MAX_INVITE_AGENCIES } from "./invites.ts";
import { rolesButtons } from "./roles-buttons.ts";

export const ROLES_FEATURE = "roles";

// A type (not an interface) so that it fits StaffMember["pending"], whose keys are open.
export type InviteDraft = {
  feature: typeof ROLES_FEATURE;
  kind: "invite";
  nonce: string;
  /** Agency ids, in the order ticked. */
  picked: number[];
  /** The level shown: an agency id, or 0 for the first level. */
  parent: number;
  page: number;
  /** What the admin last searched for, while the matches are on screen. */
  query?: string;
};

export interface InviteAgency {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  parentId: number | null;
}

export interface Screen {
  text: string;
  buttons: Button[][];
}

/** Telegram shows about this many characters of a button label on a phone; longer names are cut. */
const LABEL_CHARS = 48;

export function isInviteDraft(p: unknown): p is InviteDraft {
  const d = p as Partial<InviteDraft> | null;
  return !!d && d.feature === ROLES_FEATURE && d.kind === "invite" && typeof d.nonce === "string" && Array.isArray(d.picked) && typeof d.parent === "number" && typeof d.page === "number";
}

export function newInviteDraft(nonce: string): InviteDraft {
  return { feature: ROLES_FEATURE, kind: "invite", nonce, picked: [], parent: 0, page: 0 };
}

/** Ticks or unticks an agency; null when the invite would name more agencies than a code may carry. */
export function toggle(d: InviteDraft, agencyId: number): InviteDraft | null {
  if (d.picked.includes(agencyId)) return { ...d, picked: d.picked.filter((id) => id !== agencyId) };
  return d.picked.length >= MAX_INVITE_AGENCIES ? null : { ...d, picked: [...d.picked, agencyId] };
}

function children(all: InviteAgency[], parentId: number | null, locale: Locale): InviteAgency[] {
  const ids = new Set(all.map((a) => a.id));
  // An agency whose parent is not in the registry any more is shown at the top, not lost.
  const level = all.filter((a) => (parentId === null ? a.parentId === null || !ids.has(a.parentId) : a.parentId === parentId));
  return level.sort((a, b) => nameIn(locale, a).localeCompare(nameIn(locale, b), "vi") || a.id - b.id);
}

function chosenLine(d: InviteDraft, all: InviteAgency[], locale: Locale, t: Translate): string {
  const names = d.picked.flatMap((id) => all.filter((a) => a.id === id).map((a) => nameIn(locale, a)));
  return names.length === 0 ? t(locale, "roles.invite.pick_none") : t(locale, "roles.invite.pick_chosen", { count: names.length, names: names.join("; ") });
}

function controls(d: InviteDraft, locale: Locale, t: Translate): Button[] {
  return [
    { label: t(locale, "roles.invite.pick_cancel"), data: rolesButtons.encode({ kind: "inviteCancel", nonce: d.nonce }) },
    { label: t(locale, "roles.invite.pick_issue", { count: d.picked.length }), data: rolesButtons.encode({ kind: "inviteIssue", nonce: d.nonce }) },
  ];
}

function tick(d: InviteDraft, a: InviteAgency, label: string): Button {
  const mark = d.picked.includes(a.id) ? "☑" : "☐";
  return { label: clipText(`${mark} ${label}`, LABEL_CHARS), data: rolesButtons.encode({ kind: "inviteToggle", nonce: d.nonce, agency: a.id }) };
}

/** The level the draft is on, one page of it. `note` says why the screen came back (e.g. nothing ticked yet). */
export function levelScreen(d: InviteDraft, all: InviteAgency[], locale: Locale, t: Translate, note?: string): Screen {
  const top = firstLevel(all);
  const parent = d.parent === 0 ? undefined : all.find((a) => a.id === d.parent);
  const at = parent ?? (top === null ? undefined : all.find((a) => a.id === top));
  const level = children(all, at ? at.id : null, locale);
  const pages = Math.max(1, Math.ceil(level.length / AGENCY_PAGE_SIZE));
  const page = Math.min(Math.max(d.page, 0), pages - 1);
  const rows: Button[][] = [];
  if (at) rows.push([tick(d, at, t(locale, "roles.invite.pick_whole", { agency: nameIn(locale, at) }))]);
  for (const a of level.slice(page * AGENCY_PAGE_SIZE, (page + 1) * AGENCY_PAGE_SIZE)) {
    const opens = all.some((c) => c.parentId === a.id);
    if (!opens) rows.push([tick(d, a, nameIn(locale, a))]);
    else {
      const mark = d.picked.includes(a.id) ? "☑" : "☐";
      const data = rolesButtons.encode({ kind: "inviteLevel", nonce: d.nonce, parent: a.id, page: 0 });
      rows.push([{ label: clipText(`${mark} ${nameIn(locale, a)} ›`, LABEL_CHARS), data }]);
    }
  }
  const nav: Button[] = [];
  const pageOf = (p: number) => rolesButtons.encode({ kind: "inviteLevel", nonce: d.nonce, parent: at?.id ?? 0, page: p });
  if (parent && parent.id !== top) {
    const up = parent.parentId !== null && parent.parentId !== top && all.some((a) => a.id === parent.parentId) ? parent.parentId : 0;
    nav.push({ label: t(locale, "start.up_level"), data: rolesButtons.encode({ kind: "inviteLevel", nonce: d.nonce, parent: up, page: 0 }) });
  }
  if (page > 0) nav.push({ label: t(locale, "start.previous_page"), data: pageOf(page - 1) });
  if (page + 1 < pages) nav.push({ label: t(locale, "start.next_page"), data: pageOf(page + 1) });
  if (nav.length) rows.push(nav);
  rows.push(controls(d, locale, t));
  const lines = [t(locale, "roles.invite.pick_intro"), chosenLine(d, all, locale, t)];
  if (parent && parent.id !== top) lines.push(t(locale, "roles.invite.pick_level", { agency: nameIn(locale, parent) }));
  if (note) lines.push(note);
  return { text: lines.join("\n\n"), buttons: rows };
}

/**
 * The agencies matching typed text: a code typed in any case first (people copy codes from the registry),
 * then names holding every typed word. Null when nothing matches.
 */
export function searchScreen(d: InviteDraft, all: InviteAgency[], query: string, locale: Locale, t: Translate): Screen | null {
  const typed = query.trim().toUpperCase();
  const byId = new Map(all.map((a) => [a.id, a]));
  const byCode = all.filter((a) => a.code.toUpperCase() === typed);
  const byName = searchAgencies(all, query).flatMap((p) => (byCode.some((c) => c.id === p.id) ? [] : [byId.get(p.id)!]));
  const found = [...byCode, ...byName];
  if (found.length === 0) return null;
  const rows: Button[][] = found.slice(0, SEARCH_LIMIT).map((a) => [tick(d, a, nameIn(locale, a))]);
  rows.push([{ label: t(locale, "roles.invite.pick_back"), data: rolesButtons.encode({ kind: "inviteLevel", nonce: d.nonce, parent: d.parent, page: d.page }) }]);
  rows.push(controls(d, locale, t));
  const lines = [t(locale, "roles.invite.pick_results", { query: clipText(query.trim(), 40) }), chosenLine(d, all, locale, t)];
  if (found.length > SEARCH_LIMIT) lines.push(t(locale, "roles.invite.pick_more", { count: found.length }));
  return { text: lines.join("\n\n"), buttons: rows };
}
