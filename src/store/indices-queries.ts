// The aggregates behind the SIPAS-style indices, computed in the database: answer counts per
// period × group × item × score (from the answers), and respondents per period × group × answer pattern
// (for the bootstrap) from response_summary, the one-row-per-completed-response table that database
// triggers keep (migration 20261127070000_response_summary). Answers are never loaded one by one. Both
// periods are read in one snapshot. Raw tallies out: turning them into samples is the method's business
// (src/indices/from-tallies.ts), so the store knows nothing of it.
import { AppError } from "../errors.ts";
import type { Database } from "./database.ts";
import type { SqlTx } from "./sql.ts";
import { integrityFlagsCte } from "./integrity-queries.ts";
import { utcText } from "./sql-values.ts";

/** What the responses are grouped by; "element" is one group (key ""). */
export type TallyGroupBy = "agency" | "procedure" | "channel" | "element";

export interface IndicesSelection {
  by: TallyGroupBy;
  /** Agency code whose subtree is selected; null = every agency. */
  agency: string | null;
  procedure: string | null;
  channel: string | null;
  questionnaire: string | null;
  /** Leave out the responses the integrity rule excludes (src/integrity/thresholds.ts); see docs/indices-method.md. */
  excludeFlagged?: boolean;
  /** Previous period [from, split), current period [split, to); UTC instants. */
  from: Date;
  split: Date;
  to: Date;
}

/** An agency of the selection, with its parent, so the report can build the tree. */
export interface AgencyRecord {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  parentId: number | null;
}

/**
 * Group keys are text: agency id, procedure code ("" = none), channel, or "" for by=element. `current`
 * says which period a row belongs to: [split, to) when true, [from, split) when false.
 */
export interface IndicesTallies {
  /** The agencies of the selection (every agency when no agency was selected; none for other groupings). */
  agencies: AgencyRecord[];
  /** Answers per period × group × item × score 1–5 (skipped items left out). */
  counts: { current: boolean; group: string; itemId: string; element: string | null; score: number; count: number }[];
  /** Completed responses per period × group × response_summary pattern (the empty pattern included). */
  patterns: { current: boolean; group: string; pattern: string; count: number }[];
  /** Completed responses of the current period that the integrity rule excludes, by group (only when excluding). */
  excluded: { group: string; count: number }[];
}

function groupExpr(by: TallyGroupBy): string {
  switch (by) {
    case "agency":
      // Grouped as an integer (cheaper to sort and hash) and keyed as text in JS.
      return "r.agency_id";
    case "procedure":
      return "coalesce(r.procedure_code, '')";
    case "channel":
      return "r.channel";
    case "element":
      return "''";
  }
}

/**
 * Shared WHERE of the response selection over alias r, which is either response or response_summary (same
 * column names; the summary holds completed responses only, so it needs no status test). Returns SQL and
 * its parameters ($1..).
 */
function selection(
  sel: IndicesSelection,
  table: "response" | "response_summary",
  flagged: "leave-out" | "only" = "leave-out",
): { cte: string; where: string; params: unknown[] } {
  const params: unknown[] = [utcText(sel.from), utcText(sel.split), utcText(sel.to)];
  const where = [`r.completed_at >= $1::timestamp`, `r.completed_at < $3::timestamp`];
  if (table === "response") where.unshift(`r.status = 'completed'`);
  const ctes: string[] = [];
  if (sel.agency !== null) {
    params.push(sel.agency);
    // UNION (not UNION ALL) so that a parent cycle in bad data ends instead of recursing forever.
    ctes.push(`RECURSIVE sub(id) AS (SELECT id FROM agency WHERE code = $${params.length} UNION SELECT a.id FROM agency a JOIN sub s ON a.parent_id = s.id)`);
    where.push(`r.agency_id IN (SELECT id FROM sub)`);
  }
  if (sel.excludeFlagged) {
    ctes.push(integrityFlagsCte("$1", "$3"));
    // response_summary is keyed by response_id, response by id.
    const key = table === "response" ? "r.id" : "r.response_id";
    where.push(`${key} ${flagged === "leave-out" ? "NOT IN" : "IN"} (SELECT id FROM integrity_flags WHERE excluded)`);
  }
  const cte = ctes.length ? `WITH ${ctes.join(", ")} ` : "";
  const eq = (column: string, value: string | null) => {
    if (value === null) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  eq("r.procedure_code", sel.procedure);
  eq("r.channel", sel.channel);
  eq("r.questionnaire_id", sel.questionnaire);
  return { cte, where: where.join(" AND "), params };
}

interface AgencyRow {
  id: number;
  code: string;
  name_vi: string;
  name_en: string | null;
  parent_id: number | null;
}

async function loadAgencies(tx: SqlTx, code: string | null): Promise<AgencyRecord[]> {
  const rows =
    code === null
      ? await tx.query<AgencyRow>(`SELECT id, code, name_vi, name_en, parent_id FROM agency`)
      : await tx.query<AgencyRow>(
          `WITH RECURSIVE sub(id) AS (SELECT id FROM agency WHERE code = $1 UNION SELECT a.id FROM agency a JOIN sub s ON a.parent_id = s.id)
           SELECT a.id, a.code, a.name_vi, a.name_en, a.parent_id FROM agency a JOIN sub USING (id)`,
          [code],
        );
  if (code !== null && rows.length === 0) throw new AppError("unknown_agency", `No agency with code "${code}".`);
  return rows.map((r) => ({ id: Number(r.id), code: r.code, nameVi: r.name_vi, nameEn: r.name_en, parentId: r.parent_id === null ? null : Number(r.parent_id) }));
}

/** Reads everything a report needs for the selection, for both periods, in one consistent snapshot. */
export async function loadIndicesTallies(db: Database, sel: IndicesSelection): Promise<IndicesTallies> {
  return db.sql.exclusive(async (tx) => {
    // One snapshot for all statements, so counts and patterns describe the same responses (PostgreSQL;
    // PGlite has a single connection and the transaction already excludes other writers).
    if (db.sql.dialect === "postgresql") await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const agencies = sel.by === "agency" || sel.agency !== null ? await loadAgencies(tx, sel.agency) : [];
    const g = groupExpr(sel.by);
    const cur = `(r.completed_at >= $2::timestamp)`;

    // Respondents per answer pattern, and so (summing every pattern, the empty one included) completed
    // responses per group: one narrow row per respondent, where re-aggregating the answers per response
    // cost about twice the count query below.
    const s = selection(sel, "response_summary");
    // PostgreSQL's planner cannot tell how few distinct patterns there are and sorts every row, spilling to
    // disk at the default work_mem (4 MB); with room it hashes in memory: 136 → 60 ms for a year of a
    // province. For this statement only, so the count query below runs exactly as a hand-written one would.
    await tx.query("SET LOCAL work_mem = '64MB'");
    const patterns = await tx.query<{ cur: number; g: string | number; pattern: string; c: number }>(
      `${s.cte}SELECT ${cur}::int AS cur, ${g} AS g, r.pattern, count(*)::int AS c
       FROM response_summary r WHERE ${s.where} GROUP BY 1, 2, 3`,
      s.params,
    );
    await tx.query("SET LOCAL work_mem TO DEFAULT");

    const a = selection(sel, "response");
    const counts = await tx.query<{ cur: number; g: string | number; item_id: string; element: string | null; score: number; c: number }>(
      `${a.cte}SELECT ${cur}::int AS cur, ${g} AS g, a.item_id, a.element, a.score, count(*)::int AS c
       FROM response r JOIN answer a ON a.response_id = r.id
       WHERE ${a.where} AND a.score BETWEEN 1 AND 5 AND NOT a.skipped
       GROUP BY 1, 2, 3, 4, 5`,
      a.params,
    );
    const excluded: IndicesTallies["excluded"] = [];
    if (sel.excludeFlagged) {
      const x = selection(sel, "response", "only");
      const rows = await tx.query<{ g: string | number; c: number }>(
        `${x.cte}SELECT ${g} AS g, count(*)::int AS c FROM response r WHERE ${x.where} AND ${cur} GROUP BY 1`,
        x.params,
      );
      for (const row of rows) excluded.push({ group: String(row.g), count: Number(row.c) });
    }
    return {
      agencies,
      counts: counts.map((r) => ({ current: Number(r.cur) === 1, group: String(r.g), itemId: r.item_id, element: r.element, score: Number(r.score), count: Number(r.c) })),
      patterns: patterns.map((r) => ({ current: Number(r.cur) === 1, group: String(r.g), pattern: r.pattern, count: Number(r.c) })),
      excluded,
    };
  });
}
