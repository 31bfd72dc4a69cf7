// The vocabulary of alerts between digests: a condition found for an agency in a running period, with the
// facts its message states. Facts travel as JSON (claim row, outbox payload), so they hold plain values.
import type { ThresholdUnit } from "../store/alerts.ts";

export type AlertPeriodKind = "week" | "month";

export interface AlertFacts {
  kind: "drop" | "below";
  /** targetKey(): "index", "element:<element>", "item:<item id>". */
  target: string;
  agency: { code: string; vi: string; en: string };
  periodKind: AlertPeriodKind;
  /** The running period, e.g. "2026-W48". */
  period: string;
  /** Percent for "drop" and for a percent threshold; the mean score 1–5 for a score threshold. */
  value: number;
  n: number;
  /** drop: the previous complete period, its value and n, and the 95 % interval of the change (points). */
  previousPeriod?: string;
  previous?: number;
  previousN?: number;
  low?: number;
  high?: number;
  /** below: the official's threshold. */
  unit?: ThresholdUnit;
  threshold?: number;
}

/**
 * Conditions of one agency to claim together and tell in one message: its drops (to its digest readers), or
 * one threshold (to its owner). A condition's key is unique within (agency, period).
 */
export interface AlertFinding {
  agencyCode: string;
  found: { condition: string; facts: AlertFacts }[];
  staffIds: string[];
}
