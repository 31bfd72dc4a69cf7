// The four imports read a file as Excel set to Vietnamese saves it: a BOM, ';' between fields (',' is the
// decimal mark there, so a comma inside a name goes unquoted), CRLF line ends, doubled quotes, and quoted
// line breaks. Each report names the physical line a record starts on, so a row after a two-line record
// is named by the line an editor shows, not by its record number.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliSandbox } from "../helpers/cli.ts";
import { databaseKinds } from "../helpers/databases.ts";

const BOM = "\uFEFF";
const URL = "https://hanhchinhcong.langson.gov.vn/ket-qua-sipas";
const LINE_BREAK = "contains a control character or a line break";

describe.each(await databaseKinds())("imports of Excel's Vietnamese CSV (%s)", (kind) => {
  const { dataDir, cli } = cliSandbox(kind, { PUBLIC_BASE_URL: "https://khaosat.langson.gov.vn" });
  const excel = (name: string, lines: string[]) => {
    const file = path.join(dataDir, name);
    fs.writeFileSync(file, BOM + lines.map((l) => `${l}\r\n`).join(""));
    return file;
  };

  it("agencies import", async () => {
    const good = excel("agencies.csv", [
      "code;name_vi;name_en;parent_code;questionnaire_id",
      "VN-LS;UBND tỉnh Lạng Sơn;Lang Son Provincial People's Committee;;",
      'VN-LS-HL;UBND huyện Hữu Lũng, tỉnh Lạng Sơn;"Huu Lung ""district""; Lang Son";VN-LS;sipas-short',
    ]);
    const r = await cli("agencies", "import", good);
    expect(r.err).toEqual([]);
    expect(r.out).toEqual([`${good}:2: created VN-LS`, `${good}:3: created VN-LS-HL`, "2 created, 0 updated, 0 unchanged."]);
    const tree = JSON.parse((await cli("agencies", "list", "--format", "json")).out.join("\n")) as { children: { nameVi: string; nameEn: string }[] }[];
    expect(tree[0]!.children[0]).toMatchObject({ nameVi: "UBND huyện Hữu Lũng, tỉnh Lạng Sơn", nameEn: 'Huu Lung "district"; Lang Son' });

    const bad = excel("agencies-bad.csv", ["code;name_vi", 'VN-X1;"Tên\r\nhai dòng"', "VN-X2;"]);
    const b = await cli("agencies", "import", bad);
    expect(b.code).toBe(1);
    expect(b.err).toEqual([
      `${bad}:2: error: name_vi ${LINE_BREAK}`,
      `${bad}:4: error: name_vi is empty`,
      "Nothing imported: 2 row(s) with errors. Fix the file and run the import again.",
    ]);
  });

  it("procedures import", async () => {
    const good = excel("procedures.csv", [
      "code;name_vi;name_en;agency_code",
      '1.001193;Đăng ký khai sinh;"Birth registration; ""khai sinh""";VN-LS',
      "2.000635;Cấp bản sao trích lục hộ tịch, bản sao;;",
    ]);
    const r = await cli("procedures", "import", good);
    expect(r.err).toEqual([]);
    expect(r.out).toEqual([`${good}:2: created 1.001193`, `${good}:3: created 2.000635`, "2 created, 0 updated, 0 unchanged."]);
    expect((await cli("procedures", "list")).out).toEqual([
      '1.001193  Đăng ký khai sinh / Birth registration; "khai sinh"  [VN-LS]',
      "2.000635  Cấp bản sao trích lục hộ tịch, bản sao",
    ]);

    const bad = excel("procedures-bad.csv", ["code;name_vi;agency_code", '3.000001;"Tên\nhai dòng";', "3.000002;Tên;NO-SUCH"]);
    const b = await cli("procedures", "import", bad);
    expect(b.code).toBe(1);
    expect(b.err.slice(0, 2)).toEqual([
      `${bad}:2: error: name_vi ${LINE_BREAK}`,
      `${bad}:4: error: agency_code "NO-SUCH" is not a known agency (import agencies first)`,
    ]);
  });

  it("results import: a decimal comma, and a note over two lines", async () => {
    const header = "index;unit;year;value;rank;of;group;source_url;verification;note";
    const good = excel("results.csv", [
      header,
      `SIPAS;20;2021;87,07;31;63;;${URL};verified;"Theo ""Quyết định"" của UBND tỉnh;\r\nxem trang 3"`,
      `PAR_INDEX;Lạng Sơn;2021;87,11 %;23;63;B;${URL};;`,
    ]);
    const r = await cli("results", "import", good);
    expect(r.err).toEqual([]);
    expect(r.out).toEqual([`${good}:2: created SIPAS 20 2021`, `${good}:4: created PAR_INDEX 20 2021`, "2 created, 0 updated, 0 unchanged."]);
    expect((await cli("results", "show", "--index", "SIPAS", "--year", "2021", "--unit", "20", "--locale", "en")).out[0]).toBe("Lang Son SIPAS 2021: 87.07%, 31/63");

    const bad = excel("results-bad.csv", [header, `SIPAS;20;2019;80,5;;;;${URL};;"hai\ndòng"`, `SIPAS;20;2018;100,5;;;;${URL};;`]);
    const b = await cli("results", "import", bad);
    expect(b.code).toBe(1);
    expect(b.out).toEqual([`${bad}:2: ok SIPAS 20 2019 (not imported: the file has errors)`]);
    expect(b.err[0]).toBe(`${bad}:4: error: value 100.5 is above 100`);
  });

  it("dossiers import", async () => {
    const file = excel("dossiers.csv", [
      "dossier_code;agency_code;completed_at;agency_name;procedure_name",
      'HS-1;VN-LS;20/11/2026 09:15;;"Đăng ký khai sinh; ""bản chính"""',
      "HS-2;VN-LS-CL-HOALAC;21/11/2026;UBND xã Hòa Lạc, huyện Chi Lăng;Chứng thực bản sao",
      'HS-3;VN-LS;22/11/2026;;"hai\r\ndòng"',
      "HS-4;VN-LS;2026-11-23 08:30;;",
    ]);
    const r = await cli("dossiers", "import", file);
    expect(r.code).toBe(1);
    expect(r.out.map((l) => l.replace(/ [A-Za-z0-9_-]{22}$/, " TOKEN"))).toEqual([`${file}:2: created HS-1 TOKEN`, `${file}:3: created HS-2 TOKEN`, `${file}:6: created HS-4 TOKEN`]);
    expect(r.err[0]).toBe(`${file}:4: error: procedure_name: ${LINE_BREAK}`);
    const tree = JSON.parse((await cli("agencies", "list", "--format", "json")).out.join("\n")) as { code: string; nameVi: string }[];
    expect(tree.find((a) => a.code === "VN-LS-CL-HOALAC")?.nameVi).toBe("UBND xã Hòa Lạc, huyện Chi Lăng");
  });
});
