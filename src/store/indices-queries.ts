// The aggregates behind the SIPAS-style indices, computed in the database: answer counts per
// period × group × item × score (from the answers), and respondents per period × group × answer pattern
// (for the bootstrap) from response_summary, the one-row-per-completed-response table that database
// triggers keep (migration 20261127070000_response_summary). Answers are never loaded one by one. Both
// periods are read in one snapshot.
import { AppError } from "../errors.ts";
import { itemSpace } from "../indices/sample.ts";
import type { AgencyNode } from "../indices/tree.ts";
import type { GroupBy, GroupSample, ItemSpace, ItemTally } from "../indices/types.ts";
import { ELEMENTS, type Element } from "../survey/types.ts";
import type { Database } from "./database.ts";
import type { SqlTx } from "./sql.ts";
import { integrityFlagsCte } from "./integrity-queries.ts";
import { utcText } from "./sql-values.ts";

export interface IndicesSelection {
  by: GroupBy;
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

export interface IndicesData {
  /** The agencies of the selection (every agency when no agency was selected). */
  agencies: AgencyNode[];
  space: ItemSpace;
  /** Samples by group key: agency id (as text), procedure code ("" = none), channel, or "" for by=element. */
  current: Map<string, GroupSample>;
  before: Map<string, GroupSample>;
  /** Completed responses of the current period that the integrity rule excludes, by group key (only when excluding). */
  excluded?: Map<string, number>;
}


function groupExpr(by: GroupBy): string {
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

async function loadAgencies(tx: SqlTx, code: string | null): Promise<AgencyNode[]> {
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

function isElement(x: string | null): x is Element {
  return x !== null && (ELEMENTS as readonly string[]).includes(x);
}

function sampleOf(map: Map<string, GroupSample>, key: string): GroupSample {
  let s = map.get(key);
  if (!s) {
    s = { responses: 0, items: new Map(), patterns: new Map() };
    map.set(key, s);
  }
  return s;
}

/** Reads everything a report needs for the selection, for both periods, in one consistent snapshot. */
export async function loadIndicesData(db: Database, sel: IndicesSelection): Promise<IndicesData> {
  return db.sql.exclusive(async (tx) => {
    // One snapshot for all statements, so counts and patterns describe the same responses (PostgreSQL;
    // PGlite has a single connection and the transaction already excludes other writers).
    if (db.sql.dialect === "postgresql") await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const agencies = sel.by === "agency" || sel.agency !== null ? await loadAgencies(tx, sel.agency) : [];
    const g = groupExpr(sel.by);
    const cur = `(r.completed_at >= $2::timestamp)`;
    const current = new Map<string, GroupSample>();
    const before = new Map<string, GroupSample>();
    const target = (isCurrent: boolean | number) => (isCurrent === true || isCurrent === 1 ? current : before);

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
    const elementItems: { id: string; element: Element }[] = [];
    for (const row of counts) {
      const sample = sampleOf(target(row.cur), String(row.g));
      const element = isElement(row.element) ? row.element : null;
      let t: ItemTally | undefined = sample.items.get(row.item_id);
      if (!t) {
        t = { itemId: row.item_id, element, counts: [0, 0, 0, 0, 0] };
        sample.items.set(row.item_id, t);
      }
      t.counts[Number(row.score) - 1] = (t.counts[Number(row.score) - 1] as number) + Number(row.c);
      if (element !== null) elementItems.push({ id: row.item_id, element });
    }
    const space = itemSpace(elementItems);
    addPatterns(patterns, space, target);
    const excluded = new Map<string, number>();
    if (sel.excludeFlagged) {
      const x = selection(sel, "response", "only");
      const rows = await tx.query<{ g: string | number; c: number }>(
        `${x.cte}SELECT ${g} AS g, count(*)::int AS c FROM response r WHERE ${x.where} AND ${cur} GROUP BY 1`,
        x.params,
      );
      for (const row of rows) excluded.set(String(row.g), Number(row.c));
    }
    return { agencies, space, current, before, excluded };
  });
}

/** The entries of a summary pattern: [state "1" | "2", item id]. */
function patternEntries(raw: string): [string, string][] {
  const out: [string, string][] = [];
  let at = 0;
  while (at < raw.length) {
    const colon = raw.indexOf(":", at + 1);
    const end = colon + 1 + Number(raw.slice(at + 1, colon));
    if (colon < 0 || !(end <= raw.length)) throw new Error(`malformed response_summary.pattern "${raw}"`);
    out.push([raw[at] as string, raw.slice(colon + 1, end)]);
    at = end;
  }
  return out;
}

/**
 * Turns summary patterns ("<state><length>:<item id>" entries, see prisma/schema.prisma) into the pattern
 * strings of the item space: one character per item, "0" not answered, "1" answered 1–3, "2" answered 4–5.
 * Entries outside the space (an element item with an unknown element) leave their character "0", as the
 * per-answer query this replaces did.
 */
function addPatterns(
  rows: { cur: number; g: string | number; pattern: string; c: number }[],
  space: ItemSpace,
  target: (isCurrent: number) => Map<string, GroupSample>,
): void {
  const index = new Map(space.ids.map((id, i) => [id, i]));
  const chars = new Array<string>(space.ids.length);
  // Groups share most patterns: decode each distinct one once.
  const decoded = new Map<string, string>();
  for (const row of rows) {
    const c = Number(row.c);
    const sample = sampleOf(target(Number(row.cur)), String(row.g));
    sample.responses += c;
    const raw = row.pattern;
    let key = decoded.get(raw);
    if (key === undefined) {
      chars.fill("0");
      for (const [state, id] of patternEntries(raw)) {
        const i = index.get(id);
        if (i !== undefined) chars[i] = state === "2" ? "2" : "1";
      }
      // A respondent without an element answer is counted as a response but has no pattern.
      key = raw === "" ? "" : chars.join("");
      decoded.set(raw, key);
    }
    if (key !== "") sample.patterns.set(key, (sample.patterns.get(key) ?? 0) + c);
  }
}
