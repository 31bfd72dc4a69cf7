// What can be announced, for the bot's pickers: the indices, units and years the official results registry
// holds (and PAR INDEX with SIPAS together, for the units and years that have both), the agencies within a
// person's scope, and the last complete month and quarter.
import type { Stores } from "../store/stores.ts";
import { localDateOf } from "../format.ts";
import { parsePeriod, previousPeriod } from "../indices/period.ts";
import { JOINED, type OfficialIndexDef } from "../results/indices.ts";
import type { OfficialUnitDef } from "../results/units.ts";
import { type Agency } from "../store/agencies.ts";
import { type StoredResult } from "../store/official-results.ts";

export interface SourceCatalog {
  indices(): Promise<OfficialIndexDef[]>;
  units(indexCode: string): Promise<OfficialUnitDef[]>;
  years(indexCode: string, unitCode: string): Promise<number[]>;
  /**
   * The agency registry, for one picker tap: read it once, then use scopeRootsOf and childrenOf below, and
   * src/staff/scope.ts for what a scope covers.
   */
  agencies(): Promise<Agency[]>;
}

const byName = (a: Agency, b: Agency) => a.nameVi.localeCompare(b.nameVi, "vi");

/** The agencies a scope starts at (its own codes, or the top of the tree for an empty scope), by name. */
export function scopeRootsOf(all: readonly Agency[], scope: readonly string[]): Agency[] {
  return (scope.length === 0 ? all.filter((a) => a.parentId === null) : all.filter((a) => scope.includes(a.code))).sort(byName);
}

/** An agency's children, by name. */
export function childrenOf(all: readonly Agency[], id: number): Agency[] {
  return all.filter((a) => a.parentId === id).sort(byName);
}

const FIRST_YEAR = 2000;

/** The two headline indices in one post, as the province reports them side by side. */
export const TOGETHER: OfficialIndexDef = {
  code: `PAR_INDEX${JOINED}SIPAS`,
  nameVi: "PAR INDEX và SIPAS",
  nameEn: "PAR INDEX and SIPAS",
  graded: false,
  parentCode: null,
  position: null,
};

/** The last complete month and quarter before `now`, as period labels ("2026-10", "2026-Q3"). */
export function lastPeriods(now: Date, timeZone: string): { month: string; quarter: string } {
  const today = localDateOf(now, timeZone);
  const month = previousPeriod(parsePeriod(today.slice(0, 7), timeZone)).label;
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const quarter = previousPeriod(parsePeriod(`${today.slice(0, 4)}-Q${q}`, timeZone)).label;
  return { month, quarter };
}

export function createSourceCatalog(stores: Pick<Stores, "officialResults" | "agencies">, now: () => Date): SourceCatalog {
  const { officialResults: results, agencies } = stores;

  async function rows(indexCode: string): Promise<StoredResult[]> {
    const last = Number(now().toISOString().slice(0, 4));
    const years = Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
    return results.find({ indexCode, years });
  }

  /** "unit|year" of every row of each index named (several joined by "+"): only those all of them have. */
  async function shared(indexCode: string): Promise<string[]> {
    const perIndex = await Promise.all(indexCode.split(JOINED).map(async (code) => new Set((await rows(code)).map((r) => `${r.unitCode}|${r.year}`))));
    const [first, ...others] = perIndex;
    return [...(first ?? [])].filter((k) => others.every((o) => o.has(k)));
  }

  return {
    async indices() {
      const listed = await results.listIndices();
      const withRows = (await Promise.all(listed.map(async (i) => ((await rows(i.code)).length > 0 ? i : null)))).filter((i): i is OfficialIndexDef => i !== null);
      const together = (await shared(TOGETHER.code)).length > 0 ? [TOGETHER] : [];
      return [...together, ...withRows];
    },
    async units(indexCode) {
      const codes = new Set((await shared(indexCode)).map((k) => k.split("|")[0]));
      return (await results.listUnits()).filter((u) => codes.has(u.code)).sort((a, b) => a.nameVi.localeCompare(b.nameVi, "vi"));
    },
    async years(indexCode, unitCode) {
      const years = (await shared(indexCode)).filter((k) => k.startsWith(`${unitCode}|`)).map((k) => Number(k.split("|")[1]));
      return [...new Set(years)].sort((a, b) => b - a);
    },
    agencies: () => agencies.listAll(),
  };
}
