// What can be announced, for the bot's pickers: the indices, units and years the official results registry
// holds, the agencies within a person's scope, and the last complete month and quarter.
import { localDateOf } from "../format.ts";
import { parsePeriod, previousPeriod } from "../indices/period.ts";
import type { OfficialIndexDef } from "../results/indices.ts";
import type { OfficialUnitDef } from "../results/units.ts";
import { createAgencyStore, type Agency } from "../store/agencies.ts";
import type { Database } from "../store/database.ts";
import { createOfficialResultsStore, type StoredResult } from "../store/official-results.ts";

export interface SourceCatalog {
  indices(): Promise<OfficialIndexDef[]>;
  units(indexCode: string): Promise<OfficialUnitDef[]>;
  years(indexCode: string, unitCode: string): Promise<number[]>;
  /** The agencies a scope starts at (its own codes, or the top of the tree for an empty scope). */
  scopeRoots(scope: readonly string[]): Promise<Agency[]>;
  agency(id: number): Promise<Agency | null>;
  children(id: number): Promise<Agency[]>;
  /** Whether an agency lies within a scope (itself or under one of its codes). */
  inScope(id: number, scope: readonly string[]): Promise<boolean>;
}

const FIRST_YEAR = 2000;

/** The last complete month and quarter before `now`, as period labels ("2026-10", "2026-Q3"). */
export function lastPeriods(now: Date, timeZone: string): { month: string; quarter: string } {
  const today = localDateOf(now, timeZone);
  const month = previousPeriod(parsePeriod(today.slice(0, 7), timeZone)).label;
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const quarter = previousPeriod(parsePeriod(`${today.slice(0, 4)}-Q${q}`, timeZone)).label;
  return { month, quarter };
}

export function createSourceCatalog(db: Database, now: () => Date): SourceCatalog {
  const results = createOfficialResultsStore(db);
  const agencies = createAgencyStore(db);

  async function rows(indexCode: string): Promise<StoredResult[]> {
    const last = Number(now().toISOString().slice(0, 4));
    const years = Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
    return results.find({ indexCode, years });
  }

  async function all(): Promise<Agency[]> {
    return agencies.listAll();
  }

  return {
    async indices() {
      const listed = await results.listIndices();
      const withRows = await Promise.all(listed.map(async (i) => ((await rows(i.code)).length > 0 ? i : null)));
      return withRows.filter((i): i is OfficialIndexDef => i !== null);
    },
    async units(indexCode) {
      const codes = new Set((await rows(indexCode)).map((r) => r.unitCode));
      return (await results.listUnits()).filter((u) => codes.has(u.code)).sort((a, b) => a.nameVi.localeCompare(b.nameVi, "vi"));
    },
    async years(indexCode, unitCode) {
      return [...new Set((await rows(indexCode)).filter((r) => r.unitCode === unitCode).map((r) => r.year))].sort((a, b) => b - a);
    },
    async scopeRoots(scope) {
      const list = await all();
      const roots = scope.length === 0 ? list.filter((a) => a.parentId === null) : list.filter((a) => scope.includes(a.code));
      return roots.sort((a, b) => a.nameVi.localeCompare(b.nameVi, "vi"));
    },
    agency: (id) => agencies.findById(id),
    async children(id) {
      return (await all()).filter((a) => a.parentId === id).sort((a, b) => a.nameVi.localeCompare(b.nameVi, "vi"));
    },
    async inScope(id, scope) {
      if (scope.length === 0) return true;
      const byId = new Map((await all()).map((a) => [a.id, a]));
      for (let a = byId.get(id); a; a = a.parentId === null ? undefined : byId.get(a.parentId)) {
        if (scope.includes(a.code)) return true;
      }
      return false;
    },
  };
}
