// response_summary is kept by database triggers (migration 20261127070000_response_summary), whichever way
// a response and its answers are written; the indices read respondent patterns from it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.ts";
import { samplesFromTallies } from "../../src/indices/from-tallies.ts";
import { loadIndicesTallies } from "../../src/store/indices-queries.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { insertAgencies } from "./helpers.ts";

async function summary(db: Database, id: string) {
  const rows = await db.sql.query<{ agency_id: number; channel: string; procedure_code: string | null; pattern: string; completed_at: Date | string }>(
    `SELECT agency_id, channel, procedure_code, pattern, completed_at FROM response_summary WHERE response_id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

async function response(db: Database, id: string, agencyId: number, status: string, completedAt: string | null): Promise<void> {
  await db.sql.query(
    `INSERT INTO response (id, agency_id, channel, locale, questionnaire_id, questionnaire_version, status, state, completed_at)
     VALUES ($1, $2, 'telegram', 'vi', 'sipas-short', 1, $3, '{}'::jsonb, $4::timestamp)`,
    [id, agencyId, status, completedAt],
  );
}

async function answer(db: Database, id: string, item: string, element: string | null, score: number | null, skipped = false): Promise<void> {
  // The survey's upsert: a second answer to the same item replaces the first.
  await db.sql.query(
    `INSERT INTO answer (response_id, item_id, element, score, skipped) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (response_id, item_id) DO UPDATE SET element = EXCLUDED.element, score = EXCLUDED.score, skipped = EXCLUDED.skipped`,
    [id, item, element, score, skipped],
  );
}

describe.each(await databaseKinds())("response_summary triggers (%s)", (kind) => {
  let t: TestDatabase;
  let ids: Map<string, number>;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    ids = await insertAgencies(t.db, [{ code: "A" }, { code: "B" }]);
  });
  afterAll(async () => t?.dispose());

  it("follows a survey: nothing while active, the pattern on completion, later changes, cancellation", async () => {
    const db = t.db;
    const a = ids.get("A") as number;
    await response(db, "s1", a, "active", null);
    await answer(db, "s1", "results", "results", 2);
    await answer(db, "s1", "access", "access", 5);
    await answer(db, "s1", "feedback", "feedback", null, true); // skipped
    await answer(db, "s1", "overall", null, 4); // not an element item
    expect(await summary(db, "s1")).toBeNull();

    // Completion and the last answer in one statement, as the survey step writes them.
    await db.sql.query(
      `WITH upd AS (UPDATE response SET status = 'completed', completed_at = '2026-11-10 03:00' WHERE id = 's1' RETURNING id)
       INSERT INTO answer (response_id, item_id, element, score) SELECT id, 'civil_servants', 'civil_servants', 4 FROM upd`,
    );
    expect(await summary(db, "s1")).toMatchObject({ agency_id: a, channel: "telegram", pattern: "26:access214:civil_servants17:results" });

    await answer(db, "s1", "access", "access", 3); // changed after completion
    await db.sql.query(`UPDATE response SET agency_id = $1, channel = 'zalo', procedure_code = 'P1' WHERE id = 's1'`, [ids.get("B")]);
    expect(await summary(db, "s1")).toMatchObject({ agency_id: ids.get("B"), channel: "zalo", procedure_code: "P1", pattern: "16:access214:civil_servants17:results" });

    await db.sql.query(`DELETE FROM answer WHERE response_id = 's1' AND item_id = 'results'`);
    expect((await summary(db, "s1"))?.pattern).toBe("16:access214:civil_servants");

    await db.sql.query(`UPDATE response SET status = 'cancelled' WHERE id = 's1'`);
    expect(await summary(db, "s1")).toBeNull();
  });

  it("covers a response written completed first and answered afterwards (a Zalo rating), and deletion", async () => {
    const db = t.db;
    await response(db, "s2", ids.get("A") as number, "completed", "2026-11-11 03:00");
    expect((await summary(db, "s2"))?.pattern).toBe("");
    await answer(db, "s2", "zalo_rating", null, 5);
    expect((await summary(db, "s2"))?.pattern).toBe("");
    await answer(db, "s2", "procedures", "procedures", 4);
    expect((await summary(db, "s2"))?.pattern).toBe("210:procedures");
    await db.sql.query(`DELETE FROM response WHERE id = 's2'`);
    expect(await summary(db, "s2")).toBeNull();
  });

  it("reads item ids of any spelling back into the report's patterns", async () => {
    const db = t.db;
    const c = (await insertAgencies(db, [{ code: "C" }])).get("C") as number;
    // Ids with the pattern's own separator and digits, and one with an element outside the five.
    for (const [id, scores] of [
      ["s3", { "a:1": 5, "12": 2, odd: 4 }],
      ["s4", { "a:1": 1 }],
      ["s5", {}],
    ] as const) {
      await response(db, id, c, "active", null);
      for (const [item, score] of Object.entries(scores)) await answer(db, id, item, item === "odd" ? "not_an_element" : "access", score);
      await db.sql.query(`UPDATE response SET status = 'completed', completed_at = '2026-11-12 03:00' WHERE id = $1`, [id]);
    }
    const data = samplesFromTallies(await loadIndicesTallies(db, {
      by: "agency",
      agency: "C",
      procedure: null,
      channel: null,
      questionnaire: null,
      from: new Date("2026-06-30T17:00:00Z"),
      split: new Date("2026-09-30T17:00:00Z"),
      to: new Date("2026-12-31T17:00:00Z"),
    }));
    expect(data.space.ids).toEqual(["12", "a:1"]);
    const sample = data.current.get(String(c));
    expect(sample?.responses).toBe(3);
    // s3: "12" answered 1–3, "a:1" answered 4–5 ("odd" is outside the space); s4: only "a:1", 1–3; s5: none.
    expect(Object.fromEntries(sample?.patterns ?? [])).toEqual({ "12": 1, "01": 1 });
  });
});
