// One alert check: for the running week and the running month, read the agencies' figures against the
// previous complete period, find what calls for an alert (detect.ts), and claim each condition with its
// recipients (store/alerts.ts). Every instance may run it at the same moment, and again after a restart: the
// claim's key (agency, period, condition) lets one of them fan it out, the others find it taken.
//
// Who is told. A drop goes to the officials whose digest of that frequency shows the agency (the agencies
// they subscribed to, or their scope's top agencies), so an alert is about what their digest covers. A
// threshold alert goes to the official who set it, while the agency is still in their scope.
import { currentPeriod } from "../digest/slots.ts";
import { previousPeriod, type Period } from "../indices/period.ts";
import { DEFAULT_EXCLUDE, type IndicesQuery } from "../indices/options.ts";
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from "../indices/report.ts";
import type { GroupFigures, IndicesReport } from "../indices/types.ts";
import type { Logger } from "../logger.ts";
import { effectiveScope, scopeRoots, withinScope, type RegistryAgency } from "../staff/scope.ts";
import type { AlertStore, AlertThreshold } from "../store/alerts.ts";
import type { DigestFrequency, DigestTarget, SubscriptionStore } from "../store/subscriptions.ts";
import { belowThreshold, detectDrops } from "./detect.ts";
import { targetKey } from "./target.ts";
import type { AlertFacts, AlertFinding, AlertPeriodKind } from "./types.ts";

export interface AlertCheckDeps {
  alerts: Pick<AlertStore, "claim" | "allThresholds">;
  subscriptions: Pick<SubscriptionStore, "recipients" | "targets">;
  agencies: { listAll(): Promise<RegistryAgency[]> };
  /** The indices report of a query (the service passes computeIndices on its database). */
  report: (q: IndicesQuery) => Promise<IndicesReport>;
  timeZone: string;
  minN: number;
  logger: Logger;
  /** This instance's name in alert_claim.claimed_by. */
  id: string;
}

export interface ClaimedAlert {
  agencyCode: string;
  period: string;
  /** Conditions claimed, told together in one message to each recipient. */
  conditions: string[];
  rows: number;
}

export interface CheckSummary {
  claimed: ClaimedAlert[];
  /** Conditions found that an earlier check (of any instance) had claimed. */
  taken: number;
}

const FREQUENCY: Record<AlertPeriodKind, DigestFrequency> = { week: "weekly", month: "monthly" };
/** Thresholds read the running month: a week rarely gives one agency the minimum n (see the method). */
const THRESHOLD_PERIOD: AlertPeriodKind = "month";
const ALERT_ROLES = new Set(["official", "admin"]);

const usable = (t: DigestTarget | undefined): t is DigestTarget => !!t && !t.revoked && !t.stopped && ALERT_ROLES.has(t.role);

function add(map: Map<string, Set<string>>, code: string, staffId: string): void {
  const set = map.get(code) ?? new Set<string>();
  set.add(staffId);
  map.set(code, set);
}

function query(period: Period, minN: number): IndicesQuery {
  return {
    period,
    previous: previousPeriod(period),
    by: "agency",
    filters: { agency: null, procedure: null, channel: null, questionnaire: null },
    format: "json",
    locale: "vi",
    minN,
    resamples: DEFAULT_RESAMPLES,
    seed: DEFAULT_SEED,
    exclude: DEFAULT_EXCLUDE,
  };
}

export function createAlertCheck(d: AlertCheckDeps) {
  const log = d.logger.child({ component: "alerts", instance: d.id });

  /** Agency code → staff ids whose digest of this frequency shows it. */
  async function digestReaders(frequency: DigestFrequency, registry: RegistryAgency[]): Promise<Map<string, Set<string>>> {
    const ids = await d.subscriptions.recipients(frequency);
    const targets = await d.subscriptions.targets(ids);
    const out = new Map<string, Set<string>>();
    for (const id of ids) {
      const t = targets.get(id);
      if (!usable(t) || !t.subscription?.active) continue;
      const scope = effectiveScope(t);
      const codes = t.subscription.agencies.length ? withinScope(t.subscription.agencies, registry, scope) : scopeRoots(registry, scope);
      for (const c of codes) add(out, c, id);
    }
    return out;
  }

  async function thresholdsInScope(registry: RegistryAgency[]): Promise<AlertThreshold[]> {
    const all = await d.alerts.allThresholds();
    if (all.length === 0) return [];
    const targets = await d.subscriptions.targets([...new Set(all.map((t) => t.staffId))]);
    return all.filter((th) => {
      const t = targets.get(th.staffId);
      return usable(t) && withinScope([th.agencyCode], registry, effectiveScope(t)).length === 1;
    });
  }

  function factsBase(g: GroupFigures, kind: AlertPeriodKind, period: Period): Pick<AlertFacts, "agency" | "periodKind" | "period"> {
    return { agency: { code: g.key, vi: g.name?.vi ?? g.key, en: g.name?.en ?? g.name?.vi ?? g.key }, periodKind: kind, period: period.label };
  }

  function findings(kind: AlertPeriodKind, period: Period, report: IndicesReport, readers: Map<string, Set<string>>, thresholds: AlertThreshold[]): AlertFinding[] {
    const groups = new Map(report.groups.map((g) => [g.key, g]));
    const out: AlertFinding[] = [];
    for (const [code, staff] of readers) {
      const g = groups.get(code);
      if (!g) continue;
      const found: AlertFinding["found"] = [];
      for (const drop of detectDrops(g)) {
        const facts: AlertFacts = {
          ...factsBase(g, kind, period),
          kind: "drop",
          target: targetKey(drop.target),
          value: drop.value,
          n: drop.n,
          previousPeriod: report.previous.label,
          previous: drop.previous,
          previousN: drop.previousN,
          low: drop.low,
          high: drop.high,
        };
        found.push({ condition: drop.condition, facts });
      }
      if (found.length) out.push({ agencyCode: code, found, staffIds: [...staff].sort() });
    }
    for (const th of thresholds) {
      const g = groups.get(th.agencyCode);
      const below = g && belowThreshold(g, th);
      if (!g || !below) continue;
      const facts: AlertFacts = { ...factsBase(g, kind, period), kind: "below", target: th.target, value: below.value, n: below.n, unit: th.unit, threshold: th.value };
      out.push({ agencyCode: g.key, found: [{ condition: `below:${th.id}`, facts }], staffIds: [th.staffId] });
    }
    return out;
  }

  async function checkPeriod(kind: AlertPeriodKind, at: Date, registry: RegistryAgency[], thresholds: AlertThreshold[], sum: CheckSummary): Promise<void> {
    const readers = await digestReaders(FREQUENCY[kind], registry);
    const own = kind === THRESHOLD_PERIOD ? thresholds : [];
    if (readers.size === 0 && own.length === 0) return;
    const period = currentPeriod(at, d.timeZone, FREQUENCY[kind]);
    const report = await d.report(query(period, d.minN));
    for (const f of findings(kind, period, report, readers, own)) {
      const found = f.found.map((x) => ({ condition: x.condition, facts: { ...x.facts } }));
      const r = await d.alerts.claim({ agencyCode: f.agencyCode, period: period.label, found, staffIds: f.staffIds, claimedBy: d.id });
      sum.taken += f.found.length - r.claimed.length;
      if (r.claimed.length === 0) continue;
      sum.claimed.push({ agencyCode: f.agencyCode, period: period.label, conditions: r.claimed, rows: r.rows });
      log.info({ agency: f.agencyCode, period: period.label, conditions: r.claimed, recipients: r.rows }, "alerts claimed");
    }
  }

  return {
    /** One check as of `at` (the schedule's firing, or a test's). */
    async run(at: Date): Promise<CheckSummary> {
      const sum: CheckSummary = { claimed: [], taken: 0 };
      const registry = await d.agencies.listAll();
      const thresholds = await thresholdsInScope(registry);
      for (const kind of ["week", "month"] as const) await checkPeriod(kind, at, registry, thresholds, sum);
      return sum;
    },
  };
}

export type AlertCheck = ReturnType<typeof createAlertCheck>;
