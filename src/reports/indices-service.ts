// The indices as the service asks for them: read the tallies from the store, turn them into samples and
// compute (both pure, in src/indices), then join the response rates. The maths folder stays free of I/O.
import { samplesFromTallies, type IndicesData } from "../indices/from-tallies.ts";
import type { IndicesQuery } from "../indices/options.ts";
import { buildReport, buildReportInSlices } from "../indices/report.ts";
import type { SlicePace } from "../indices/slices.ts";
import { agencyGroups, type AgencyNode } from "../indices/tree.ts";
import type { GroupDef, GroupSample, IndicesReport, MethodOptions, ReportInput } from "../indices/types.ts";
import type { Database } from "../store/database.ts";
import { loadIndicesTallies } from "../store/indices-queries.ts";
import { loadResponseRates } from "../store/response-rates.ts";
import { attachRates, rollUpAgencies, total } from "./response-rates.ts";

/** Key of the responses without a procedure code in a "by procedure" report. */
export const NO_PROCEDURE_KEY = "-";
/** Key of the whole selection when no agency was chosen ("by element"). */
export const ALL_KEY = "*";

function byAgencyCode(samples: Map<string, GroupSample>, agencies: AgencyNode[]): Map<string, GroupSample> {
  const code = new Map(agencies.map((a) => [String(a.id), a.code]));
  const out = new Map<string, GroupSample>();
  for (const [id, s] of samples) {
    const c = code.get(id);
    if (c !== undefined) out.set(c, s);
  }
  return out;
}

// "By element" describes one selection; it is computed through the agency tree (with a virtual root when
// no agency was chosen) so its figures and intervals equal that agency's row in the "by agency" report.
const throughTree = (q: IndicesQuery) => q.by === "agency" || q.by === "element";

/** The service's way to a report: read, then compute in slices so the process stays responsive meanwhile. */
export async function computeIndices(db: Database, q: IndicesQuery, pace?: SlicePace): Promise<IndicesReport> {
  const data = await loadIndicesDataFor(db, q);
  const report = await indicesFromDataInSlices(q, data, pace);
  const rateBy = q.by === "element" ? "agency" : q.by;
  const counts = await loadResponseRates(db, { by: rateBy, ...q.filters, from: q.period.from, to: q.period.to });
  if (rateBy === "agency") {
    const rolled = rollUpAgencies(counts, data.agencies);
    const tops = data.agencies.filter((a) => a.parentId === null || !data.agencies.some((b) => b.id === a.parentId));
    rolled.set(ALL_KEY, total(tops.map((a) => rolled.get(a.code)).filter((c) => c !== undefined)));
    attachRates(report.groups, rolled);
  } else {
    attachRates(report.groups, new Map([...counts].map(([k, c]) => [k === "" ? NO_PROCEDURE_KEY : k, c])));
  }
  return report;
}

/** The database step alone (the benchmark times it separately). */
export async function loadIndicesDataFor(db: Database, q: IndicesQuery): Promise<IndicesData> {
  return samplesFromTallies(await loadIndicesTallies(db, {
    by: throughTree(q) ? "agency" : q.by,
    agency: q.filters.agency,
    procedure: q.filters.procedure,
    channel: q.filters.channel,
    questionnaire: q.filters.questionnaire,
    excludeFlagged: q.exclude === "flagged",
    from: q.previous.from,
    split: q.period.from,
    to: q.period.to,
  }));
}

/** The computation alone (pure): estimates, bootstrap intervals, trends and ranks from loaded aggregates. */
export function indicesFromData(q: IndicesQuery, data: IndicesData): IndicesReport {
  const { input, opts } = reportInputOf(q, data);
  return withIntegrity(q, data, finish(q, buildReport(input, opts)));
}

/** indicesFromData in slices with event-loop turns between them; the same report. */
export async function indicesFromDataInSlices(q: IndicesQuery, data: IndicesData, pace?: SlicePace): Promise<IndicesReport> {
  const { input, opts } = reportInputOf(q, data);
  return withIntegrity(q, data, finish(q, await buildReportInSlices(input, opts, pace)));
}

/** The excluded counts by group as the report shows groups: agencies with their subtree, the rest as read. */
function withIntegrity(q: IndicesQuery, data: IndicesData, report: IndicesReport): IndicesReport {
  const own = data.excluded ?? new Map<string, number>();
  const excluded = new Map<string, number>();
  const excludedTotal = [...own.values()].reduce((a, b) => a + b, 0);
  if (throughTree(q)) {
    const code = new Map(data.agencies.map((a) => [a.id, a.code]));
    for (const a of data.agencies) {
      const n = own.get(String(a.id)) ?? 0;
      // Up the tree: each ancestor in the selection counts its subtree's exclusions.
      for (let at: AgencyNode | undefined = a; at; at = data.agencies.find((b) => b.id === at?.parentId)) {
        const c = code.get(at.id) as string;
        excluded.set(c, (excluded.get(c) ?? 0) + n);
      }
    }
    excluded.set(ALL_KEY, excludedTotal);
  } else {
    for (const [k, n] of own) excluded.set(k === "" ? NO_PROCEDURE_KEY : k, n);
  }
  report.integrity = { exclude: q.exclude, excluded, excludedTotal };
  return report;
}

function finish(q: IndicesQuery, report: IndicesReport): IndicesReport {
  if (q.by === "element") report.groups = report.groups.filter((g) => g.depth === 0);
  return report;
}

function reportInputOf(q: IndicesQuery, data: IndicesData): { input: ReportInput; opts: MethodOptions } {
  const byTree = throughTree(q);
  let groups: GroupDef[];
  let current: Map<string, GroupSample>;
  let before: Map<string, GroupSample>;
  if (byTree) {
    groups = agencyGroups(data.agencies);
    current = byAgencyCode(data.current, data.agencies);
    before = byAgencyCode(data.before, data.agencies);
    if (q.by === "element" && q.filters.agency === null) {
      groups = [
        { key: ALL_KEY, name: null, parentKey: null, depth: 0 },
        ...groups.map((g) => ({ ...g, depth: g.depth + 1, parentKey: g.parentKey ?? ALL_KEY })),
      ];
    }
  } else {
    const rekey = (m: Map<string, GroupSample>) => new Map([...m].map(([k, s]) => [k === "" ? NO_PROCEDURE_KEY : k, s]));
    current = rekey(data.current);
    before = rekey(data.before);
    const keys = [...new Set([...current.keys(), ...before.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    groups = keys.map((key) => ({ key, name: null, parentKey: null, depth: 0 }));
  }
  return {
    input: { period: q.period, previous: q.previous, by: q.by, filters: q.filters, groups, space: data.space, current, before },
    opts: { minN: q.minN, resamples: q.resamples, seed: q.seed },
  };
}
