// The commands as an operator runs them: `agencies import|list`, `procedures import`, `invitations qr`.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { startService } from "../../src/main.ts";
import { cliSandbox } from "../helpers/cli.ts";
import { databaseKinds, tempDir } from "../helpers/databases.ts";
import { decodeQr } from "../helpers/qr.ts";

const EXAMPLES = path.resolve(import.meta.dirname, "../../examples");
const KEY = "test-key-0123456789abcdef";
const BASE = "https://hailong.example.gov.vn";

describe.each(await databaseKinds())("registry and QR commands (%s)", (kind) => {
  const { dataDir, env, cli } = cliSandbox(kind, { PUBLIC_BASE_URL: BASE });

  it("agencies import prints what changed, and a re-import changes nothing", async () => {
    const file = path.join(EXAMPLES, "agencies.csv");
    const first = await cli("agencies", "import", file);
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.out.at(0)).toBe(`${file}:2: created LSN`);
    expect(first.out.at(-1)).toBe("6 created, 0 updated, 0 unchanged.");
    expect((await cli("agencies", "import", file)).out).toEqual(["0 created, 0 updated, 6 unchanged."]);
  });

  it("agencies import of a bad file exits 1 with file:line: reasons", async () => {
    const bad = path.join(dataDir, "bad.csv");
    fs.writeFileSync(bad, "code,name_vi,parent_code\nX1,Tên,X2\nX2,Tên,X1\n");
    const r = await cli("agencies", "import", bad);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      `${bad}:2: error: parent_code makes a cycle: X1 → X2 → X1`,
      `${bad}:3: error: parent_code makes a cycle: X2 → X1 → X2`,
      "Nothing imported: 2 row(s) with errors. Fix the file and run the import again.",
    ]);
    expect((await cli("agencies", "import")).code).toBe(2);
  });

  it("agencies list shows the tree, as text or JSON", async () => {
    const table = await cli("agencies", "list");
    expect(table.code).toBe(0);
    expect(table.out[0]).toMatch(/^LSN {2}UBND tỉnh Lạng Sơn/);
    expect(table.out).toContain("│  └─ LSN-HL-DONGTAN  UBND xã Đồng Tân, huyện Hữu Lũng / Dong Tan Commune People's Committee, Huu Lung District  [sipas-short]");
    const json = JSON.parse((await cli("agencies", "list", "--format", "json")).out.join("\n")) as { code: string; children: { code: string }[] }[];
    expect(json.map((n) => n.code)).toEqual(["LSN"]);
    expect(json[0]!.children.map((n) => n.code)).toEqual(["LSN-HL", "LSN-STP", "LSN-SXD", "LSN-TTPVHCC"]);
    expect((await cli("agencies", "list", "--format", "xml")).code).toBe(2);
  });

  it("procedures import and list", async () => {
    expect((await cli("procedures", "import", path.join(EXAMPLES, "procedures.csv"))).out.at(-1)).toBe("3 created, 0 updated, 0 unchanged.");
    expect((await cli("procedures", "list")).out).toContain("1.001193  Đăng ký khai sinh / Birth registration");
  });

  it("invitations qr writes a PNG (or SVG) label whose code is the landing page", async () => {
    // The embedded database belongs to one process at a time: create the invitation, then stop.
    const s = await startService({ env: { ...env, HAILONG_API_KEYS: KEY }, logger: silentLogger(), listen: false });
    let token: string;
    try {
      const res = await s.http.request("/api/v1/dossiers", {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ dossierCode: "HS-QR-1", agencyCode: "LSN-TTPVHCC", completedAt: "2026-11-27" }),
      });
      token = ((await res.json()) as { token: string }).token;
    } finally {
      await s.stop();
    }
    // Kept after the run (outside the data directory) so a person can look at the label.
    const png = path.join(tempDir("hailong-qr-"), `label-80mm-${kind}.png`);
    const r = await cli("invitations", "qr", "--dossier", "HS-QR-1", "--out", png, "--size", "80");
    expect(r.err).toEqual([]);
    expect(r.out).toEqual([`${png}: QR code of ${BASE}/i/${token}`]);
    const qr = decodeQr(fs.readFileSync(png));
    expect(qr).toMatchObject({ text: `${BASE}/i/${token}`, width: 576 });
    console.log(`[test] receipt label (80 mm): ${png}`);

    const svg = path.join(dataDir, "label.svg");
    expect((await cli("invitations", "qr", "--dossier", "HS-QR-1", "--out", svg)).code).toBe(0);
    expect(fs.readFileSync(svg, "utf8")).toContain(">Trung tâm Phục vụ");

    const missing = await cli("invitations", "qr", "--dossier", "NO-SUCH", "--out", png);
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toContain(`no invitation for dossier "NO-SUCH"`);
    expect((await cli("invitations", "qr", "--dossier", "HS-QR-1")).code).toBe(2);
    expect((await cli("invitations", "qr", "--dossier", "HS-QR-1", "--out", "x.jpg")).code).toBe(2);

    // The default PUBLIC_BASE_URL is this machine: the label is still written, with a warning that phones cannot open it.
    env.PUBLIC_BASE_URL = "http://127.0.0.1:3000";
    try {
      const local = await cli("invitations", "qr", "--dossier", "HS-QR-1", "--out", svg);
      expect(local.code).toBe(0);
      expect(local.err).toEqual([expect.stringMatching(/^hailong invitations qr: warning: PUBLIC_BASE_URL is http:\/\/127\.0\.0\.1:3000 .*phones cannot open/)]);
    } finally {
      env.PUBLIC_BASE_URL = BASE;
    }
  });
});
