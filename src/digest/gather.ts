// The impure step of a digest: read the indices, response rates, comments and improvement priorities of a
// set of agencies for one period, then build (pure). The facts do not depend on the language, so a sender
// with several languages loads them once (loadDigestInput) and builds each language from them.
import { commentItem } from "../survey/questionnaires/shared-items.ts";
import { computeIndices } from "../reports/indices-service.ts";
import { previousPeriod, type Period } from "../indices/period.ts";
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from "../indices/report.ts";
import type { IndicesQuery } from "../indices/options.ts";
import { flaggedByGroup } from "../integrity/by-group.ts";
import type { Database } from "../store/database.ts";
import { createDigestQueries } from "../store/digest-queries.ts";
import { loadFlaggedResponses } from "../store/integrity-queries.ts";
import { loadComplaintTimes } from "../store/complaints.ts";
import { complaintFiguresByGroup } from "../complaints/figures.ts";
import type { Locale } from "../i18n.ts";
import { buildDigest, MAX_COMMENTS, type DigestInput } from "./build.ts";
import { IMPROVE_ITEM_ID } from "./labels.ts";
import type { Digest } from "./types.ts";
import { DEFAULT_EXCLUDE } from "../indices/options.ts";

export interface DigestRequest {
  /** Agency codes, each with its subtree, in the order shown; empty = every top-level agency. */
  agencyCodes: string[];
  period: Period;
  minN: number;
}

function indicesQuery(r: DigestRequest, agency: string | null): IndicesQuery {
  return {
    period: r.period,
    previous: previousPeriod(r.period),
    by: "agency",
    filters: { agency, procedure: null, channel: null, questionnaire: null },
    format: "json",
    locale: "vi",
    minN: r.minN,
    resamples: DEFAULT_RESAMPLES,
    seed: DEFAULT_SEED,
    exclude: DEFAULT_EXCLUDE,
  };
}

export async function loadDigestInput(db: Database, r: DigestRequest): Promise<DigestInput> {
  // One agency: only its subtree is read and bootstrapped. Several (or all): one report over the registry.
  const single = r.agencyCodes.length === 1 ? r.agencyCodes[0]! : null;
  const report = await computeIndices(db, indicesQuery(r, single));
  const agencyKeys = r.agencyCodes.length > 0 ? r.agencyCodes : report.groups.filter((g) => g.depth === 0).map((g) => g.key);
  const rates: NonNullable<DigestInput["rates"]> = {};
  for (const g of report.groups) if (g.rates) rates[g.key] = { invited: g.rates.invited, completed: g.rates.completed };
  const queries = createDigestQueries(db);
  const selection = { agencyCodes: r.agencyCodes, from: r.period.from, to: r.period.to };
  const [comments, improvements, flaggedRows, complaintRows] = await Promise.all([
    queries.recentComments(selection, commentItem.id, MAX_COMMENTS),
    queries.choiceCounts(selection, IMPROVE_ITEM_ID),
    loadFlaggedResponses(db, { from: r.period.from, to: r.period.to, agency: single }),
    loadComplaintTimes(db, { from: r.period.from, to: r.period.to }),
  ]);
  const flagged = Object.fromEntries(flaggedByGroup(flaggedRows, report.groups));
  const complaints = complaintFiguresByGroup(complaintRows, report.groups, r.period);
  return { report, agencyKeys, rates, comments, improvements, flagged, complaints };
}

export async function loadDigest(db: Database, r: DigestRequest, locale: Locale): Promise<Digest> {
  return buildDigest(await loadDigestInput(db, r), locale);
}
