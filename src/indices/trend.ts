// Change against the previous period and whether it is more than noise (95 %).
import { percentileInterval } from "./quantile.ts";
import type { Trend } from "./types.ts";
import { Z95 } from "./wilson.ts";
import { twoProportionZ } from "./ztest.ts";

interface Side {
  value: number | null;
  n: number;
  sufficient: boolean;
}

function noChange(prev: Side): Trend {
  return {
    previous: prev.value,
    previousN: prev.n,
    change: null,
    low: null,
    high: null,
    z: null,
    pValue: null,
    significant: false,
    sufficient: false,
  };
}

/** Item share: two-proportion z-test for the decision; the interval of the change is the unpooled normal one. */
export function shareTrend(cur: Side & { x: number }, prev: Side & { x: number }): Trend {
  if (cur.value === null || prev.value === null || cur.n === 0 || prev.n === 0) return noChange(prev);
  const test = twoProportionZ(cur.x, cur.n, prev.x, prev.n);
  const p1 = cur.x / cur.n;
  const p2 = prev.x / prev.n;
  const se = Math.sqrt((p1 * (1 - p1)) / cur.n + (p2 * (1 - p2)) / prev.n);
  const change = cur.value - prev.value;
  const sufficient = cur.sufficient && prev.sufficient;
  return {
    previous: prev.value,
    previousN: prev.n,
    change,
    low: Math.min(change, 100 * (p1 - p2 - Z95 * se)),
    high: Math.max(change, 100 * (p1 - p2 + Z95 * se)),
    z: test.z,
    pValue: test.pValue,
    significant: sufficient && test.significant,
    sufficient,
  };
}

/** Replicate differences, reused from call to call (percentileInterval keeps no reference to them). */
let diffScratch = new Float64Array(0);

/**
 * Composite: the two periods are resampled independently; the 95 % percentile interval of the
 * replicate differences decides (significant when it excludes 0).
 */
export function compositeTrend(cur: Side, prev: Side, curReps: Float64Array, prevReps: Float64Array): Trend {
  if (cur.value === null || prev.value === null) return noChange(prev);
  const change = cur.value - prev.value;
  const length = Math.min(curReps.length, prevReps.length);
  if (diffScratch.length !== length) diffScratch = new Float64Array(length);
  const diffs = diffScratch;
  for (let b = 0; b < diffs.length; b++) diffs[b] = (curReps[b] as number) - (prevReps[b] as number);
  const interval = percentileInterval(diffs, change);
  const sufficient = cur.sufficient && prev.sufficient;
  const excludesZero = interval !== null && (interval.low > 0 || interval.high < 0);
  return {
    previous: prev.value,
    previousN: prev.n,
    change,
    low: interval?.low ?? null,
    high: interval?.high ?? null,
    z: null,
    pValue: null,
    significant: sufficient && excludesZero,
    sufficient,
  };
}
