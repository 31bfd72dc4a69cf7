// The agency and procedure registries from CSV, on both databases: the shipped example, bad rows with
// line and reason (nothing written), idempotent re-import, parents after children, cycles refused.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importAgenciesCsv } from "../../src/registry/agencies-import.ts";
import { buildAgencyTree, renderAgencyTree } from "../../src/registry/agency-tree.ts";
import { importProceduresCsv } from "../../src/registry/procedures-import.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { createProcedureStore } from "../../src/store/procedures.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const EXAMPLES = path.resolve(import.meta.dirname, "../../examples");
const example = (name: string) => fs.readFileSync(path.join(EXAMPLES, name), "utf8");
const opts = { defaultQuestionnaire: "sipas-short" };
const HEADER = "code,name_vi,name_en,parent_code,questionnaire_id";

describe.each(await databaseKinds())("agency registry import (%s)", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => t?.dispose());

  const tree = async () => renderAgencyTree(buildAgencyTree(await createAgencyStore(t.db).listAll()));

  it("imports the example file, a parent listed after its child included", async () => {
    const report = await importAgenciesCsv(t.db, example("agencies.csv"), opts);
    expect(report.fileErrors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts).toEqual({ created: 6, updated: 0, unchanged: 0, error: 0 });
    expect(await tree()).toEqual([
      "LSN  UBND tỉnh Lạng Sơn / Lang Son Provincial People's Committee  [sipas-short]",
      "├─ LSN-HL  UBND huyện Hữu Lũng / Huu Lung District People's Committee  [sipas-short]",
      "│  └─ LSN-HL-DONGTAN  UBND xã Đồng Tân, huyện Hữu Lũng / Dong Tan Commune People's Committee, Huu Lung District  [sipas-short]",
      "├─ LSN-STP  Sở Tư pháp / Department of Justice  [sipas-short]",
      "├─ LSN-SXD  Sở Xây dựng / Department of Construction  [sipas-services]",
      "└─ LSN-TTPVHCC  Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn / Lang Son Public Administration Service Centre  [sipas-short]",
    ]);
  });

  it("re-importing the same file changes nothing", async () => {
    const before = await createAgencyStore(t.db).listAll();
    const report = await importAgenciesCsv(t.db, example("agencies.csv"), opts);
    expect(report.counts).toEqual({ created: 0, updated: 0, unchanged: 6, error: 0 });
    expect(await createAgencyStore(t.db).listAll()).toEqual(before);
  });

  it("updates names, questionnaire and parent of known agencies, and keeps their ids", async () => {
    const store = createAgencyStore(t.db);
    const id = (await store.findByCode("LSN-HL-DONGTAN"))!.id;
    const report = await importAgenciesCsv(t.db, `${HEADER}\nLSN-HL-DONGTAN,UBND xã Đồng Tân,Dong Tan Commune,LSN,sipas-services\n`, opts);
    expect(report.counts).toEqual({ created: 0, updated: 1, unchanged: 0, error: 0 });
    const a = (await store.findByCode("LSN-HL-DONGTAN"))!;
    expect(a).toMatchObject({ id, nameVi: "UBND xã Đồng Tân", nameEn: "Dong Tan Commune", questionnaireId: "sipas-services", parentId: (await store.findByCode("LSN"))!.id });
  });

  it("reports every bad row with its line and reason, and writes nothing", async () => {
    const before = await createAgencyStore(t.db).listAll();
    const csv = [
      HEADER,
      "NEW-1,Cơ quan mới,,,", // good, but not written because other rows are bad
      ",Không mã,,,",
      "BAD CODE,Tên,,,",
      "NEW-2,,,,",
      "NEW-3,Tên,,NO-SUCH-PARENT,",
      "NEW-4,Tên,,,sipas-nonexistent",
      "NEW-1,Trùng mã,,,",
      "NEW-5,Tên,Name,LSN,,extra",
      "NEW-6,Tên,,NEW-6,",
    ].join("\n");
    const report = await importAgenciesCsv(t.db, csv, opts);
    expect(report.ok).toBe(false);
    expect(report.counts.error).toBe(8);
    const byLine = Object.fromEntries(report.lines.map((l) => [l.line, (l.errors ?? []).join("; ")]));
    expect(Object.keys(byLine).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(byLine[3]).toBe("code is empty");
    expect(byLine[4]).toContain(`code "BAD CODE" must be`);
    expect(byLine[5]).toBe("name_vi is empty");
    expect(byLine[6]).toBe(`parent_code "NO-SUCH-PARENT" is neither in this file nor an existing agency`);
    expect(byLine[7]).toBe(`unknown questionnaire_id "sipas-nonexistent" (known: sipas-services, sipas-short)`);
    expect(byLine[8]).toBe(`code "NEW-1" is already on line 2`);
    expect(byLine[9]).toContain("1 more field(s) than the header has columns");
    expect(byLine[10]).toBe("an agency cannot be its own parent");
    expect(await createAgencyStore(t.db).listAll()).toEqual(before);
  });

  it("refuses cycles inside the file and through agencies already in the database", async () => {
    const inFile = await importAgenciesCsv(t.db, `${HEADER}\nCY-A,A,,CY-C,\nCY-B,B,,CY-A,\nCY-C,C,,CY-B,\nCY-D,D,,CY-C,\n`, opts);
    expect(inFile.ok).toBe(false);
    expect(inFile.lines.map((l) => [l.line, l.errors])).toEqual([
      [2, ["parent_code makes a cycle: CY-A → CY-C → CY-B → CY-A"]],
      [3, ["parent_code makes a cycle: CY-B → CY-A → CY-C → CY-B"]],
      [4, ["parent_code makes a cycle: CY-C → CY-B → CY-A → CY-C"]],
    ]);
    // LSN is the root of LSN-HL in the database: making LSN its child would close a loop.
    const viaDb = await importAgenciesCsv(t.db, `${HEADER}\nLSN,UBND tỉnh Lạng Sơn,,LSN-HL,\n`, opts);
    expect(viaDb.lines).toEqual([{ line: 2, code: "LSN", outcome: "error", errors: ["parent_code makes a cycle: LSN → LSN-HL → LSN"] }]);
    expect((await createAgencyStore(t.db).findByCode("LSN"))!.parentId).toBeNull();
  });

  it("refuses a file without the required columns or with an unknown one", async () => {
    const report = await importAgenciesCsv(t.db, "code,name,parent\nX,Y,\n", opts);
    expect(report.ok).toBe(false);
    expect(report.fileErrors).toEqual([
      'line 1: unknown column "name" (known: code, name_vi, name_en, parent_code, questionnaire_id)',
      'line 1: unknown column "parent" (known: code, name_vi, name_en, parent_code, questionnaire_id)',
      'line 1: the required column "name_vi" is missing',
    ]);
  });

  it("imports procedures tied to agencies, idempotently, and refuses unknown agencies", async () => {
    const first = await importProceduresCsv(t.db, example("procedures.csv"));
    expect(first.counts).toEqual({ created: 3, updated: 0, unchanged: 0, error: 0 });
    expect((await importProceduresCsv(t.db, example("procedures.csv"))).counts).toEqual({ created: 0, updated: 0, unchanged: 3, error: 0 });
    expect(await createProcedureStore(t.db).findByCode("1.009972")).toEqual({
      code: "1.009972",
      nameVi: "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
      nameEn: "New construction permit for a detached house",
      agencyCode: "LSN-SXD",
    });
    const bad = await importProceduresCsv(t.db, "code,name_vi,name_en,agency_code\n1.009972,Tên mới,,NOWHERE\n");
    expect(bad.lines).toEqual([{ line: 2, code: "1.009972", outcome: "error", errors: ['agency_code "NOWHERE" is not a known agency (import agencies first)'] }]);
    expect((await createProcedureStore(t.db).findByCode("1.009972"))!.nameVi).toBe("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ");
  });
});
