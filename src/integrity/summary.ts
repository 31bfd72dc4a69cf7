// What admins read about the flags: per flag and per agency, how many completed responses carry it and how
// many the rule excludes (pure; the rows come from src/store/integrity-queries.ts).
import type { FlaggedResponse } from "../store/integrity-queries.ts";
import { FLAGS, type IntegrityFlag } from "./thresholds.ts";

export interface AgencyIntegrity {
  code: string;
  flagged: number;
  excluded: number;
  byFlag: Record<IntegrityFlag, number>;
}

export interface IntegritySummary {
  /** Completed responses of the selection. */
  completed: number;
  flagged: number;
  excluded: number;
  byFlag: Record<IntegrityFlag, number>;
  /** Agencies with a flagged response, most flagged first. */
  agencies: AgencyIntegrity[];
}

const zero = (): Record<IntegrityFlag, number> => Object.fromEntries(FLAGS.map((f) => [f, 0])) as Record<IntegrityFlag, number>;

export function summarize(flagged: FlaggedResponse[], completed: number): IntegritySummary {
  const byFlag = zero();
  const agencies = new Map<string, AgencyIntegrity>();
  let excluded = 0;
  for (const r of flagged) {
    let a = agencies.get(r.agencyCode);
    if (!a) {
      a = { code: r.agencyCode, flagged: 0, excluded: 0, byFlag: zero() };
      agencies.set(r.agencyCode, a);
    }
    a.flagged++;
    if (r.excluded) {
      a.excluded++;
      excluded++;
    }
    for (const f of r.flags) {
      byFlag[f]++;
      a.byFlag[f]++;
    }
  }
  const list = [...agencies.values()].sort((x, y) => y.flagged - x.flagged || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  return { completed, flagged: flagged.length, excluded, byFlag, agencies: list };
}
