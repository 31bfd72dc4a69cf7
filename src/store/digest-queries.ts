// The side facts of a digest, computed in the database for a set of agencies (each with its subtree) and a
// period: the latest free-text comments and how many respondents chose each improvement priority.
import type { Database } from "./database.ts";
import { epochMs, utcText } from "./sql-values.ts";

export interface DigestSelection {
  /** Agency codes, each covering its subtree; empty = every agency. */
  agencyCodes: string[];
  /** UTC instants, [from, to). */
  from: Date;
  to: Date;
}

// Timestamps are stored as UTC without a zone: compare with UTC text, whatever the session's zone.

/** Shared selection of completed responses r in the period; $1, $2 are the bounds, $3 the codes when any. */
function responses(sel: DigestSelection): { cte: string; where: string; params: unknown[] } {
  const params: unknown[] = [utcText(sel.from), utcText(sel.to)];
  const where = [`r.status = 'completed'`, `r.completed_at >= $1::timestamp`, `r.completed_at < $2::timestamp`];
  let cte = "";
  if (sel.agencyCodes.length > 0) {
    params.push(sel.agencyCodes);
    // UNION (not UNION ALL) so that a parent cycle in bad data ends instead of recursing forever.
    cte = `WITH RECURSIVE sub(id) AS (SELECT id FROM agency WHERE code = ANY($3::text[])
             UNION SELECT a.id FROM agency a JOIN sub s ON a.parent_id = s.id) `;
    where.push(`r.agency_id IN (SELECT id FROM sub)`);
  }
  return { cte, where: where.join(" AND "), params };
}

export function createDigestQueries(db: Database) {
  return {
    /** The newest non-empty answers to a free-text item, newest first (unredacted: the digest redacts). */
    async recentComments(sel: DigestSelection, itemId: string, limit: number): Promise<{ text: string; at: Date }[]> {
      const s = responses(sel);
      const rows = await db.sql.query<{ text: string; at_ms: number }>(
        `${s.cte}SELECT a.text, ${epochMs("a.answered_at", "at_ms")}
           FROM answer a JOIN response r ON r.id = a.response_id
          WHERE ${s.where} AND a.item_id = $${s.params.length + 1} AND NOT a.skipped
            AND a.text IS NOT NULL AND btrim(a.text, E' \\t\\r\\n') <> ''
          ORDER BY a.answered_at DESC, a.id DESC
          LIMIT $${s.params.length + 2}`,
        [...s.params, itemId, limit],
      );
      return rows.map((r) => ({ text: r.text, at: new Date(Number(r.at_ms)) }));
    },

    /** Respondents per option chosen for a choice item (skipped answers are not a choice). */
    async choiceCounts(sel: DigestSelection, itemId: string): Promise<Record<string, number>> {
      const s = responses(sel);
      const rows = await db.sql.query<{ choice: string; n: number }>(
        `${s.cte}SELECT a.choice, count(*)::int AS n
           FROM answer a JOIN response r ON r.id = a.response_id
          WHERE ${s.where} AND a.item_id = $${s.params.length + 1} AND NOT a.skipped AND a.choice IS NOT NULL
          GROUP BY a.choice`,
        [...s.params, itemId],
      );
      return Object.fromEntries(rows.map((r) => [r.choice, Number(r.n)]));
    },
  };
}

export type DigestQueries = ReturnType<typeof createDigestQueries>;
