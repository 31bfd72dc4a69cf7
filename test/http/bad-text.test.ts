// Text PostgreSQL cannot hold (a NUL, a lone surrogate), control characters in names and impossible years,
// at every entry point from outside, on both databases: a 422 naming the field (or, for what is drawn on a
// label, a cleaned string), never a 500, and nothing stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { MAX_RESAMPLES } from "../../src/indices/options.ts";
import { createZaloWebhook } from "../../src/http/zalo-webhook.ts";
import { csvToItems } from "../../src/invitations/bulk/dossier-file.ts";
import { checkItems } from "../../src/invitations/bulk/validate.ts";
import { checkCodeAndNames, readTable } from "../../src/registry/table-csv.ts";
import { AGENCY_COLUMNS } from "../../src/registry/agencies-import.ts";
import { createInboxStore } from "../../src/store/inbox.ts";
import { readCsv } from "../../src/csv.ts";
import { OFFICIAL_INDICES } from "../../src/results/indices.ts";
import { OFFICIAL_UNITS } from "../../src/results/units.ts";
import { checkResultRecords } from "../../src/results/validate.ts";
import { createPgDatabase, databaseKinds, tempDir } from "../helpers/databases.ts";
import { fakeClock, fixtureText, sign, testConfig } from "../channels/zalo/helpers.ts";

const KEY = "test-key-0123456789abcdef";
const good = { dossierCode: "T-1", agencyCode: "A1", agencyName: "Cơ quan A1", completedAt: "2026-11-27T08:00:00+07:00" };

/** [case, fields to override, the field the answer must name]. JSON.stringify writes "\u0000" and "\ud800" as escapes. */
const badDossiers: [string, Record<string, unknown>, string][] = [
  ["a NUL in agencyName", { agencyCode: "NEW-1", agencyName: "Sở Tư pháp\u0000" }, "agencyName"],
  ["a NUL in procedureName", { procedureName: "Cấp\u0000phép" }, "procedureName"],
  ["a lone high surrogate in agencyName", { agencyCode: "NEW-2", agencyName: "Sở \ud800 Tư pháp" }, "agencyName"],
  ["a lone low surrogate in procedureName", { procedureName: "\udc00" }, "procedureName"],
  ["a reversed surrogate pair in agencyName", { agencyCode: "NEW-3", agencyName: "\ude00\ud83d" }, "agencyName"],
  ["a bell in agencyName", { agencyCode: "NEW-4", agencyName: "Sở\u0007Tư pháp" }, "agencyName"],
  ["a line break inside procedureName", { procedureName: "Cấp phép\nxây dựng" }, "procedureName"],
  ["a C1 control in agencyName", { agencyCode: "NEW-5", agencyName: "Sở\u009bTư pháp" }, "agencyName"],
  ["completedAt in year 0000", { completedAt: "0000-01-01T00:00:00Z" }, "completedAt"],
  ["completedAt a bare date in year 0000", { completedAt: "0000-01-01" }, "completedAt"],
  ["completedAt in 1899", { completedAt: "1899-12-31T23:59:59+07:00" }, "completedAt"],
  ["completedAt in 9999", { completedAt: "9999-12-31T23:59:59-12:00" }, "completedAt"],
  ["completedAt in 2101", { completedAt: "2101-01-01" }, "completedAt"],
];

describe.each(await databaseKinds())("bad text at every entry point (%s)", (kind) => {
  let s: Service;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const env: Record<string, string> = { HAILONG_DATA_DIR: tempDir(), HAILONG_API_KEYS: KEY };
    if (kind === "postgresql") {
      const pg = await createPgDatabase();
      env.DATABASE_URL = pg.url;
      drop = pg.drop;
    }
    s = await startService({ env, logger: silentLogger(), listen: false });
  });
  afterAll(async () => {
    await s?.stop();
    await drop?.();
  });

  const api = (path: string, body?: unknown) =>
    s.http.request(path, {
      ...(body === undefined ? {} : { method: "POST", body: JSON.stringify(body) }),
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    });
  const stored = async () => ({ invitations: await s.db.prisma.invitation.count(), agencies: await s.db.prisma.agency.count() });

  describe("POST /api/v1/dossiers", () => {
    it.each(badDossiers)("%s → 422 naming the field, nothing stored", async (_name, fields, field) => {
      const before = await stored();
      const res = await api("/api/v1/dossiers", { ...good, ...fields });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: string; issues: { field: string; message: string }[] };
      expect(body.error).toBe("validation");
      expect(body.issues.map((i) => i.field)).toEqual([field]);
      expect(await stored()).toEqual(before);
    });

    it("takes the edge years 2000 and 2100, and a name with an emoji (a proper surrogate pair)", async () => {
      for (const [i, completedAt] of ["2000-01-01", "2100-12-31T23:59:59+07:00"].entries()) {
        const res = await api("/api/v1/dossiers", { ...good, dossierCode: `EDGE-${i}`, agencyCode: "EDGE", agencyName: "Bộ phận một cửa 😀", completedAt });
        expect(res.status).toBe(201);
      }
    });
  });

  describe("POST /api/v1/dossiers:batch", () => {
    it("answers each bad item with its field (207) and takes the good one", async () => {
      const before = await stored();
      const items = badDossiers.map(([, fields], i) => ({ ...good, dossierCode: `TB-${i}`, ...fields }));
      const res = await api("/api/v1/dossiers:batch", { dossiers: [...items, { ...good, dossierCode: "TB-good" }] });
      expect(res.status).toBe(207);
      const body = (await res.json()) as { counts: { created: number; error: number }; results: { outcome: string; errors?: { field: string }[] }[] };
      expect(body.counts).toMatchObject({ created: 1, error: badDossiers.length });
      badDossiers.forEach(([name, , field], i) => expect(body.results[i]?.errors?.map((e) => e.field), name).toEqual([field]));
      // The good item's agency A1 is new; none of the bad items' agencies (NEW-…) was created.
      expect(await stored()).toEqual({ invitations: before.invitations + 1, agencies: before.agencies + 1 });
      expect(await s.db.prisma.agency.count({ where: { code: { startsWith: "NEW-" } } })).toBe(0);
    });
  });

  describe("GET /api/v1/indices", () => {
    const cases: [string, string, string][] = [
      ["%00 in agency", "period=2026-Q4&agency=%00", "agency"],
      ["%00 inside procedure", "period=2026-Q4&procedure=abc%00def", "procedure"],
      ["%00 in channel", "period=2026-Q4&channel=%00", "channel"],
      ["%00 in questionnaire", "period=2026-Q4&questionnaire=sipas%00", "questionnaire"],
      ["%00 in period", "period=2026-Q4%00", "period"],
      ["%00 in from", "from=2026-10-01%00&to=2026-12-31", "from"],
      ["a line break in agency", "period=2026-Q4&agency=A1%0AA2", "agency"],
      ["an escape character in channel", "period=2026-Q4&channel=%1B%5B31m", "channel"],
      ["resamples above the cap", `period=2026-Q4&resamples=${MAX_RESAMPLES + 1}`, "resamples"],
      ["100,000 resamples", "period=2026-Q4&resamples=100000", "resamples"],
      ["a parameter named constructor", "period=2026-Q4&constructor=1", "(options)"],
    ];
    it.each(cases)("%s → 422 naming the field", async (_name, query, field) => {
      const res = await api(`/api/v1/indices?${query}`);
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: string; field: string; message: string };
      expect(body.error).toBe("validation");
      expect(body.field).toBe(field);
      expect(body.message.length).toBeGreaterThan(10);
    });

    it("takes resamples at the cap", async () => {
      expect((await api(`/api/v1/indices?period=2026-Q4&resamples=${MAX_RESAMPLES}`)).status).toBe(200);
    });
  });

  describe("POST /webhooks/zalo", () => {
    const clock = fakeClock();
    const texts: [string, string, number][] = [
      ["plain text, for comparison", "4 😀", 200],
      ["a NUL in the text", "4\\u0000", 400],
      ["a lone surrogate in the text", "\\ud800", 400],
      ["a NUL in a key", '4", "\\u0000": "x', 400],
    ];
    it.each(texts)("%s (signed) → %i, stored only when 200", async (_name, text, status) => {
      const app = createZaloWebhook({ config: testConfig("http://127.0.0.1:9"), inbox: createInboxStore(s.db, () => new Date(clock.now())), logger: silentLogger(), now: clock.now });
      const ts = String(clock.now());
      const raw = fixtureText("user_send_text.json")
        .replace(/"timestamp": ?"\d+"/, `"timestamp": "${ts}"`)
        .replace(/"text": "[^"]*"/, `"text": "${text}"`);
      const before = await s.db.prisma.inboxEvent.count();
      const res = await app.request("/", { method: "POST", body: raw, headers: { "content-type": "application/json", "x-zevent-signature": sign(raw, ts) } });
      expect(res.status).toBe(status);
      expect(await s.db.prisma.inboxEvent.count()).toBe(before + (status === 200 ? 1 : 0));
    });
  });

  describe("the receipt label", () => {
    it("draws an agency name stored with control characters as a cleaned string", async () => {
      // Names stored before they were checked: written straight to the table, as an old row would be.
      await s.db.prisma.agency.create({ data: { code: "CTRL", nameVi: "Sở\u0007Tư\u001b[31m pháp\u0085\r\nLạng Sơn" } });
      const res = await api("/api/v1/dossiers", { ...good, dossierCode: "QR-CTRL", agencyCode: "CTRL", agencyName: undefined });
      expect(res.status).toBe(201);
      const { token } = (await res.json()) as { token: string };
      const svg = await api(`/api/v1/invitations/${token}/qr.svg?size=80`);
      expect(svg.status).toBe(200);
      const text = await svg.text();
      // eslint-disable-next-line no-control-regex -- the point of the check
      expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
      expect(text).toContain("Sở Tư [31m pháp");
      expect(text).toContain("Lạng Sơn");
      const png = await api(`/api/v1/invitations/${token}/qr.png`);
      expect(png.status).toBe(200);
      expect(png.headers.get("content-type")).toBe("image/png");
    });
  });
});

describe("imported files", () => {
  it.each([
    ["a NUL in agency_name", "A1,Sở\u0000Tư pháp,", "agencyName"],
    ["a bell in procedure_name", "A1,,Cấp\u0007phép", "procedureName"],
    ["completed_at in year 0000", "A1,,,0000-01-01", "completedAt"],
  ])("a dossier CSV row with %s is an error on that column", (_name, row, field) => {
    const [agency, agencyName, procedureName, completedAt] = row.split(",");
    const csv = `dossier_code,agency_code,agency_name,procedure_name,completed_at\nD-1,${agency},${agencyName},${procedureName},${completedAt || "2026-11-27"}\n`;
    const file = csvToItems(Buffer.from(csv, "utf8"));
    if (!file.ok) throw new Error(file.fileErrors.join("; "));
    const [checked] = checkItems(file.items, (r) => `line ${r}`);
    expect(checked?.ok).toBe(false);
    expect(checked && !checked.ok ? checked.errors.map((e) => e.field) : []).toEqual([field]);
  });

  it.each([
    ["a NUL", "Sở\u0000Tư pháp"],
    ["an escape character", "Sở\u001bTư pháp"],
    ["a C1 control", "Sở\u0085Tư pháp"],
  ])("an agency registry row with %s in name_vi is refused", (_name, name) => {
    const table = readTable(`code,name_vi\nA1,${name}\n`, AGENCY_COLUMNS);
    if (!table.ok) throw new Error(table.fileErrors.join("; "));
    expect(checkCodeAndNames(table.rows[0]!).join("; ")).toMatch(/^name_vi contains/);
  });

  it.each([
    ["a NUL in note", "https://sonoivu.langson.gov.vn/sipas-2021", "đã kiểm tra\u0000", /^note contains a NUL/],
    ["a NUL in source_url", "https://sonoivu.langson.gov.vn/\u0000", "", /^source_url contains a NUL/],
  ])("an official-results row with %s is refused", (_name, url, note, reason) => {
    const checked = checkResultRecords(readCsv(`index,unit,year,value,source_url,note\nSIPAS,20,2021,85.5,${url},${note}\n`), OFFICIAL_UNITS, OFFICIAL_INDICES);
    const row = checked.rows[0];
    expect(row && !row.ok ? row.errors : []).toEqual([expect.stringMatching(reason)]);
  });
});
