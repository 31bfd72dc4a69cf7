// Alerts between digests: the thresholds officials set, and the claim of a condition found for an agency in a
// period. A claim and its outbox rows (one per recipient) are written by one statement, so an alert is claimed
// with all of its rows or not at all, and the claim's primary key lets exactly one check fan it out, whichever
// instance runs it and however often. Sending is the outbox's (kind "alert"), with a mark set just before the
// request so a holder that died mid-send is never repeated and one that died before it is.
import { randomId } from "../ids.ts";
import type { Database } from "./database.ts";

export const ALERT_JOB_KIND = "alert";

export type ThresholdUnit = "percent" | "score";

export interface AlertThreshold {
  id: string;
  staffId: string;
  agencyCode: string;
  /** "index", "element:<element>" or "item:<item id>". */
  target: string;
  unit: ThresholdUnit;
  value: number;
  createdAt: Date;
}

export interface NewAlertClaim {
  agencyCode: string;
  period: string;
  /** The conditions found together, each with what its message says (kept with its claim). */
  found: { condition: string; facts: Record<string, unknown> }[];
  staffIds: string[];
  claimedBy: string;
}

export interface AlertJobPayload {
  agencyCode: string;
  period: string;
  staffId: string;
  /** The conditions this row tells of: those of the claim that were new, in condition order. */
  alerts: { condition: string; facts: Record<string, unknown> }[];
  /** Set just before the message is sent; a row found with it after its holder died is not sent again. */
  sending?: true;
}

export interface AlertClaimView {
  agencyCode: string;
  period: string;
  condition: string;
  facts: Record<string, unknown>;
  claimedBy: string;
  claimedAt: Date;
  /** The claim's rows by status ("sent", "pending", …). */
  rows: Record<string, number>;
}

const iso = (d: Date) => d.toISOString();


// The conditions new to alert_claim are claimed; every recipient gets one row telling of exactly those (a
// condition claimed before is left out, so nothing is told twice). One statement: all or nothing.
const CLAIM_SQL = `
WITH claim AS (
  INSERT INTO alert_claim (agency_code, period, condition, facts, claimed_by, claimed_at)
  SELECT $1, $2, f.condition, f.facts::jsonb, $5, $6::timestamp FROM unnest($3::text[], $4::text[]) AS f(condition, facts)
  ON CONFLICT DO NOTHING RETURNING condition, facts
), found AS (
  SELECT jsonb_agg(jsonb_build_object('condition', condition, 'facts', facts) ORDER BY condition) AS alerts,
         string_agg(condition, ',' ORDER BY condition) AS conditions
    FROM claim
), job AS (
  INSERT INTO outbox_job (id, kind, dedupe_key, run_at, payload, created_at)
  SELECT t.id, $7, 'alert:' || $1 || '|' || $2 || '|' || found.conditions || ':' || t.staff_id, $6::timestamp,
         jsonb_build_object('agencyCode', $1::text, 'period', $2::text, 'staffId', t.staff_id, 'alerts', found.alerts), $6::timestamp
    FROM found, unnest($8::text[], $9::text[]) AS t(id, staff_id)
   WHERE found.alerts IS NOT NULL
  ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
)
SELECT (SELECT conditions FROM found) AS conditions, (SELECT count(*) FROM job)::int AS rows`;

const unitOf = (u: string): ThresholdUnit => (u === "score" ? "score" : "percent");

/** `now` stamps thresholds and claims: the service's clock, never the database's. */
export function createAlertStore(db: Database, now: () => Date) {
  const sql = db.sql;
  const p = db.prisma;
  return {
    /**
     * Claims the condition and adds one outbox row per recipient, in one statement. Returns the rows created,
     * or null when the condition was claimed before (by this or another instance, before a restart or now).
     */
    /**
     * Claims the conditions not claimed before and adds one outbox row per recipient telling of them, in one
     * statement. Returns the conditions claimed (in order) and the rows created; no conditions when every one
     * was claimed before (by this or another instance, before a restart or at this moment).
     */
    async claim(c: NewAlertClaim): Promise<{ claimed: string[]; rows: number }> {
      if (c.found.length === 0) return { claimed: [], rows: 0 };
      const [r] = await sql.query<{ conditions: string | null; rows: number }>(CLAIM_SQL, [
        c.agencyCode,
        c.period,
        c.found.map((f) => f.condition),
        c.found.map((f) => JSON.stringify(f.facts)),
        c.claimedBy,
        iso(now()),
        ALERT_JOB_KIND,
        c.staffIds.map(() => randomId(12)),
        c.staffIds,
      ]);
      return { claimed: r?.conditions ? r.conditions.split(",") : [], rows: Number(r?.rows ?? 0) };
    },

    /**
     * Marks a held row as being sent. False when it was marked before (a holder that died mid-send, or one
     * racing after its lease ran out): whoever gets false must not send.
     */
    async markSending(jobId: string): Promise<boolean> {
      const rows = await sql.query(
        `UPDATE outbox_job SET payload = payload || '{"sending": true}'::jsonb
          WHERE id = $1 AND status = 'pending' AND NOT (payload ? 'sending') RETURNING id`,
        [jobId],
      );
      return rows.length === 1;
    },

    /** Forgets the mark of a send known to have failed, before the row is put back for a retry. */
    async clearSending(jobId: string): Promise<void> {
      await sql.query(`UPDATE outbox_job SET payload = payload - 'sending' WHERE id = $1 AND status = 'pending'`, [jobId]);
    },

    /** Claims made since `since`, newest first, with how their rows went. */
    async claims(since: Date): Promise<AlertClaimView[]> {
      const rows = await sql.query<{
        agency_code: string;
        period: string;
        condition: string;
        facts: unknown;
        claimed_by: string;
        claimed_ms: number;
        rows: Record<string, number> | string | null;
      }>(
        `SELECT c.agency_code, c.period, c.condition, c.facts, c.claimed_by,
                (extract(epoch from c.claimed_at) * 1000)::float8 AS claimed_ms,
                (SELECT jsonb_object_agg(s.status, s.n) FROM (
                   SELECT j.status, count(*)::int AS n FROM outbox_job j
                    WHERE j.kind = $2 AND j.payload->>'agencyCode' = c.agency_code AND j.payload->>'period' = c.period
                      AND j.payload->'alerts' @> jsonb_build_array(jsonb_build_object('condition', c.condition))
                    GROUP BY j.status) s) AS rows
           FROM alert_claim c WHERE c.claimed_at >= $1::timestamp
          ORDER BY c.claimed_at DESC, c.agency_code, c.condition`,
        [iso(since), ALERT_JOB_KIND],
      );
      const json = <T>(v: unknown, empty: T): T => (v === null || v === undefined ? empty : typeof v === "string" ? (JSON.parse(v) as T) : (v as T));
      return rows.map((r) => ({
        agencyCode: r.agency_code,
        period: r.period,
        condition: r.condition,
        facts: json<Record<string, unknown>>(r.facts, {}),
        claimedBy: r.claimed_by,
        claimedAt: new Date(Number(r.claimed_ms)),
        rows: json<Record<string, number>>(r.rows, {}),
      }));
    },

    /** Sets (or changes the value of) a member's threshold on one figure of one agency. */
    async saveThreshold(t: { staffId: string; agencyCode: string; target: string; unit: ThresholdUnit; value: number }): Promise<AlertThreshold> {
      const r = await p.alertThreshold.upsert({
        where: { staffId_agencyCode_target_unit: { staffId: t.staffId, agencyCode: t.agencyCode, target: t.target, unit: t.unit } },
        create: { id: randomId(9), ...t, createdAt: now() },
        update: { value: t.value },
      });
      return { ...r, unit: unitOf(r.unit) };
    },

    async thresholdsOf(staffId: string): Promise<AlertThreshold[]> {
      const rows = await p.alertThreshold.findMany({ where: { staffId }, orderBy: [{ agencyCode: "asc" }, { target: "asc" }, { createdAt: "asc" }] });
      return rows.map((r) => ({ ...r, unit: unitOf(r.unit) }));
    },

    async allThresholds(): Promise<AlertThreshold[]> {
      const rows = await p.alertThreshold.findMany({ orderBy: [{ staffId: "asc" }, { id: "asc" }] });
      return rows.map((r) => ({ ...r, unit: unitOf(r.unit) }));
    },

    /** False when the member has no such threshold (an old button, or someone else's). */
    async removeThreshold(id: string, staffId: string): Promise<boolean> {
      const r = await p.alertThreshold.deleteMany({ where: { id, staffId } });
      return r.count > 0;
    },
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;
