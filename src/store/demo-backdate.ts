// Moves one simulated survey to the simulated moment it happened. The service takes its clock as an
// option, and invitations, reminders and expiry all follow it; but the response store stamps started_at,
// completed_at and the answers' answered_at with the database's own now(), so two weeks of surveys run
// in one minute would all land on today. After each simulated session this rewrites those stamps — for
// that citizen's rows touched since the session began, nothing else. (If the store ever takes the
// injected clock, this file can go.)
import type { Database } from "./database.ts";
import type { Pseudonymizer } from "../survey/pseudonym.ts";
import { utcText } from "./sql-values.ts";

// Timestamps are stored as UTC without a zone (see store/response-rates.ts): compare and write UTC text.

export interface Backdater {
  /** The database's clock before a session, as the store would stamp it. */
  mark(): Promise<string>;
  /** Restamps the citizen's rows written since `mark`: started at `start` (if started now), last touched at `end`. */
  restamp(userId: number, mark: string, start: Date, end: Date): Promise<void>;
}

export function createBackdater(db: Database, pseudonymize: Pseudonymizer): Backdater {
  return {
    async mark() {
      const [row] = await db.sql.query<{ t: string }>("SELECT localtimestamp::text AS t");
      return row!.t;
    },
    async restamp(userId, mark, start, end) {
      const respondent = pseudonymize("telegram", String(userId));
      await db.sql.query(
        `UPDATE answer SET answered_at = $3::timestamp
          WHERE answered_at >= $2::timestamp AND response_id IN (SELECT id FROM response WHERE respondent_id = $1)`,
        [respondent, mark, utcText(end)],
      );
      await db.sql.query(
        `UPDATE response
            SET started_at = CASE WHEN started_at >= $2::timestamp THEN $3::timestamp ELSE started_at END,
                completed_at = CASE WHEN completed_at >= $2::timestamp THEN $4::timestamp ELSE completed_at END,
                updated_at = $4::timestamp
          WHERE respondent_id = $1 AND updated_at >= $2::timestamp`,
        [respondent, mark, utcText(start), utcText(end)],
      );
    },
  };
}
