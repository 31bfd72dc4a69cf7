// Bulk import at the library level: a generated 10,000-row export with 2 % broken rows (six kinds of error),
// as CSV and as XLSX, on both databases. Good rows in, each bad row reported with its line and reason,
// a re-import adds nothing, and the XLSX of the same data gives the same outcome row by row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBulkImporter, type BulkReport } from "../../src/invitations/bulk/import.ts";
import { columnOf, csvToItems, recordsToItems } from "../../src/invitations/bulk/dossier-file.ts";
import { toIsoTimestamp } from "../../src/invitations/bulk/local-time.ts";
import { readXlsx } from "../../src/invitations/bulk/xlsx.ts";
import type { BulkItem } from "../../src/invitations/bulk/validate.ts";
import { silentLogger } from "../../src/logger.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { createBulkInvitationStore } from "../../src/store/invitations-bulk.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { EXPECTED, generateRows, toCsv, toXlsx } from "../helpers/dossier-rows.ts";

const N = 10_000;
const data = generateRows(N);

function itemsOf(file: ReturnType<typeof csvToItems>): BulkItem[] {
  if (!file.ok) throw new Error(file.fileErrors.join("; "));
  return file.items;
}

/** Outcome per line, without the tokens (they differ between databases). */
function outcomes(r: BulkReport) {
  return r.results.map((x) => (x.outcome === "error" ? { line: x.ref, errors: x.errors } : { line: x.ref, outcome: x.outcome, code: x.dossierCode }));
}

describe("completion times", () => {
  it.each([
    ["20/11/2026", "2026-11-20T00:00:00+07:00"],
    ["5/1/2026 7:05", "2026-01-05T07:05:00+07:00"],
    ["2026-11-20", "2026-11-20T00:00:00+07:00"],
    ["2026-11-20 14:30:15", "2026-11-20T14:30:15+07:00"],
    ["2026-11-20T14:30:00Z", "2026-11-20T14:30:00Z"],
    ["2026-11-20T14:30:00.250+0700", "2026-11-20T14:30:00.250+07:00"],
  ])("%s → %s (Asia/Ho_Chi_Minh unless an offset is given)", (text, iso) => {
    expect(toIsoTimestamp(text)).toBe(iso);
  });
  it.each(["31/02/2026", "2026-13-01", "20-11-2026", "hôm qua", "2026-11-20 25:00", "1999-01-01"])("refuses %s", (text) => {
    expect(toIsoTimestamp(text)).toBeUndefined();
  });
  it("reads a spreadsheet date cell as wall time in Vietnam", () => {
    expect(toIsoTimestamp(new Date(Date.UTC(2026, 10, 20, 9, 15)))).toBe("2026-11-20T09:15:00+07:00");
  });
});

describe.each(await databaseKinds())("bulk import of 10,000 dossiers (%s)", (kind) => {
  let t: TestDatabase;
  let fresh: TestDatabase;
  beforeAll(async () => {
    [t, fresh] = await Promise.all([openTestDatabase(kind), openTestDatabase(kind)]);
    // Some agencies exist beforehand; the others are created from rows that carry agency_name.
    await createAgencyStore(t.db).ensureMany([{ code: "A00", nameVi: "Trung tâm Phục vụ hành chính công" }]);
  });
  afterAll(async () => {
    await Promise.all([t?.dispose(), fresh?.dispose()]);
  });

  const importer = (db: TestDatabase) =>
    createBulkImporter({
      agencies: createAgencyStore(db.db),
      invitations: createBulkInvitationStore(db.db),
      logger: silentLogger(),
      now: () => new Date("2026-11-27T03:00:00Z"),
      timeZone: "Asia/Ho_Chi_Minh",
      ttlDays: 14,
      telegramUsername: () => "hailong_bot",
    });
  // How fast: npm run bench:bulk-import.
  const run = (db: TestDatabase, items: BulkItem[]) => importer(db).importDossiers(items, { refName: (l) => `line ${l}`, fieldName: columnOf });

  let first: BulkReport;
  it("imports the good rows and reports each bad one with its line, column and reason", { timeout: 120_000 }, async () => {
    first = await run(t, itemsOf(csvToItems(Buffer.from(toCsv(data.rows), "utf8"))));
    expect(first.counts).toEqual({ created: data.good, existing: 0, error: data.broken.size });
    expect(data.broken.size).toBe(N * 0.02);
    for (const r of first.results) {
      const kindOf = data.broken.get(r.ref);
      if (!kindOf) {
        expect(r.outcome, `line ${r.ref}`).toBe("created");
        continue;
      }
      expect(r.outcome, `line ${r.ref} (${kindOf})`).toBe("error");
      if (r.outcome !== "error") continue;
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.field, `line ${r.ref} (${kindOf})`).toBe(EXPECTED[kindOf].column);
      expect(r.errors[0]!.reason, `line ${r.ref} (${kindOf})`).toMatch(EXPECTED[kindOf].reason);
    }
    expect(new Set([...data.broken.values()]).size).toBe(6);
    expect(await t.db.prisma.invitation.count()).toBe(data.good);
    // 30 agencies A00–A29, each named by some row or already there; none for the rows without a name.
    expect(await t.db.prisma.agency.count()).toBe(30);
    const one = await t.db.prisma.invitation.findUniqueOrThrow({ where: { dossierCode: "HS-000001" }, include: { agency: true } });
    expect(one.completedAt.toISOString()).toBe("2026-11-02T02:01:00.000Z"); // 02/11/2026 09:01 in Hà Nội
    expect(one.agency.nameVi).toBe("UBND xã số 1, huyện Hữu Lũng");
    expect(one.expiresAt.toISOString()).toBe("2026-12-11T03:00:00.000Z");
    expect(one.locale).toBe("vi");
    const created = first.results.find((r) => r.ref === 3);
    expect(created).toMatchObject({ outcome: "created", token: one.token, telegramUrl: `https://t.me/hailong_bot?start=${one.token}` });
  });

  it("rows with a phone are in, and say they were not sent", () => {
    const withPhone = first.results.find((r) => r.ref === 2);
    expect(withPhone).toMatchObject({ outcome: "created", delivery: { channel: "none", status: "skipped" } });
    if (withPhone?.outcome === "created") expect(withPhone.delivery?.reason).toMatch(/do not send over Zalo/);
    expect(first.results.find((r) => r.ref === 3)).not.toHaveProperty("delivery");
  });

  it("a re-import adds nothing and returns the same tokens", { timeout: 120_000 }, async () => {
    const again = await run(t, itemsOf(csvToItems(Buffer.from(toCsv(data.rows), "utf8"))));
    expect(again.counts).toEqual({ created: 0, existing: data.good, error: data.broken.size });
    expect(await t.db.prisma.invitation.count()).toBe(data.good);
    const tokens = (r: BulkReport) => r.results.map((x) => (x.outcome === "error" ? null : x.token));
    expect(tokens(again)).toEqual(tokens(first));
  });

  it("the XLSX of the same data gives the same result, row by row", { timeout: 120_000 }, async () => {
    const xlsx = recordsToItems(await readXlsx(await toXlsx(data.rows)));
    const intoFresh = await run(fresh, itemsOf(xlsx));
    expect(outcomes(intoFresh)).toEqual(outcomes(first));
    const [a, b] = await Promise.all(
      [t, fresh].map((d) => d.db.prisma.invitation.findMany({ select: { dossierCode: true, completedAt: true, locale: true, procedureName: true }, orderBy: { dossierCode: "asc" } })),
    );
    expect(b).toEqual(a);
    const intoSame = await run(t, itemsOf(xlsx));
    expect(intoSame.counts).toEqual({ created: 0, existing: data.good, error: data.broken.size });
  });
});
