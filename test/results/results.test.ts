// The registry of official results on both engines: import (good file, each kind of bad row, idempotent
// re-import, what sources state beyond value and rank, a whole 63-province table checked rank by rank),
// `results show` with the change against the previous year, and the shipped seed (which adds what a newer
// seed knows to a row it shipped before, and never touches an operator's row).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultsCommand } from "../../src/cli/results.ts";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/logger.ts";
import { importResultsCsv } from "../../src/results/import.ts";
import { seedOfficialResults } from "../../src/results/seed.ts";
import { OFFICIAL_UNITS } from "../../src/results/units.ts";
import { createOfficialResultsStore } from "../../src/store/official-results.ts";
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
    expect(errorFor(11)).toMatch(/needs a value, a rank or a stated change/);
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

  const FULL = "index,unit,year,value,rank,of,value_change,rank_change,sample_size,sample_frame,subindices_up,subindices_down,subindices_basis,highest_since,source_url";

  it("holds what a source states beyond value and rank, and reads it back as imported", async () => {
    const f = path.join(dir, "details.csv");
    fs.writeFileSync(
      f,
      [
        FULL,
        `SIPAS,Lang Son,2019,86.5,35,63,+1.5,-2,"3.366",4000,1,3,score_and_rank,,${URL}`,
        `PAR_INDEX,20,2019,84.2,30,63,"−0,49",up,,,5,,,start,${URL}`,
        `PAR_PROCEDURES,20,2019,,,,up,,,,,,,,${URL}`,
        `PAR_INDEX,75,2019,,,,-1.94,,,,,,,,${URL}`,
      ].join("\n"),
    );
    expect(await run("import", f)).toBe(0);
    expect(out.at(-1)).toBe("4 created, 0 updated, 0 unchanged.");
    const [sipas] = await createOfficialResultsStore(t.db).find({ indexCode: "SIPAS", years: [2019], unitCode: "20" });
    expect(sipas).toMatchObject({ valueChange: 1.5, valueTrend: "up", rankChange: -2, rankTrend: "down", sampleSize: 3366, sampleFrame: 4000, subUp: 1, subDown: 3, subBasis: "score_and_rank", highestSince: null });
    const [par] = await createOfficialResultsStore(t.db).find({ indexCode: "PAR_INDEX", years: [2019], unitCode: "20" });
    expect(par).toMatchObject({ valueChange: -0.49, valueTrend: "down", rankChange: null, rankTrend: "up", subUp: 5, subDown: null, subBasis: "score", highestSince: "start" });
    expect(await run("import", f)).toBe(0);
    expect(out.at(-1)).toBe("0 created, 0 updated, 4 unchanged.");
    expect(await run("show", "--index", "SIPAS", "--year", "2019", "--unit", "20")).toBe(0);
    expect(out).toEqual([
      "Lạng Sơn SIPAS 2019: 86,50 %, 35/63 (so với 2018: tăng 1,5 (theo nguồn), giảm 2 bậc (theo nguồn))",
      "  Mẫu khảo sát: 3.366 phiếu / 4.000 người",
      "  Chỉ số thành phần: 1 tăng, 3 giảm (cả điểm và hạng)",
      `  Nguồn: ${URL}`,
    ]);
    await t.db.prisma.officialResult.deleteMany({ where: { year: 2019 } });
  });

  it("refuses what a source cannot have stated, naming the line and the column", async () => {
    const f = path.join(dir, "bad-details.csv");
    fs.writeFileSync(
      f,
      [
        FULL,
        `SIPAS,20,2018,80,60,63,,+5,,,,,,,${URL}`, // 2: the year before at 65 of 63
        `SIPAS,20,2017,80,,,lots,,,,,,,,${URL}`, // 3: not a change
        `SIPAS,20,2016,80,,,,,500,400,,,,,${URL}`, // 4: more questionnaires than people
        `SIPAS_ACCESS,20,2015,80,,,,,,,1,,,,${URL}`, // 5: an element has no parts
        `SIPAS,20,2014,80,,,,,,,4,3,,,${URL}`, // 6: 7 of 5 parts moved
        `SIPAS,20,2013,80,,,,,,,,,score,,${URL}`, // 7: a basis without counts
        `SIPAS,20,2012,80,,,,,,,,,,2012,${URL}`, // 8: highest since its own year
        `SIPAS,20,2011,80,,,,,,300,,,,,${URL}`, // 9: a frame without a sample
      ].join("\n"),
    );
    expect(await run("import", f)).toBe(1);
    const errorFor = (line: number) => err.find((l) => l.startsWith(`${f}:${line}: error:`)) ?? "";
    expect(errorFor(2)).toMatch(/rank_change \+5 puts the year before at 65, outside 1\.\.63/);
    expect(errorFor(3)).toMatch(/value_change "lots" is not a change/);
    expect(errorFor(4)).toMatch(/sample_size 500 is more than sample_frame 400/);
    expect(errorFor(5)).toMatch(/SIPAS_ACCESS has no sub-indices to count/);
    expect(errorFor(6)).toMatch(/7 sub-indices rose or fell, but SIPAS has 5/);
    expect(errorFor(7)).toMatch(/subindices_basis needs subindices_up or subindices_down/);
    expect(errorFor(8)).toMatch(/highest_since 2012 is not before 2012/);
    expect(errorFor(9)).toMatch(/sample_frame needs sample_size/);
  });

  it("imports a whole 63-province table saved by Excel in Vietnamese settings, saying which ranks its values do not allow", async () => {
    // A made-up table for the test, never shipped: values 90,00 down by 0,10, one pair of ranks swapped.
    const provinces = OFFICIAL_UNITS.filter((u) => u.kind === "province");
    const lines = provinces.map((u, i) => {
      const rank = i === 22 ? 24 : i === 23 ? 23 : i + 1;
      return `PAR_INDEX;${u.nameVi};2030;${(90 - i * 0.1).toFixed(2).replace(".", ",")};${rank};63;;${URL}`;
    });
    const f = path.join(dir, "table.csv");
    fs.writeFileSync(f, ["index;unit;year;value;rank;of;group;source_url", ...lines].join("\r\n"));
    expect(await run("import", f)).toBe(0);
    expect(out.at(-1)).toBe("63 created, 0 updated, 0 unchanged. 2 warning(s): check those lines against the source.");
    const [a, b] = [provinces[22]!, provinces[23]!];
    expect(err).toEqual([
      `${f}:24: warning: rank 24 does not agree with the values: the full table of 63 puts 87.8 at 23; ranked against the order of ${b.nameVi} (line 25) 87.7, rank 23`,
      `${f}:25: warning: rank 23 does not agree with the values: the full table of 63 puts 87.7 at 24; ranked against the order of ${a.nameVi} (line 24) 87.8, rank 24`,
    ]);
    expect(a.code).not.toBe(b.code);
    expect(await t.db.prisma.officialResult.count({ where: { year: 2030 } })).toBe(63);
    await t.db.prisma.officialResult.deleteMany({ where: { year: 2030 } });
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
    // Every shipped row agrees with the others: no rank its values forbid, no stated change contradicted.
    expect(first[0]!.warnings).toEqual([]);
  });

  it("a seed that knows more than the one shipped before fills it in, but leaves an operator's row alone", async () => {
    const LS = "https://hanhchinhcong.langson.gov.vn/index.php/vi/ubnd-tinh-ban-hanh-ke-hoach-trien-khai-cac-nhiem-vu-giai-phap-nang-cao-chi-so-hai-long-ve-su-phuc";
    // PAR INDEX 2021 as an earlier version shipped it: the figures only.
    await t.db.prisma.officialResult.updateMany({
      where: { indexCode: "PAR_INDEX", unitCode: "20", year: 2021 },
      data: { value: 87.11, rank: 23, of: 63, grade: "B", sourceUrl: LS, verification: "verified", note: null, valueChange: null, valueTrend: null, rankChange: null, rankTrend: null, subUp: null, highestSince: null },
    });
    const reports = await seedOfficialResults(t.db);
    expect(reports[0]!.counts.updated).toBe(1);
    const [par] = await createOfficialResultsStore(t.db).find({ indexCode: "PAR_INDEX", years: [2021], unitCode: "20" });
    expect(par).toMatchObject({ valueChange: 3.31, rankChange: 13, subUp: 5, highestSince: "start" });
    // The operator's SIPAS 2021 row (their own source and note) gets nothing from the seed.
    const [sipas] = await createOfficialResultsStore(t.db).find({ indexCode: "SIPAS", years: [2021], unitCode: "20" });
    expect(sipas).toMatchObject({ note: "checked again", sampleSize: null, rankChange: null });
    expect((await seedOfficialResults(t.db))[0]!.counts.updated).toBe(0);
    // The shipped details of the province's 2021 report, as the seed holds them on a fresh database.
    const fresh = await openTestDatabase(kind);
    try {
      await seedOfficialResults(fresh.db);
      const [s21] = await createOfficialResultsStore(fresh.db).find({ indexCode: "SIPAS", years: [2021], unitCode: "20" });
      expect(s21).toMatchObject({ value: 87.07, rank: 31, of: 63, valueChange: 3.1, rankChange: 8, sampleSize: 400, sampleFrame: 3366, subUp: 1, subDown: 3, subBasis: "score_and_rank" });
      const parts = await createOfficialResultsStore(fresh.db).find({ indexCode: ["PAR_PROCEDURES", "PAR_IMPACT"], years: [2021], unitCode: "20" });
      expect(parts.map((p) => [p.indexCode, p.value, p.valueTrend])).toEqual([["PAR_IMPACT", null, "up"], ["PAR_PROCEDURES", null, "up"]]);
    } finally {
      await fresh.dispose();
    }
  });
});
