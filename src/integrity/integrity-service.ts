// The one impure step of the integrity report: read the flagged responses of a period, then summarise.
import type { Period } from "../indices/period.ts";
import type { Database } from "../store/database.ts";
import { countCompleted, loadFlaggedResponses } from "../store/integrity-queries.ts";
import { summarize, type IntegritySummary } from "./summary.ts";

export async function integrityReport(db: Database, period: Period, agency: string | null): Promise<IntegritySummary> {
  const sel = { from: period.from, to: period.to, agency };
  const [flagged, completed] = [await loadFlaggedResponses(db, sel), await countCompleted(db, sel)];
  return summarize(flagged, completed);
}
