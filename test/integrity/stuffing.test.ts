// A seeded "stuffing" pattern among honest citizens: 200 honest responses over a month with realistic
// timing, and one chat rating the same agency 30 times in 10 minutes, all 5s, a second per question. The
// flags find exactly those 30, and the index that excludes flagged responses equals the index computed
// before they existed. Data is written with plain SQL (the flags read only the database) on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrityCommand } from "../../src/cli/integrity.ts";
import { loadConfig } from "../../src/config.ts";
import { computeIndices } from "../../src/reports/indices-service.ts";
import { silentLogger } from "../../src/logger.ts";
import { parseIndicesQuery } from "../../src/indices/options.ts";
import type { IndicesReport } from "../../src/indices/types.ts";
import { countCompleted, loadFlaggedResponses } from "../../src/store/integrity-queries.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { honest, insertResponses, stuffing } from "./seed.ts";

const TZ = "Asia/Ho_Chi_Minh";
// November 2026 in Hà Nội; the data, not the machine's clock, decides the period.
const MONTH = { from: new Date("2026-10-31T17:00:00Z"), to: new Date("2026-11-30T17:00:00Z") };

const query = (exclude: "flagged" | "none") => parseIndicesQuery({ period: "2026-11", exclude }, { timeZone: TZ, minN: 30, format: "json" });

/** The figures of a report without what the integrity rule adds. */
function figures(r: IndicesReport) {
  return r.groups.map((g) => ({ key: g.key, responses: g.responses, overall: g.overall, elements: g.elements, items: g.items }));
}

describe.each(await databaseKinds())("integrity flags against a stuffing pattern (%s)", (kind) => {
  let t: TestDatabase;
  let honestOnly: IndicesReport;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const [a] = await t.db.sql.query<{ id: number }>(`INSERT INTO agency (code, name_vi) VALUES ('LSN-STP', 'Sở Tư pháp') RETURNING id`);
    const agencyId = Number(a!.id);
    await insertResponses(t.db, agencyId, honest());
    honestOnly = await computeIndices(t.db, query("none"));
    await insertResponses(t.db, agencyId, stuffing());
  }, 120_000);
  afterAll(async () => t?.dispose());

  it("flags exactly the 30 stuffed responses, for the reasons they share, and none of the honest ones", async () => {
    const flagged = await loadFlaggedResponses(t.db, { ...MONTH, agency: null });
    expect(flagged.map((f) => f.id).sort()).toEqual(stuffing().map((s) => s.id).sort());
    for (const f of flagged) {
      expect(f.flags).toEqual(expect.arrayContaining(["many_from_respondent", "too_fast", "agency_burst", "identical_run"]));
      expect(f.excluded).toBe(true);
    }
    expect(await countCompleted(t.db, { ...MONTH, agency: "LSN-STP" })).toBe(230);
  });

  it("leaves the index that excludes flagged responses equal to the honest index, and says how many it left out", async () => {
    const excluding = await computeIndices(t.db, query("flagged"));
    expect(figures(excluding)).toEqual(figures(honestOnly));
    expect(excluding.integrity?.excludedTotal).toBe(30);
    expect(excluding.integrity?.excluded.get("LSN-STP")).toBe(30);
    const everything = await computeIndices(t.db, query("none"));
    expect(everything.groups[0]!.responses).toBe(230);
    expect(everything.groups[0]!.overall.value).toBeGreaterThan(honestOnly.groups[0]!.overall.value!);
    expect(everything.integrity?.excludedTotal).toBe(0);
  });

  it("is what `hailong integrity` shows, in either language", async () => {
    const out: string[] = [];
    const ctx = {
      env: {},
      config: loadConfig({}),
      logger: silentLogger(),
      out: (l: string) => out.push(l),
      err: (l: string) => out.push(`ERR ${l}`),
      openDatabase: async () => ({ ...t.db, close: async () => undefined }),
    };
    expect(await integrityCommand.run(["--period", "2026-11", "--agency", "lsn-stp", "--locale", "en"], ctx)).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("Completed responses: 230 · flagged: 30 · excluded from an index (when the rule is applied): 30");
    expect(text).toContain("• Faster than a person can read (under 2 s a question): 30");
    expect(text).toContain("• LSN-STP: 30 / 30");
    out.length = 0;
    expect(await integrityCommand.run(["--period", "2026-11", "--format", "json"], ctx)).toBe(0);
    expect(JSON.parse(out.join("\n"))).toMatchObject({ period: "2026-11", completed: 230, flagged: 30, excluded: 30 });
    out.length = 0;
    expect(await integrityCommand.run(["--period", "2026-11", "--agency", "NOPE"], ctx)).toBe(1);
  });
});
