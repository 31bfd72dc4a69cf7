// What the public results site needs to know cheaply before it rebuilds anything: a fingerprint of every
// table its pages are made from. One narrow statement, so a request can ask it without computing a report.
import type { Database } from "./database.ts";

/**
 * Changes whenever an answer is completed, an agency is added or renamed, an announcement is published, an
 * official result is written or a feedback action is approved (or taken down). Counts are part of it, so a deletion (a citizen's /delete erases answers)
 * changes it too even when no timestamp moves forward.
 */
export async function publicDataFingerprint(db: Database): Promise<string> {
  const rows = await db.sql.query<{ f: string }>(
    `SELECT concat_ws('|',
        (SELECT count(*) || ':' || coalesce(max(completed_at)::text, '') FROM response_summary),
        (SELECT md5(coalesce(string_agg(concat_ws(chr(31), code, name_vi, name_en, parent_id), chr(30) ORDER BY id), '')) FROM agency),
        (SELECT count(*) || ':' || coalesce(max(published_at)::text, '') || ':' || coalesce(max(version), 0) FROM announcement WHERE status = 'published'),
        (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM official_result),
        (SELECT md5(coalesce(string_agg(id || ':' || coalesce(decided_at::text, ''), ',' ORDER BY id), '')) FROM feedback_action WHERE status = 'approved')
      ) AS f`,
  );
  return rows[0]?.f ?? "";
}
