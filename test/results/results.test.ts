// The registry of official results on both engines: import (good file, each kind of bad row, idempotent
// re-import), `results show` with the change against the previous year, and the shipped seed.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultsCommand } from "../../src/cli/results.ts";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/logger.ts";
import { importResultsCsv } from "../../src/results/import.ts";
import { seedOfficialResults } from "../../src/results/seed.ts";
import { databaseKinds, openTestDatabase, tempDir, type TestDatabase } from "../helpers/databases.ts";

const HEADER = "index,unit,year,value,rank,of,group,source_url,verification,note";
const URL = "https://example.gov.vn/ket-qua";

describe.each(await databaseKinds())("official results (%s)", (kind) => {
  let t: TestDatabase;
  const dir = tempDir("hailong-results-");
  const out: string[] = [];
  const err: string[] = [];
  const ctx = () => ({
    env: {},
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
    config: loadConfig({}),
    logger: silentLogger(),
    openDatabase: async () => ({ ...t.db, close: async () => undefined }),
  });
  const run = async (...argv: string[]) => {
    out.length = 0;
    err.length = 0;
    return resultsCommand.run(argv, ctx());
  };
  const file = (name: string, lines: string[]) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, [HEADER, ...lines].join("\n") + "\n");
    return f;
  };

  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("imports a good file with a per-row report, and re-importing changes nothing", async () => {
    const good = file("good.csv", [
      `SIPAS,20,2021,87.07,31,63,,${URL},verified,`,
      `SIPAS,Lạng Sơn,2020,83.97,39,63,,${URL},inferred,from the published changes`,
      `PAR_INDEX,lang-son,2021,87.11,23,63,B,${URL},,`,
      `PAR_INDEX,Kien Giang,2021,79.97,63,63,,${URL},,`,
    ]);
    expect(await run("import", good)).toBe(0);
    expect(out).toEqual([
      `${good}:2: created SIPAS 20 2021`,
      `${good}:3: created SIPAS 20 2020`,
      `${good}:4: created PAR_INDEX 20 2021`,
      `${good}:5: created PAR_INDEX 91 2021`,
      "4 created, 0 updated, 0 unchanged.",
    ]);
    expect(await run("import", good)).toBe(0);
    expect(out.at(-1)).toBe("0 created, 0 updated, 4 unchanged.");
    const rows = await t.db.prisma.officialResult.findMany({ orderBy: { id: "asc" } });
    expect(rows).toHaveLength(4);
    expect(rows[3]?.grade).toBe("C"); // computed from the value
    // A corrected figure updates the one row for that index, unit and year.
    const fix = file("fix.csv", [`SIPAS,20,2021,87.07,31,63,,${URL},verified,checked again`]);
    expect(await run("import", fix)).toBe(0);
    expect(out[0]).toContain("updated SIPAS 20 2021");
    expect(await t.db.prisma.officialResult.count()).toBe(4);
  });

  it("reports each kind of bad row with its line and writes nothing", async () => {
    const before = await t.db.prisma.officialResult.count();
    const bad = file("bad.csv", [
      `SIPAS,20,2019,101,1,63,,${URL},,`, // 2: value > 100
      `SIPAS,20,2018,87.071,1,63,,${URL},,`, // 3: three decimals
      `SIPAS,20,2017,80,64,63,,${URL},,`, // 4: rank outside 1..of
      `SIPAS,Atlantis,2021,80,1,63,,${URL},,`, // 5: unknown unit
      `SIPAS,01,2021,80,1,63,,${URL},,`, // 6: fine
      `SIPAS,Hà Nội,2021,81,2,63,,${URL},,`, // 7: same index/unit/year as line 6
      `NOPE,01,2021,80,1,63,,${URL},,`, // 8: unknown index
      `PAR_INDEX,01,2020,85,1,63,A,${URL},,`, // 9: group does not match value
      `SIPAS,01,2016,80,,,,ftp://x,,`, // 10: bad source
      `SIPAS,01,2015,,,,,${URL},,`, // 11: neither value nor rank
      `SIPAS,01,2014,80,3,,,${URL},,`, // 12: rank without of
      `SIPAS,01,2013,80,,,A,${URL},,`, // 13: SIPAS has no groups
    ]);
    expect(await run("import", bad)).toBe(1);
    const errorFor = (line: number) => err.find((l) => l.startsWith(`${bad}:${line}: error:`)) ?? "";
    expect(errorFor(2)).toMatch(/above 100/);
    expect(errorFor(3)).toMatch(/at most two decimals/);
    expect(errorFor(4)).toMatch(/rank 64 is not within 1\.\.63/);
    expect(errorFor(5)).toMatch(/unknown unit "Atlantis"/);
    expect(errorFor(6)).toBe("");
    expect(out.some((l) => l.startsWith(`${bad}:6: ok`))).toBe(true);
    expect(errorFor(7)).toMatch(/already given on line 6/);
    expect(errorFor(8)).toMatch(/unknown index "NOPE"/);
    expect(errorFor(9)).toMatch(/group A does not match value 85/);
    expect(errorFor(10)).toMatch(/not an http\(s\) URL/);
    expect(errorFor(11)).toMatch(/needs a value or a rank/);
    expect(errorFor(12)).toMatch(/rank needs of/);
    expect(errorFor(13)).toMatch(/SIPAS has no groups/);
    expect(err.at(-1)).toMatch(/Nothing imported: 11 row\(s\)/);
    expect(await t.db.prisma.officialResult.count()).toBe(before);
    const report = await importResultsCsv(t.db, "index,unit,colour\nSIPAS,20,red\n");
    expect(report.ok).toBe(false);
    expect(report.fileErrors[0]).toMatch(/unknown column\(s\) colour/);
  });

  it("shows a result with the change in value and rank against the previous year", async () => {
    expect(await run("show", "--index", "SIPAS", "--year", "2021", "--unit", "20")).toBe(0);
    expect(out[0]).toBe("Lạng Sơn SIPAS 2021: 87,07 %, 31/63 (so với 2020: +3,10 điểm, tăng 8 bậc)");
    expect(await run("show", "--index", "SIPAS", "--year", "2021", "--unit", "lang-son", "--locale", "en")).toBe(0);
    expect(out[0]).toBe("Lang Son SIPAS 2021: 87.07%, 31/63 (vs 2020: +3.10 pts, up 8 places)");
    expect(await run("show", "--index", "PAR_INDEX", "--year", "2021")).toBe(0);
    expect(out).toEqual(["Lạng Sơn PAR INDEX 2021: 87,11 %, 23/63, nhóm B", "Kiên Giang PAR INDEX 2021: 79,97 %, 63/63, nhóm C"]);
  });

  it("rejects bad arguments with usage and exit 2", async () => {
    for (const argv of [[], ["nope"], ["show", "--year", "2021"], ["show", "--index", "X", "--year", "2021"], ["show", "--index", "SIPAS"], ["show", "--index", "SIPAS", "--year", "2021", "--unit", "Atlantis"], ["import"], ["show", "--bogus"]]) {
      expect(await run(...argv), argv.join(" ")).toBe(2);
      expect(err.join("\n")).toContain("usage: hailong results");
    }
    expect(await run("import", path.join(dir, "missing.csv"))).toBe(1);
  });

  it("seeds the shipped results idempotently, keeping figures operators imported: Lạng Sơn SIPAS 2021 87.07 %, 31/63", async () => {
    const first = await seedOfficialResults(t.db);
    expect(first[0]!.counts.error).toBe(0);
    expect(first[0]!.counts.updated).toBe(0);
    const kept = await t.db.prisma.officialResult.findFirst({ where: { indexCode: "SIPAS", unitCode: "20", year: 2021 } });
    expect(kept?.note).toBe("checked again");
    const again = await seedOfficialResults(t.db);
    expect(again[0]!.counts.created + again[0]!.counts.updated).toBe(0);
    expect(await run("seed")).toBe(0);
    expect(out[0]).toMatch(/^Seed: 0 created, 0 updated, \d+ unchanged\.$/);
    expect(await run("show", "--index", "SIPAS", "--year", "2021", "--unit", "Lạng Sơn")).toBe(0);
    expect(out[0]).toMatch(/^Lạng Sơn SIPAS 2021: 87,07 %, 31\/63/);
    expect(await run("show", "--index", "PAR_INDEX", "--year", "2021", "--unit", "20")).toBe(0);
    expect(out[0]).toMatch(/^Lạng Sơn PAR INDEX 2021: 87,11 %, 23\/63, nhóm B/);
    expect(await run("show", "--index", "SIPAS", "--year", "2021", "--unit", "VN", "--locale", "en")).toBe(0);
    expect(out[0]).toMatch(/^Average of the 63 provinces SIPAS 2021: 87.16% \(vs 2020: \+1.68 pts\)/);
  });
});
