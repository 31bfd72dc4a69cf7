// The walk-in agency picker (pure): the registry's tree one level at a time (province → departments and
// districts → communes), and a search by typed name that ignores case and Vietnamese diacritics, so a
// citizen finds "UBND xã Đồng Tân" by typing "dong tan" instead of paging through every agency.
import type { Button } from "../messages.ts";
import { clipText } from "../format.ts";
import type { Translate } from "../i18n.ts";
import { encodeButton } from "./callback-data.ts";
import { nameIn } from "./menus-render.ts";
import type { Locale } from "../i18n.ts";

export const AGENCY_PAGE_SIZE = 8;
export const SEARCH_LIMIT = 8;

export interface PickerAgency {
  id: number;
  nameVi: string;
  nameEn: string | null;
  parentId: number | null;
}

export interface PickerView {
  text: string;
  buttons: Button[][];
}

/** Lower case, no diacritics, đ as d, single spaces: how names are compared with what was typed. */
export function foldName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function byName(locale: Locale) {
  return (a: PickerAgency, b: PickerAgency) => nameIn(locale, a).localeCompare(nameIn(locale, b), "vi") || a.id - b.id;
}

function childrenOf(all: PickerAgency[], parentId: number | null): PickerAgency[] {
  // An agency whose parent is not in the registry any more is shown at the top, not lost.
  const ids = new Set(all.map((a) => a.id));
  return all.filter((a) => (parentId === null ? a.parentId === null || !ids.has(a.parentId) : a.parentId === parentId));
}

/**
 * The level to open first: the top of the tree, or, when the registry has a single top agency (one
 * province), that agency's own level, which is where every citizen's choice lies.
 */
export function firstLevel(all: PickerAgency[]): number | null {
  const roots = childrenOf(all, null);
  return roots.length === 1 && childrenOf(all, roots[0]!.id).length > 0 ? roots[0]!.id : null;
}

/**
 * One page of one level. An agency with units below it opens them ("›"); the level's own agency can be
 * rated itself (first button); « goes up a level.
 */
export function levelView(t: Translate, locale: Locale, all: PickerAgency[], parentId: number | null, page: number, intro: string): PickerView {
  const parent = parentId === null ? undefined : all.find((a) => a.id === parentId);
  const level = childrenOf(all, parent ? parent.id : null).sort(byName(locale));
  const pages = Math.max(1, Math.ceil(level.length / AGENCY_PAGE_SIZE));
  const p = Math.min(Math.max(page, 0), pages - 1);
  const at = parent?.id ?? 0;
  const rows: Button[][] = [];
  if (parent) rows.push([{ label: t(locale, "start.rate_this", { agency: nameIn(locale, parent) }), data: encodeButton({ kind: "agency", agencyId: parent.id }) }]);
  for (const a of level.slice(p * AGENCY_PAGE_SIZE, (p + 1) * AGENCY_PAGE_SIZE)) {
    const opens = childrenOf(all, a.id).length > 0;
    rows.push([
      opens
        ? { label: `${nameIn(locale, a)} ›`, data: encodeButton({ kind: "agency-level", parentId: a.id, page: 0 }) }
        : { label: nameIn(locale, a), data: encodeButton({ kind: "agency", agencyId: a.id }) },
    ]);
  }
  const nav: Button[] = [];
  const top = firstLevel(all);
  if (parent && parent.id !== top) {
    const up = parent.parentId !== null && all.some((a) => a.id === parent.parentId) ? parent.parentId : 0;
    nav.push({ label: t(locale, "start.up_level"), data: encodeButton({ kind: "agency-level", parentId: up, page: 0 }) });
  }
  if (p > 0) nav.push({ label: t(locale, "start.previous_page"), data: encodeButton({ kind: "agency-level", parentId: at, page: p - 1 }) });
  if (p + 1 < pages) nav.push({ label: t(locale, "start.next_page"), data: encodeButton({ kind: "agency-level", parentId: at, page: p + 1 }) });
  if (nav.length) rows.push(nav);
  const heading = parent && parent.id !== top ? t(locale, "start.level", { agency: nameIn(locale, parent) }) : intro;
  return { text: `${heading}\n\n${t(locale, "start.search_hint")}`, buttons: rows };
}

/** Agencies whose name (either language) holds every typed word, best (shortest) names first. */
export function searchAgencies(all: PickerAgency[], query: string): PickerAgency[] {
  const words = foldName(query).split(" ").filter(Boolean);
  if (words.length === 0) return [];
  return all
    .filter((a) => {
      const names = ` ${foldName(a.nameVi)} ${a.nameEn ? foldName(a.nameEn) : ""} `;
      return words.every((w) => names.includes(w));
    })
    .sort((a, b) => a.nameVi.length - b.nameVi.length || a.id - b.id);
}

/** Whether typed text (with no survey running) looks like a name to search for rather than an answer. */
export function looksLikeSearch(text: string): boolean {
  return [...foldName(text).replace(/[^a-z]/g, "")].length >= 2;
}

export function searchView(t: Translate, locale: Locale, all: PickerAgency[], query: string): PickerView | null {
  const found = searchAgencies(all, query);
  if (found.length === 0) return null;
  const shown = found.slice(0, SEARCH_LIMIT);
  const rows: Button[][] = shown.map((a) => [{ label: nameIn(locale, a), data: encodeButton({ kind: "agency", agencyId: a.id }) }]);
  const lines = [t(locale, "start.search_results", { query: clipText(query.trim(), 40) })];
  if (found.length > shown.length) lines.push(t(locale, "start.search_more", { n: found.length }));
  return { text: lines.join("\n"), buttons: rows };
}
