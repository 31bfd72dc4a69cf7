// `hailong dossiers import` as an operator runs it: the example file, a generated 10,000-row export with
// 2 % broken rows (CSV and XLSX), `file:line:` reports, exit codes, progress lines and the summary.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/cli/progress.ts";
import { cliSandbox } from "../helpers/cli.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { EXPECTED, generateRows, toCsv, toXlsx } from "../helpers/dossier-rows.ts";

const EXAMPLES = path.resolve(import.meta.dirname, "../../examples");

describe("progress", () => {
  it("redraws a bar on a terminal, at most every redrawMs, and clears it at the end", () => {
    const drawn: string[] = [];
    let clock = 0;
    const p = createProgress({ tty: { write: (s) => drawn.push(s), columns: 60 }, line: () => expect.unreachable() }, { label: "importing", total: 10_000, now: () => clock });
    p.update(1_000);
    p.update(2_000); // too soon: skipped
    clock = 500;
    p.update(5_000);
    p.update(10_000); // the last one is always drawn
    p.finish();
    expect(drawn).toEqual([
      "\rimporting [##-------------------]  10% 1,000/10,000",
      "\rimporting [###########----------]  50% 5,000/10,000",
      "\rimporting [#####################] 100% 10,000/10,000",
      "\r\x1b[K",
    ]);
  });

  it("prints a plain line every `every` items elsewhere, and nothing for small jobs", () => {
    const lines: string[] = [];
    const p = createProgress({ line: (l) => lines.push(l) }, { label: "importing", total: 10_000, every: 4_000 });
    for (const done of [1_000, 3_999, 4_000, 5_000, 9_000, 10_000]) p.update(done);
    expect(lines).toEqual(["importing: 4,000/10,000 rows (40%)", "importing: 9,000/10,000 rows (90%)"]);
    const none: string[] = [];
    createProgress({ line: (l) => none.push(l) }, { label: "importing", total: 999 }).update(999);
    expect(none).toEqual([]);
  });
});

describe.each(await databaseKinds())("hailong dossiers import (%s)", (kind) => {
  const PUBLIC = "https://khaosat.langson.gov.vn";
  const { dataDir, env, cli } = cliSandbox(kind, { PUBLIC_BASE_URL: PUBLIC });

  it("imports the example file after the agency registry, and a re-import adds nothing", async () => {
    expect((await cli("agencies", "import", path.join(EXAMPLES, "agencies.csv"))).code).toBe(0);
    const file = path.join(EXAMPLES, "dossiers.csv");
    const first = await cli("dossiers", "import", file);
    expect(first.code).toBe(0);
    expect(first.out).toHaveLength(6);
    expect(first.out[0]).toMatch(new RegExp(`^${file}:2: created 000\\.00\\.12\\.H37-261120-0001 [A-Za-z0-9_-]{22}$`));
    expect(first.out.at(-1)).toMatch(/: 5 created, 0 existing, 0 with errors \(5 rows in [\d.]+ s\)\.$/);
    expect(first.err).toEqual([`${file}: 2 row(s) gave zalo_user_id/phone: not sent; bulk imports do not send over Zalo yet (hand out the link or QR code).`]);
    const again = await cli("dossiers", "import", file);
    expect(again.out.slice(0, 5).map((l) => l.replace(/ \S+$/, ""))).toEqual(first.out.slice(0, 5).map((l) => l.replace("created", "existing").replace(/ \S+$/, "")));
    expect(again.out.slice(0, 5).map((l) => l.split(" ").at(-1))).toEqual(first.out.slice(0, 5).map((l) => l.split(" ").at(-1)));
    expect(again.out.at(-1)).toMatch(/: 0 created, 5 existing, 0 with errors/);

    // --links: each line ends with the page the receipt's QR code opens, to hand out by other means.
    const links = await cli("dossiers", "import", file, "--links");
    const tokens = first.out.slice(0, 5).map((l) => l.split(" ").at(-1));
    expect(links.out.slice(0, 5).map((l) => l.split(" ").slice(-2))).toEqual(tokens.map((tk) => [tk, `${PUBLIC}/i/${tk}`]));
  });

  it("warns when PUBLIC_BASE_URL is this machine only (the default), since citizens' phones cannot open those links", async () => {
    expect((await cli("agencies", "import", path.join(EXAMPLES, "agencies.csv"))).code).toBe(0);
    const file = path.join(dataDir, "one.csv");
    fs.writeFileSync(file, "dossier_code,agency_code,completed_at\nLOOP-1,LSN-STP,2026-11-20\n");
    for (const url of ["http://127.0.0.1:3000", "http://localhost:3000", "http://[::1]:3000", "http://0.0.0.0:3000"]) {
      env.PUBLIC_BASE_URL = url;
      const r = await cli("dossiers", "import", file, "--links");
      expect(r.code).toBe(0);
      expect(r.out[0]).toContain(` ${url}/i/`);
      expect(r.err).toEqual([expect.stringContaining(`hailong dossiers import: warning: PUBLIC_BASE_URL is ${url} (`)]);
    }
    env.PUBLIC_BASE_URL = PUBLIC;
    expect((await cli("dossiers", "import", file)).err).toEqual([]);
  });

  it("reads completion times without an offset in TZ_DISPLAY, and names that zone when one is not a date", async () => {
    const file = path.join(dataDir, "berlin.csv");
    fs.writeFileSync(file, "dossier_code,agency_code,completed_at\nTZ-1,LSN-STP,20/07/2026 25:00\n");
    env.TZ_DISPLAY = "Europe/Berlin";
    let r;
    try {
      r = await cli("dossiers", "import", file);
    } finally {
      delete env.TZ_DISPLAY;
    }
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(new RegExp(`^${file}:2: error: completed_at: "20/07/2026 25:00" is not a date in one of .* \\(Europe/Berlin time\\)$`));
  });

  it("imports 10,000 rows with 2 % broken ones: each bad row on stderr as file:line, the rest in; exit 1", { timeout: 180_000 }, async () => {
    const data = generateRows(10_000);
    const file = path.join(dataDir, "ho-so.csv");
    fs.writeFileSync(file, toCsv(data.rows));
    const r = await cli("dossiers", "import", file);
    expect(r.code).toBe(1);
    expect(r.out.filter((l) => / created HS-/.test(l))).toHaveLength(data.good);
    const errors = r.err.filter((l) => l.includes(": error: "));
    expect(errors).toHaveLength(data.broken.size);
    for (const [line, brokenKind] of data.broken) {
      const reported = errors.find((l) => l.startsWith(`${file}:${line}: error: `));
      expect(reported, `line ${line} (${brokenKind})`).toBeDefined();
      expect(reported!.slice(`${file}:${line}: error: `.length)).toMatch(new RegExp(`^${EXPECTED[brokenKind].column}: .*${EXPECTED[brokenKind].reason.source}`));
    }
    // Progress comes after each chunk of 1,000 rows, so the lines fall near (not on) every 2,000.
    expect(r.err.filter((l) => /^importing: \d,\d{3}\/10,000 rows \(\d+%\)$/.test(l)).length).toBeGreaterThanOrEqual(4);
    expect(r.err.at(-1)).toMatch(new RegExp(`^${file}: ${data.good} created, 0 existing, 200 with errors \\(10000 rows in [\\d.]+ s\\)\\. Fix the rows`));

    const quiet = await cli("dossiers", "import", file, "--quiet");
    expect(quiet.out).toEqual([]);
    expect(quiet.err.at(-1)).toMatch(new RegExp(`: 0 created, ${data.good} existing, 200 with errors`));

    const xlsx = path.join(dataDir, "ho-so.xlsx");
    fs.writeFileSync(xlsx, await toXlsx(data.rows));
    const fromXlsx = await cli("dossiers", "import", xlsx, "--quiet");
    expect(fromXlsx.err.filter((l) => l.includes(": error: ")).map((l) => l.replace(xlsx, "F"))).toEqual(errors.map((l) => l.replace(file, "F")));
    expect(fromXlsx.err.at(-1)).toMatch(new RegExp(`: 0 created, ${data.good} existing, 200 with errors`));
  });

  it("refuses an unusable file as a whole (exit 1) and bad usage (exit 2)", async () => {
    const bad = path.join(dataDir, "bad.csv");
    fs.writeFileSync(bad, "ma_ho_so;agency_code\nX;Y\n");
    const r = await cli("dossiers", "import", bad);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      `${bad}: line 1: unknown column "ma_ho_so" (known: dossier_code, agency_code, completed_at, agency_name, procedure_code, procedure_name, locale, zalo_user_id, phone)`,
      `${bad}: line 1: the required column "dossier_code" is missing`,
      `${bad}: line 1: the required column "completed_at" is missing`,
      "Nothing imported: the file is not usable. Fix it and run the import again.",
    ]);
    fs.writeFileSync(bad, Buffer.from([0x64, 0x6f, 0xe0, 0x0a]));
    expect((await cli("dossiers", "import", bad)).err[0]).toMatch(/not UTF-8/);
    expect((await cli("dossiers", "import", path.join(dataDir, "nothing.xlsx"))).err[0]).toMatch(/cannot read the file/);
    expect((await cli("dossiers", "import", path.join(dataDir, "x.txt"))).err[0]).toMatch(/must be \.csv or \.xlsx/);
    expect((await cli("dossiers", "import")).code).toBe(2);
    expect((await cli("dossiers", "export", "x.csv")).code).toBe(2);
    expect((await cli("dossiers", "import", bad, "--force")).code).toBe(2);
  });
});
