// Which agencies a staff member may see: each scope code with its whole subtree, or every agency when the
// scope is empty. Pure, over the registry as the agency store lists it, so callers decide once per request.
import type { Locale } from "../i18n.ts";

export interface RegistryAgency {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  parentId: number | null;
}

export interface ScopedAgency {
  code: string;
  name: Record<Locale, string>;
  /** 0 for a root of the scope, 1 for its children, … (for indenting a picker). */
  depth: number;
}

const byCode = (a: RegistryAgency, b: RegistryAgency) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * The agencies within `scope`, depth-first from each root (children by code). A scope code inside another
 * scope code's subtree is not listed twice; unknown codes are ignored (the agency may have been removed).
 */
export function agenciesInScope(all: RegistryAgency[], scope: string[]): ScopedAgency[] {
  const byId = new Map(all.map((a) => [a.id, a]));
  const children = new Map<number, RegistryAgency[]>();
  for (const a of all) {
    if (a.parentId === null || !byId.has(a.parentId)) continue;
    const list = children.get(a.parentId) ?? [];
    list.push(a);
    children.set(a.parentId, list);
  }
  const wanted = new Set(scope);
  const roots =
    scope.length === 0
      ? all.filter((a) => a.parentId === null || !byId.has(a.parentId))
      : all.filter((a) => wanted.has(a.code) && !hasAncestorIn(a, wanted, byId));
  const out: ScopedAgency[] = [];
  // A parent cycle in bad registry data must end the walk rather than loop.
  const seen = new Set<number>();
  const visit = (a: RegistryAgency, depth: number) => {
    if (seen.has(a.id)) return;
    seen.add(a.id);
    out.push({ code: a.code, name: { vi: a.nameVi, en: a.nameEn ?? a.nameVi }, depth });
    for (const c of (children.get(a.id) ?? []).sort(byCode)) visit(c, depth + 1);
  };
  for (const r of roots.sort(byCode)) visit(r, 0);
  return out;
}

function hasAncestorIn(a: RegistryAgency, codes: Set<string>, byId: Map<number, RegistryAgency>): boolean {
  const seen = new Set<number>([a.id]);
  for (let p = a.parentId === null ? undefined : byId.get(a.parentId); p && !seen.has(p.id); p = p.parentId === null ? undefined : byId.get(p.parentId)) {
    if (codes.has(p.code)) return true;
    seen.add(p.id);
  }
  return false;
}

/** The scope that applies to a member: admins see every agency whatever their scope says. */
export function effectiveScope(member: { role: string; scope: string[] }): string[] {
  return member.role === "admin" ? [] : member.scope;
}

/** The codes among `codes` that `scope` covers, in the order given. */
export function withinScope(codes: string[], all: RegistryAgency[], scope: string[]): string[] {
  const visible = new Set(agenciesInScope(all, scope).map((a) => a.code));
  return codes.filter((c) => visible.has(c));
}

/** The agencies a digest about the whole scope shows: the scope's roots (each covers its subtree). */
export function scopeRoots(all: RegistryAgency[], scope: string[]): string[] {
  return agenciesInScope(all, scope)
    .filter((a) => a.depth === 0)
    .map((a) => a.code);
}

/**
 * The agencies to show for a member's chosen codes: those still within their scope, else the whole scope.
 * [] means every agency (an unrestricted scope with nothing chosen); null means nothing is visible any more
 * (every scope code was removed from the registry), which must never widen to everything.
 */
export function resolveSelection(chosen: string[], all: RegistryAgency[], scope: string[]): string[] | null {
  const picked = withinScope(chosen, all, scope);
  if (picked.length > 0) return picked;
  if (scope.length === 0) return [];
  const roots = scopeRoots(all, scope);
  return roots.length > 0 ? roots : null;
}
