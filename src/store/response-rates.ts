// Counts behind response rates: for the invitations issued in a period (by the dossier's completion time),
// how many were invited, delivered (where the channel tells us), started and completed. Counted in the
// database, grouped the way the indices are (agency, procedure or channel).
import type { Database } from "./database.ts";
import { utcText } from "./sql-values.ts";

export interface RateCounts {
  invited: number;
  delivered: number;
  started: number;
  completed: number;
}

export interface RateQuery {
  by: "agency" | "procedure" | "channel";
  /** Agency code whose subtree is selected; null = every agency. */
  agency: string | null;
  procedure: string | null;
  channel: string | null;
  from: Date;
  to: Date;
}

// Timestamps are stored as UTC without a zone: compare with UTC text, whatever the session's zone.

export async function loadResponseRates(db: Database, q: RateQuery): Promise<Map<string, RateCounts>> {
  const params: unknown[] = [utcText(q.from), utcText(q.to)];
  const where = [`i.completed_at >= $1::timestamp`, `i.completed_at < $2::timestamp`];
  let cte = "";
  if (q.agency !== null) {
    params.push(q.agency);
    cte = `WITH RECURSIVE sub(id) AS (SELECT id FROM agency WHERE code = $${params.length} UNION SELECT a.id FROM agency a JOIN sub s ON a.parent_id = s.id) `;
    where.push(`i.agency_id IN (SELECT id FROM sub)`);
  }
  if (q.procedure !== null) {
    params.push(q.procedure);
    where.push(`i.procedure_code = $${params.length}`);
  }
  // An invitation nobody opened has no channel of its own: the channel it was sent on stands in for it.
  const channelOf = `COALESCE(r.channel, CASE WHEN i.delivery_channel IN ('zns', 'zalo-message') THEN 'zalo' ELSE 'telegram' END)`;
  if (q.channel !== null) {
    params.push(q.channel);
    where.push(`${channelOf} = $${params.length}`);
  }
  const key = q.by === "agency" ? `i.agency_id::text` : q.by === "procedure" ? `COALESCE(i.procedure_code, '')` : channelOf;
  const rows = await db.sql.query<{ k: string; invited: number; delivered: number; started: number; completed: number }>(
    `${cte}SELECT ${key} AS k,
            count(*)::int AS invited,
            count(*) FILTER (WHERE i.delivered_at IS NOT NULL OR i.delivery_status = 'sent')::int AS delivered,
            count(r.id)::int AS started,
            count(*) FILTER (WHERE r.status = 'completed')::int AS completed
       FROM invitation i LEFT JOIN response r ON r.invitation_id = i.id
      WHERE ${where.join(" AND ")}
      GROUP BY 1`,
    params,
  );
  return new Map(rows.map((r) => [r.k, { invited: r.invited, delivered: r.delivered, started: r.started, completed: r.completed }]));
}
