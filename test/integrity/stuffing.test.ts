// A seeded "stuffing" pattern among honest citizens: 200 honest responses over a month with realistic
// timing, and one chat rating the same agency 30 times in 10 minutes, all 5s, a second per question. The
// flags find exactly those 30, and the index that excludes flagged responses equals the index computed
// before they existed. Data is written with plain SQL (the flags read only the database) on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrityCommand } from "../../src/cli/integrity.ts";
import { loadConfig } from "../../src/config.ts";
import { computeIndices } from "../../src/indices/indices-service.ts";
import { silentLogger } from "../../src/logger.ts";
import { parseIndicesQuery } from "../../src/indices/options.ts";
import type { IndicesReport } from "../../src/indices/types.ts";
import { countCompleted, loadFlaggedResponses } from "../../src/store/integrity-queries.ts";
import { utcText } from "../../src/store/sql-values.ts";
import type { Database } from "../../src/store/database.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const TZ = "Asia/Ho_Chi_Minh";
const ITEMS = [
  ["access", "access"],
  ["procedures", "procedures"],
  ["civil_servants", "civil_servants"],
  ["results", "results"],
  ["feedback", "feedback"],
  ["overall", null],
] as const;
// November 2026 in Hà Nội; the data, not the machine's clock, decides the period.
const MONTH = { from: new Date("2026-10-31T17:00:00Z"), to: new Date("2026-11-30T17:00:00Z") };

/** A small seeded generator, so the honest answers are the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Seeded {
  id: string;
  respondent: string;
  walkIn: boolean;
  completedAt: Date;
  /** Seconds spent on each question, in order. */
  gaps: number[];
  scores: number[];
}

function honest(): Seeded[] {
  const rnd = random(20261127);
  return Array.from({ length: 200 }, (_, i) => {
    // Working days spread over the month, 08:00–16:30 Hà Nội time (01:00–09:30 UTC).
    const day = 2 + (i % 27);
    const minute = 60 + Math.floor(rnd() * 510);
    const completedAt = new Date(Date.UTC(2026, 10, day, 0, minute, Math.floor(rnd() * 60)));
    const scores = ITEMS.map(() => [2, 3, 4, 4, 5, 5, 5][Math.floor(rnd() * 7)] as number);
    const gaps = ITEMS.map(() => 4 + Math.floor(rnd() * 22));
    return { id: `honest-${i}`, respondent: `person-${i}`, walkIn: i % 3 === 0, completedAt, gaps, scores };
  });
}

function stuffing(): Seeded[] {
  const start = Date.UTC(2026, 10, 18, 2, 0, 0); // 09:00 on 18 Nov in Hà Nội
  return Array.from({ length: 30 }, (_, i) => ({
    id: `stuffed-${i}`,
    respondent: "one-phone-at-the-counter",
    walkIn: true,
    completedAt: new Date(start + i * 20_000),
    gaps: ITEMS.map(() => 1),
    scores: ITEMS.map(() => 5),
  }));
}

async function insert(db: Database, agencyId: number, rows: Seeded[]): Promise<void> {
  for (const r of rows) {
    const total = r.gaps.reduce((a, b) => a + b, 0);
    const started = new Date(r.completedAt.getTime() - total * 1000);
    await db.sql.query(`INSERT INTO respondent (id, channel, chat_id, locale) VALUES ($1, 'telegram', $1, 'vi') ON CONFLICT (id) DO NOTHING`, [r.respondent]);
    await db.sql.query(
      `INSERT INTO response (id, respondent_id, agency_id, channel, locale, questionnaire_id, questionnaire_version, walk_in, status, state,
                             started_at, updated_at, completed_at)
       VALUES ($1, $2, $3, 'telegram', 'vi', 'sipas-short', 1, $4, 'completed', '{}'::jsonb, $5::timestamp, $6::timestamp, $6::timestamp)`,
      [r.id, r.respondent, agencyId, r.walkIn, utcText(started), utcText(r.completedAt)],
    );
    let at = started.getTime();
    for (const [i, [item, element]] of ITEMS.entries()) {
      at += (r.gaps[i] as number) * 1000;
      await db.sql.query(`INSERT INTO answer (response_id, item_id, element, score, skipped, answered_at) VALUES ($1, $2, $3, $4, false, $5::timestamp)`, [
        r.id,
        item,
        element,
        r.scores[i],
        utcText(new Date(at)),
      ]);
    }
  }
}

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
    await insert(t.db, agencyId, honest());
    honestOnly = await computeIndices(t.db, query("none"));
    await insert(t.db, agencyId, stuffing());
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
