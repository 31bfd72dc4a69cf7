// The integrity flags, computed in the database over completed responses: window functions over response
// and answer, nothing loaded row by row. Every flag looks at neighbours a few days either side of the
// period, so a response's flags do not depend on which period it is read in. Thresholds and the exclusion
// rule live in src/integrity/thresholds.ts.
import {
  BURST_HALF_WINDOW_MINUTES,
  BURST_RESPONSES,
  EXCLUDING_FLAGS,
  FAST_MEDIAN_SECONDS,
  FAST_MIN_ANSWERS,
  FLAGS,
  FLAGS_TO_EXCLUDE_TOGETHER,
  IDENTICAL_GAP_MINUTES,
  IDENTICAL_RUN,
  SAME_CHAT_DOSSIERS_PER_WEEK,
  SAME_PERSON_PER_DAY,
  type IntegrityFlag,
} from "../integrity/thresholds.ts";
import type { Database } from "./database.ts";
import { epochMs, utcText } from "./sql-values.ts";

/** The widest look-around of any flag (a chat's dossiers: 7 days either side). */
const MARGIN = "interval '7 days'";

/**
 * CTEs (to follow WITH or a comma) ending in `integrity_flags(id, agency_id, completed_at, <flag>…, excluded)`
 * for the completed responses of [$from, $to), given as placeholders such as "$1".
 */
export function integrityFlagsCte(from: string, to: string): string {
  const excluded = `(${EXCLUDING_FLAGS.join(" OR ")}) OR (${FLAGS.map((f) => `${f}::int`).join(" + ")}) >= ${FLAGS_TO_EXCLUDE_TOGETHER}`;
  return `integrity_base AS (
  SELECT r.id, r.agency_id, r.respondent_id, r.invitation_id, r.started_at, r.completed_at
    FROM response r
   WHERE r.status = 'completed' AND r.completed_at >= ${from}::timestamp - ${MARGIN} AND r.completed_at < ${to}::timestamp + ${MARGIN}
), integrity_answers AS (
  SELECT g.response_id, count(*) AS answers,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY g.gap) AS median_gap,
         string_agg(g.item_id || '=' || g.v, ',' ORDER BY g.item_id) AS pattern
    FROM (SELECT a.response_id, a.item_id,
                 coalesce(a.score::text, a.choice, CASE WHEN a.skipped THEN '-' ELSE 't' END) AS v,
                 extract(epoch FROM a.answered_at - coalesce(lag(a.answered_at) OVER (PARTITION BY a.response_id ORDER BY a.answered_at, a.id), b.started_at))::float8 AS gap
            FROM answer a JOIN integrity_base b ON b.id = a.response_id) g
   GROUP BY g.response_id
), integrity_windows AS (
  SELECT b.id, b.agency_id, b.completed_at, ia.answers, ia.median_gap, ia.pattern,
         CASE WHEN b.respondent_id IS NULL THEN 0 ELSE count(*) OVER (PARTITION BY b.respondent_id ORDER BY b.completed_at
              RANGE BETWEEN interval '24 hours' PRECEDING AND interval '24 hours' FOLLOWING) END AS same_person,
         CASE WHEN b.respondent_id IS NULL THEN 0 ELSE count(b.invitation_id) OVER (PARTITION BY b.respondent_id ORDER BY b.completed_at
              RANGE BETWEEN interval '7 days' PRECEDING AND interval '7 days' FOLLOWING) END AS same_chat_dossiers,
         count(*) OVER (PARTITION BY b.agency_id ORDER BY b.completed_at
              RANGE BETWEEN interval '${BURST_HALF_WINDOW_MINUTES} minutes' PRECEDING AND interval '${BURST_HALF_WINDOW_MINUTES} minutes' FOLLOWING) AS burst,
         lag(ia.pattern) OVER (PARTITION BY b.agency_id ORDER BY b.completed_at, b.id) AS prev_pattern,
         lag(b.completed_at) OVER (PARTITION BY b.agency_id ORDER BY b.completed_at, b.id) AS prev_at
    FROM integrity_base b LEFT JOIN integrity_answers ia ON ia.response_id = b.id
), integrity_runs AS (
  SELECT w.*, sum(CASE WHEN w.pattern = w.prev_pattern AND w.completed_at - w.prev_at <= interval '${IDENTICAL_GAP_MINUTES} minutes' THEN 0 ELSE 1 END)
              OVER (PARTITION BY w.agency_id ORDER BY w.completed_at, w.id) AS run
    FROM integrity_windows w
), integrity_raw AS (
  SELECT i.id, i.agency_id, i.completed_at,
         i.same_person >= ${SAME_PERSON_PER_DAY} AS many_from_respondent,
         i.same_chat_dossiers >= ${SAME_CHAT_DOSSIERS_PER_WEEK} AS many_dossiers_one_chat,
         coalesce(i.answers >= ${FAST_MIN_ANSWERS} AND i.median_gap < ${FAST_MEDIAN_SECONDS}, false) AS too_fast,
         i.burst >= ${BURST_RESPONSES} AS agency_burst,
         i.pattern IS NOT NULL AND count(*) OVER (PARTITION BY i.agency_id, i.run) >= ${IDENTICAL_RUN} AS identical_run
    FROM integrity_runs i
), integrity_flags AS (
  SELECT f.*, ${excluded} AS excluded FROM integrity_raw f
   WHERE f.completed_at >= ${from}::timestamp AND f.completed_at < ${to}::timestamp
)`;
}

export interface FlaggedResponse {
  id: string;
  agencyId: number;
  agencyCode: string;
  completedAt: Date;
  flags: IntegrityFlag[];
  excluded: boolean;
}

export interface IntegritySelection {
  from: Date;
  to: Date;
  /** Agency code whose subtree is selected; null = every agency. */
  agency: string | null;
}

type FlagRow = { id: string; agency_id: number; agency_code: string; completed_at: number; excluded: boolean } & Record<IntegrityFlag, boolean>;

/** The flagged completed responses of the selection (responses without a flag are not returned), oldest first. */
export async function loadFlaggedResponses(db: Database, sel: IntegritySelection): Promise<FlaggedResponse[]> {
  const params: unknown[] = [utcText(sel.from), utcText(sel.to)];
  let sub = "";
  let where = `(${FLAGS.join(" OR ")})`;
  if (sel.agency !== null) {
    params.push(sel.agency);
    sub = `RECURSIVE sub(id) AS (SELECT id FROM agency WHERE code = $3 UNION SELECT a.id FROM agency a JOIN sub s ON a.parent_id = s.id), `;
    where += ` AND f.agency_id IN (SELECT id FROM sub)`;
  }
  const rows = await db.sql.query<FlagRow>(
    `WITH ${sub}${integrityFlagsCte("$1", "$2")}
     SELECT f.id, f.agency_id, (SELECT code FROM agency WHERE id = f.agency_id) AS agency_code, ${epochMs("f.completed_at", "completed_at")}, f.excluded, ${FLAGS.map((x) => `f.${x}`).join(", ")}
       FROM integrity_flags f WHERE ${where} ORDER BY f.completed_at, f.id`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    agencyId: Number(r.agency_id),
    agencyCode: r.agency_code,
    completedAt: new Date(Number(r.completed_at)),
    flags: FLAGS.filter((f) => r[f] === true),
    excluded: r.excluded === true,
  }));
}

/** Completed responses of the selection (the denominator the flags are read against). */
export async function countCompleted(db: Database, sel: IntegritySelection): Promise<number> {
  const params: unknown[] = [utcText(sel.from), utcText(sel.to)];
  let sub = "";
  let where = "r.status = 'completed' AND r.completed_at >= $1::timestamp AND r.completed_at < $2::timestamp";
  if (sel.agency !== null) {
    params.push(sel.agency);
    sub = `WITH RECURSIVE sub(id) AS (SELECT id FROM agency WHERE code = $3 UNION SELECT a.id FROM agency a JOIN sub s ON a.parent_id = s.id) `;
    where += " AND r.agency_id IN (SELECT id FROM sub)";
  }
  const [row] = await db.sql.query<{ n: number }>(`${sub}SELECT count(*)::int AS n FROM response r WHERE ${where}`, params);
  return Number(row?.n ?? 0);
}
