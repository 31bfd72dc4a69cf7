// The digest's integrity line: one line under an agency's response count when the integrity checks
// flagged any of its responses in the period (with how many the rule in force left out), and nothing at
// all when none is flagged, so a digest with clean data reads as before. Rendered from fixed data, and
// loaded from a seeded stuffing pattern on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/build.ts";
import { loadDigestInput } from "../../src/digest/gather.ts";
import { renderDigestText } from "../../src/digest/render.ts";
import { createTranslator } from "../../src/i18n.ts";
import { parsePeriod } from "../../src/indices/period.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { honest, insertResponses, stuffing } from "../integrity/seed.ts";
import { fixtureInput, fixtureReport } from "./fixture.ts";

const t = createTranslator();
const TZ = "Asia/Ho_Chi_Minh";

describe("the digest's integrity line", () => {
  it("says how many responses were flagged and excluded, under the agency's response count, in vi and en", () => {
    const input = fixtureInput({ flagged: { STP: 1234 } });
    const vi = renderDigestText(buildDigest(input, "vi"), "vi", t).split("\n");
    const at = vi.indexOf("• Số phiếu trả lời: 1.234 (kỳ trước: 1.180)");
    expect(vi[at + 1]).toBe("• Phiếu bị gắn cờ kiểm tra tính trung thực: 1.234; bị loại khỏi số liệu trên: 0");
    const en = renderDigestText(buildDigest(input, "en"), "en", t);
    expect(en).toContain("• Responses: 1,234 (previous period: 1,180)\n• Flagged by the integrity checks: 1,234; excluded from these figures: 0\n");
    // Only the agency with flags has the line.
    expect(en.match(/Flagged by the integrity checks/g)).toHaveLength(1);
  });

  it("counts what the rule in force excluded when the report applied it", () => {
    const report = fixtureReport();
    report.integrity = { exclude: "flagged", excluded: new Map([["STP", 7]]), excludedTotal: 7 };
    const d = buildDigest(fixtureInput({ report, flagged: { STP: 9 } }), "en");
    expect(d.sections.find((s) => s.agencyKey === "STP")!.integrity).toEqual({ flagged: 9, excluded: 7 });
    expect(renderDigestText(d, "en", t)).toContain("Flagged by the integrity checks: 9; excluded from these figures: 7");
  });

  it("has no line when nothing is flagged, so a clean digest reads as before", () => {
    const clean: (Record<string, number> | undefined)[] = [undefined, {}, { STP: 0 }];
    for (const flagged of clean) {
      const d = buildDigest(fixtureInput({ flagged }), "vi");
      expect(d.sections.every((s) => s.integrity === null)).toBe(true);
      expect(renderDigestText(d, "vi", t)).toBe(renderDigestText(buildDigest(fixtureInput(), "vi"), "vi", t));
      expect(renderDigestText(d, "vi", t)).not.toContain("gắn cờ");
    }
  });
});

describe.each(await databaseKinds())("the digest's flagged counts from the database (%s)", (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const [centre] = await db.db.sql.query<{ id: number }>(`INSERT INTO agency (code, name_vi) VALUES ('LSN', 'Trung tâm') RETURNING id`);
    const [stp] = await db.db.sql.query<{ id: number }>(`INSERT INTO agency (code, name_vi, parent_id) VALUES ('LSN-STP', 'Sở Tư pháp', $1) RETURNING id`, [centre!.id]);
    const [sxd] = await db.db.sql.query<{ id: number }>(`INSERT INTO agency (code, name_vi, parent_id) VALUES ('LSN-SXD', 'Sở Xây dựng', $1) RETURNING id`, [centre!.id]);
    await insertResponses(db.db, Number(stp!.id), stuffing());
    await insertResponses(db.db, Number(sxd!.id), honest().slice(0, 40));
  }, 120_000);
  afterAll(async () => db?.dispose());

  it("counts an agency's flagged responses with its subtree, and none for an agency without flags", async () => {
    const input = await loadDigestInput(db.db, { agencyCodes: ["LSN", "LSN-STP", "LSN-SXD"], period: parsePeriod("2026-11", TZ), minN: 30 });
    expect(input.flagged).toEqual({ LSN: 30, "LSN-STP": 30 });
    const d = buildDigest(input, "vi");
    // The digest's figures apply no exclusion (the default rule, exclude=none), so none is excluded.
    expect(d.sections.find((s) => s.agencyKey === "LSN-STP")!.integrity).toEqual({ flagged: 30, excluded: 0 });
    expect(d.sections.find((s) => s.agencyKey === "LSN-SXD")!.integrity).toBeNull();
    const october = await loadDigestInput(db.db, { agencyCodes: ["LSN-STP"], period: parsePeriod("2026-10", TZ), minN: 30 });
    expect(october.flagged).toEqual({});
  });
});
