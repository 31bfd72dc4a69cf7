// The report computed from the database, on the embedded default and on PostgreSQL, must be exact and
// identical on both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIndicesRoutes } from "../../src/http/indices-route.ts";
import { indicesCommand } from "../../src/cli/indices.ts";
import { loadConfig } from "../../src/config.ts";
import { computeIndices } from "../../src/reports/indices-service.ts";
import { reportToJson } from "../../src/indices/json.ts";
import { parseIndicesQuery } from "../../src/indices/options.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Database } from "../../src/store/database.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { insertAgencies, insertResponses, uniform, type TestResponse } from "./helpers.ts";

const config = loadConfig({});
const query = (raw: Record<string, string>) => parseIndicesQuery(raw, { timeZone: config.timeZone, minN: config.minN, format: "json" });

// Province LS → departments D1 (with commune C1) and D2. Q4 2026 = 2026-09-30T17:00Z .. 2026-12-31T17:00Z.
const AGENCIES = [{ code: "LS" }, { code: "D1", parent: "LS" }, { code: "D2", parent: "LS" }, { code: "C1", parent: "D1" }];
const Q4 = "2026-11-10T03:00:00Z";
const Q3 = "2026-08-10T03:00:00Z";

function dataset(): TestResponse[] {
  return [
    // D1 own: 30 respondents all 5 in Q4; 30 all 2 in Q3 (a significant rise).
    ...uniform("D1", 30, 5, Q4),
    ...uniform("D1", 30, 2, Q3),
    // C1: 10 respondents all 4, one more skipping feedback, one answering 1 to access.
    ...uniform("C1", 10, 4, Q4),
    { agency: "C1", completedAt: Q4, answers: { access: 1, procedures: 4, civil_servants: 4, results: 4, feedback: null, overall: 3, improve: "attitude" } },
    // D2: 31 respondents, satisfied on access only.
    ...Array.from({ length: 31 }, () => ({
      agency: "D2",
      completedAt: Q4,
      answers: { access: 5, procedures: 2, civil_servants: 3, results: 1, feedback: 2, overall: 3 },
    })),
    // Time-zone boundary: 00:30 on 1 October in Hà Nội is Q4; 23:59 on 30 September is Q3.
    { agency: "D2", completedAt: "2026-09-30T17:30:00Z", answers: { access: 5, procedures: 5, civil_servants: 5, results: 5, feedback: 5, overall: 5 } },
    { agency: "D2", completedAt: "2026-09-30T16:59:00Z", answers: { access: 5, procedures: 5, civil_servants: 5, results: 5, feedback: 5, overall: 5 } },
    // Not counted: an unfinished response, and one after the period.
    { agency: "D2", completedAt: Q4, status: "active", answers: { access: 1, procedures: 1, civil_servants: 1, results: 1, feedback: 1 } },
    { agency: "D2", completedAt: "2027-01-05T03:00:00Z", answers: { access: 1, procedures: 1, civil_servants: 1, results: 1, feedback: 1 } },
  ];
}

async function seed(db: Database): Promise<void> {
  const ids = await insertAgencies(db, AGENCIES);
  await insertResponses(db, ids, dataset());
}

describe.each(await databaseKinds())("indices from the database (%s)", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await seed(t.db);
  });
  afterAll(async () => t?.dispose());

  it("computes exact figures per agency with subtree roll-up, time-zone periods and ranks", async () => {
    const r = await computeIndices(t.db, query({ period: "2026-Q4" }));
    const by = (k: string) => r.groups.find((g) => g.key === k)!;
    expect(r.groups.map((g) => [g.key, g.depth])).toEqual([
      ["LS", 0],
      ["D1", 1],
      ["C1", 2],
      ["D2", 1],
    ]);
    expect(by("C1").responses).toBe(11);
    const c1access = by("C1").items.find((i) => i.itemId === "access")!;
    expect(c1access.value).toBeCloseTo((100 * 10) / 11, 10);
    expect(by("C1").items.find((i) => i.itemId === "feedback")!.n).toBe(10);
    // D1 = its own 30 + C1's 11.
    expect(by("D1").responses).toBe(41);
    expect(by("D1").items.find((i) => i.itemId === "access")!.value).toBeCloseTo((100 * 40) / 41, 10);
    // D2: 31 + the 00:30 response (Q4); the 23:59 one is Q3.
    expect(by("D2").responses).toBe(32);
    expect(by("D2").previousResponses).toBe(1);
    expect(by("D2").items.find((i) => i.itemId === "procedures")!.value).toBeCloseTo(100 / 32, 10);
    expect(by("D2").overall.value).toBeCloseTo((100 + 4 * (100 / 32)) / 5, 10);
    expect(by("LS").responses).toBe(73);
    expect(by("LS").overall.n).toBe(73);
    // Siblings D1 and D2 ranked; C1 (alone under D1, and short of data) and LS (top) not.
    expect([by("D1").rank, by("D2").rank, by("D1").rankOf]).toEqual([1, 2, 2]);
    expect(by("C1").rank).toBeNull();
    expect(by("C1").overall.sufficient).toBe(false);
    // D1's own Q3 responses: the rise is significant.
    expect(by("D1").overall.trend?.previous).toBe(0);
    expect(by("D1").overall.trend?.significant).toBe(true);
  });

  it("selects a subtree with --agency, and the same agency gives the same figures", async () => {
    const all = await computeIndices(t.db, query({ period: "2026-Q4" }));
    const sub = await computeIndices(t.db, query({ period: "2026-Q4", agency: "D1" }));
    expect(sub.groups.map((g) => g.key)).toEqual(["D1", "C1"]);
    expect(sub.groups[0]!.overall).toEqual(all.groups.find((g) => g.key === "D1")!.overall);
    const el = await computeIndices(t.db, query({ period: "2026-Q4", agency: "D1", by: "element" }));
    expect(el.groups).toHaveLength(1);
    expect(el.groups[0]!.overall).toEqual(sub.groups[0]!.overall);
    await expect(computeIndices(t.db, query({ period: "2026-Q4", agency: "NOPE" }))).rejects.toThrow(/No agency/);
  });

  it("groups by channel and procedure, and filters", async () => {
    const ch = await computeIndices(t.db, query({ period: "2026-Q4", by: "channel" }));
    expect(ch.groups.map((g) => [g.key, g.responses])).toEqual([["telegram", 73]]);
    const pr = await computeIndices(t.db, query({ period: "2026-Q4", by: "procedure" }));
    expect(pr.groups.map((g) => g.key)).toEqual(["-"]);
    const none = await computeIndices(t.db, query({ period: "2026-Q4", channel: "zalo" }));
    expect(none.groups.every((g) => g.responses === 0 && g.overall.value === null)).toBe(true);
  });

  it("handles more element items than fit in one pattern word (35 items)", async () => {
    const ids = new Map((await t.db.sql.query<{ id: number; code: string }>(`SELECT id, code FROM agency`)).map((a) => [a.code, Number(a.id)]));
    const wide = (score: (i: number) => number) => Object.fromEntries(Array.from({ length: 35 }, (_, i) => [`x${String(i).padStart(2, "0")}`, score(i)]));
    await insertResponses(t.db, ids, [
      { agency: "C1", completedAt: "2025-02-10T03:00:00Z", answers: wide(() => 5) },
      { agency: "C1", completedAt: "2025-02-11T03:00:00Z", answers: wide((i) => (i === 34 ? 5 : 1)) },
    ]);
    const r = await computeIndices(t.db, query({ period: "2025-02", agency: "C1", by: "element", "min-n": "1" }));
    const access = r.groups[0]!.elements.find((e) => e.element === "access")!;
    expect(access.items).toBe(35);
    expect(access.n).toBe(2);
    expect(access.value).toBeCloseTo((34 * 50 + 100) / 35, 10);
    expect(access.low!).toBeLessThanOrEqual(access.value!);
  });

  it("from/to dates are inclusive days in the display zone", async () => {
    const r = await computeIndices(t.db, query({ from: "2026-10-01", to: "2026-10-01", agency: "D2" }));
    expect(r.groups[0]!.responses).toBe(1);
    expect(r.previous.label).toBe("2026-09-30..2026-09-30");
    expect(r.groups[0]!.previousResponses).toBe(1);
  });

  it("hailong indices prints a table, JSON and CSV, and exits 2 on bad arguments", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const ctx = {
      env: {},
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      config,
      logger: silentLogger(),
      openDatabase: async () => ({ ...t.db, close: async () => undefined }),
    };
    expect(await indicesCommand.run(["--period", "2026-Q4"], ctx)).toBe(0);
    expect(out.join("\n")).toMatch(/D2 Cơ quan D2 +32 +/);
    expect(out.join("\n")).toContain("KTC 95 %");
    out.length = 0;
    expect(await indicesCommand.run(["--period", "2026-Q4", "--locale", "en", "--by", "element", "--agency", "D1"], ctx)).toBe(0);
    expect(out.join("\n")).toContain("Overall index");
    expect(out.join("\n")).toMatch(/▲ \+\d+\.\d\d pts/);
    out.length = 0;
    expect(await indicesCommand.run(["--from", "2026-10-01", "--to", "2026-12-31", "--format", "json"], ctx)).toBe(0);
    const json = JSON.parse(out.join("\n"));
    expect(json.groups[0].key).toBe("LS");
    out.length = 0;
    expect(await indicesCommand.run(["--period=2026-Q4", "--format", "csv"], ctx)).toBe(0);
    expect(out[0]!.split("\n")[0]).toMatch(/^period,group,name_vi,rank/);
    for (const bad of [[], ["--period", "2026-Q9"], ["--period", "2026-Q4", "--by", "x"], ["--bogus", "1"], ["--period", "2026-Q4", "--from", "2026-01-01"], ["extra"]]) {
      err.length = 0;
      expect(await indicesCommand.run(bad, ctx), bad.join(" ")).toBe(2);
      expect(err.join("\n")).toContain("usage: hailong indices");
    }
    expect(await indicesCommand.run(["--period", "2026-Q4", "--agency", "NOPE"], ctx)).toBe(1);
  });

  it("GET / (mounted at /api/v1/indices) takes the same options", async () => {
    const app = createIndicesRoutes({ db: t.db, config, logger: silentLogger() });
    const ok = await app.request("/?period=2026-Q4&agency=D2");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { groups: { key: string; n: number; overall: { value: number } }[] };
    expect(body.groups[0]!.n).toBe(32);
    expect(body.groups[0]!.overall.value).toBe(22.5);
    const csv = await app.request("/?period=2026-Q4&format=csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    for (const q of ["", "?period=nope", "?from=2026-01-01", "?period=2026-Q4&by=x", "?period=2026-Q4&x=1", "?period=2026-Q4&period=2026-Q3"]) {
      const res = await app.request(`/${q}`);
      expect(res.status, q).toBe(422);
      const e = (await res.json()) as { error: string; message: string };
      expect(e.error).toBe("validation");
      expect(e.message.length).toBeGreaterThan(5);
    }
    expect((await app.request("/?period=2026-Q4&agency=NOPE")).status).toBe(404);
  });
});

describe("the same report on both engines", () => {
  it("is identical on the embedded default and PostgreSQL", async (ctx) => {
    const kinds = await databaseKinds();
    if (!kinds.includes("postgresql")) ctx.skip();
    const outputs: string[] = [];
    for (const kind of kinds) {
      const t = await openTestDatabase(kind);
      try {
        await seed(t.db);
        const parts: unknown[] = [];
        const queries: Record<string, string>[] = [{ period: "2026-Q4" }, { period: "2026-11", by: "element" }, { from: "2026-08-01", to: "2026-12-31", by: "channel" }];
        for (const raw of queries) {
          parts.push(reportToJson(await computeIndices(t.db, query(raw))));
        }
        outputs.push(JSON.stringify(parts));
      } finally {
        await t.dispose();
      }
    }
    expect(outputs[1]).toBe(outputs[0]);
  });
});
