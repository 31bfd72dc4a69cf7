// Response rates next to n: of the invitations issued in the period, how many were delivered, started and
// completed. A parent agency counts its whole subtree, as its indices do. Pure: counts in, figures out.
import type { RateCounts } from "../store/response-rates.ts";
import type { AgencyNode } from "../indices/tree.ts";
import type { GroupFigures, ResponseRates } from "../indices/types.ts";

const ZERO: RateCounts = { invited: 0, delivered: 0, started: 0, completed: 0 };

function add(a: RateCounts, b: RateCounts): RateCounts {
  return { invited: a.invited + b.invited, delivered: a.delivered + b.delivered, started: a.started + b.started, completed: a.completed + b.completed };
}

export function toRates(c: RateCounts): ResponseRates {
  return { ...c, rate: c.invited === 0 ? null : (100 * c.completed) / c.invited };
}

/** Sums each agency's own counts (keyed by agency id) into itself and every ancestor, keyed by code. */
export function rollUpAgencies(own: Map<string, RateCounts>, agencies: AgencyNode[]): Map<string, RateCounts> {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const out = new Map<string, RateCounts>();
  for (const [id, counts] of own) {
    const seen = new Set<number>();
    for (let a = byId.get(Number(id)); a && !seen.has(a.id); a = a.parentId === null ? undefined : byId.get(a.parentId)) {
      seen.add(a.id);
      out.set(a.code, add(out.get(a.code) ?? ZERO, counts));
    }
  }
  return out;
}

/** Totals of every top-level group, for a report's "all agencies" row. */
export function total(counts: Iterable<RateCounts>): RateCounts {
  let t = ZERO;
  for (const c of counts) t = add(t, c);
  return t;
}

export function attachRates(groups: GroupFigures[], counts: Map<string, RateCounts>): void {
  for (const g of groups) g.rates = toRates(counts.get(g.key) ?? ZERO);
}
