// Which figures of an agency's report call for an alert (pure). A drop is the method's own test, nothing
// looser: the change against the previous complete period is significant at 95 % (bootstrap interval of the
// difference for composites) and both periods reach the minimum n; noise and thin data never fire. The
// overall index is judged only when all five elements are sufficient, since it is never shown without them.
import type { ElementFigure, Estimate, GroupFigures } from "../indices/types.ts";
import type { ThresholdUnit } from "../store/alerts.ts";
import { parseTarget, targetKey, type AlertTarget } from "./target.ts";

export interface Drop {
  target: AlertTarget;
  /** "drop:index", "drop:element:<element>". */
  condition: string;
  value: number;
  n: number;
  previous: number;
  previousN: number;
  low: number;
  high: number;
}

export interface Below {
  value: number;
  n: number;
}

function dropOf(target: AlertTarget, e: Estimate): Drop | null {
  const tr = e.trend;
  if (!tr || !tr.significant || tr.change === null || tr.change >= 0) return null;
  if (e.value === null || tr.previous === null || tr.low === null || tr.high === null) return null;
  return { target, condition: `drop:${targetKey(target)}`, value: e.value, n: e.n, previous: tr.previous, previousN: tr.previousN, low: tr.low, high: tr.high };
}

const allFiveSufficient = (elements: ElementFigure[]) => elements.length === 5 && elements.every((e) => e.trend?.sufficient === true);

/** Significant drops of the overall index and of each element against the previous period. */
export function detectDrops(g: GroupFigures): Drop[] {
  const out: Drop[] = [];
  if (allFiveSufficient(g.elements)) {
    const d = dropOf({ kind: "index" }, g.overall);
    if (d) out.push(d);
  }
  for (const e of g.elements) {
    const d = dropOf({ kind: "element", element: e.element }, e);
    if (d) out.push(d);
  }
  return out;
}

/**
 * The figure a threshold reads, when it is under the threshold with enough answers; null otherwise (above
 * it, too few answers, no such item, or a score threshold on a composite, which has no mean score).
 */
export function belowThreshold(g: GroupFigures, t: { target: string; unit: ThresholdUnit; value: number }): Below | null {
  const target = parseTarget(t.target);
  if (!target) return null;
  let e: (Estimate & { mean?: number | null }) | undefined;
  if (target.kind === "index") e = g.elements.length === 5 && g.elements.every((x) => x.sufficient) ? g.overall : undefined;
  else if (target.kind === "element") e = g.elements.find((x) => x.element === target.element);
  else e = g.items.find((x) => x.itemId === target.itemId);
  if (!e || !e.sufficient) return null;
  const value = t.unit === "score" ? (target.kind === "item" ? (e.mean ?? null) : null) : e.value;
  if (value === null || value === undefined || value >= t.value) return null;
  return { value, n: e.n };
}
