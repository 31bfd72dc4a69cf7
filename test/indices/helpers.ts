// Test data for the indices: agencies and completed responses written with plain SQL (no Prisma mocks).
import type { Database } from "../../src/store/database.ts";

export const ELEMENT_OF: Record<string, string | null> = {
  access: "access",
  procedures: "procedures",
  civil_servants: "civil_servants",
  cs_polite: "civil_servants",
  results: "results",
  feedback: "feedback",
  overall: null,
  improve: null,
  comment: null,
};
// Items named x00, x01… belong to "access": used to test questionnaires with many items.

export interface TestAgency {
  code: string;
  parent?: string;
}

export async function insertAgencies(db: Database, agencies: TestAgency[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const a of agencies) {
    const parentId = a.parent === undefined ? null : ids.get(a.parent);
    const rows = await db.sql.query<{ id: number }>(
      `INSERT INTO agency (code, name_vi, name_en, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [a.code, `Cơ quan ${a.code}`, `Agency ${a.code}`, parentId ?? null],
    );
    ids.set(a.code, Number(rows[0]?.id));
  }
  return ids;
}

export interface TestResponse {
  agency: string;
  completedAt: string;
  /** item id → score 1–5, or null for a skipped item; "improve" takes a choice string. */
  answers: Record<string, number | null | string>;
  channel?: string;
  procedure?: string | null;
  status?: string;
}

let counter = 0;

export async function insertResponses(db: Database, agencyIds: Map<string, number>, responses: TestResponse[]): Promise<void> {
  for (const r of responses) {
    const id = `r${++counter}_${Math.random().toString(36).slice(2, 8)}`;
    await db.sql.query(
      `INSERT INTO response (id, agency_id, procedure_code, channel, locale, questionnaire_id, questionnaire_version, status, state, completed_at)
       VALUES ($1, $2, $3, $4, 'vi', 'sipas-short', 1, $5, '{}'::jsonb, $6::timestamp)`,
      [id, agencyIds.get(r.agency), r.procedure ?? null, r.channel ?? "telegram", r.status ?? "completed", r.completedAt.replace("T", " ").replace("Z", "")],
    );
    const values: string[] = [];
    const params: unknown[] = [id];
    for (const [item, v] of Object.entries(r.answers)) {
      const base = params.length;
      const isChoice = typeof v === "string";
      params.push(item, ELEMENT_OF[item] ?? (item.startsWith("x") ? "access" : null), isChoice ? null : v, isChoice ? v : null, v === null);
      values.push(`($1, $${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5})`);
    }
    if (values.length) {
      await db.sql.query(`INSERT INTO answer (response_id, item_id, element, score, choice, skipped) VALUES ${values.join(", ")}`, params);
    }
  }
}

/** n respondents of one agency, each answering every element item with `score` (and overall). */
export function uniform(agency: string, n: number, score: number, completedAt: string): TestResponse[] {
  return Array.from({ length: n }, () => ({
    agency,
    completedAt,
    answers: { access: score, procedures: score, civil_servants: score, results: score, feedback: score, overall: score },
  }));
}
