// 95 % Wilson score interval for a share, on the 0–100 scale. Chosen over the Wald interval because it
// stays inside 0..100 and behaves at small n and at 0 % / 100 %, which satisfaction shares often hit.

/** Two-sided 95 % standard-normal quantile. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson interval for `x` successes out of `n` (n ≥ 1), in percent. */
export function wilson(x: number, n: number, z = Z95): Interval {
  if (n <= 0) throw new RangeError("wilson: n must be positive");
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // The closed form can miss p by a rounding error at 0 or 1; the interval must contain its estimate.
  return { low: 100 * Math.max(0, Math.min(p, centre - half)), high: 100 * Math.min(1, Math.max(p, centre + half)) };
}
