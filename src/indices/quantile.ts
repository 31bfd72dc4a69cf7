// Percentiles of bootstrap replicates.

/** Linear-interpolation quantile (Hyndman–Fan type 7) of an ascending array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** The k-th smallest (0-based) of a[lo..hi], partially reordering a (Hoare-style quickselect). */
function select(a: Float64Array, k: number, lo: number, hi: number): number {
  while (hi > lo) {
    // Median of three as pivot: replicate values are often sorted runs of equal numbers.
    const mid = (lo + hi) >> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}

/** Type-7 quantile of unsorted values (reorders `a`), in O(n) instead of a full sort. */
export function quantileUnsorted(a: Float64Array, q: number): number {
  const n = a.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const below = select(a, lo, 0, n - 1);
  if (lo + 1 >= n || h === lo) return below;
  // After selecting lo, everything right of it is ≥ it: the next order statistic is their minimum.
  let next = Number.POSITIVE_INFINITY;
  for (let i = lo + 1; i < n; i++) if ((a[i] as number) < next) next = a[i] as number;
  return below + (h - lo) * (next - below);
}

/**
 * The same type-7 quantile as quantileUnsorted over the finite values of `values` (n of them), for a q near
 * 0 or 1: only the few order statistics it needs are kept, the k smallest (or largest) in a small sorted
 * buffer, in one pass and without copying or reordering the values. Returns null when the buffer would not
 * be small (then a selection over a copy is cheaper).
 */
function tailQuantile(values: Float64Array, n: number, q: number): number | null {
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const withNext = lo + 1 < n && h !== lo;
  const fromBottom = lo < n / 2;
  // Ranks lo (and lo + 1) counted from the nearer end; k values must be kept.
  const k = fromBottom ? lo + (withNext ? 2 : 1) : n - lo;
  if (k > 64 && k > n / 8) return null;
  // Kept as the k smallest ascending, or the k largest descending: negate for the top so one loop (with
  // no per-value branch on the direction) serves both; negation is exact.
  const sign = fromBottom ? 1 : -1;
  const buf = new Float64Array(k);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = sign * (values[i] as number);
    if (!Number.isFinite(v)) continue;
    if (m === k && v >= (buf[k - 1] as number)) continue;
    let j = m < k ? m++ : k - 1;
    while (j > 0 && (buf[j - 1] as number) > v) {
      buf[j] = buf[j - 1] as number;
      j--;
    }
    buf[j] = v;
  }
  const below = sign * (buf[fromBottom ? lo : n - 1 - lo] as number);
  if (!withNext) return below;
  const next = sign * (buf[fromBottom ? lo + 1 : n - 2 - lo] as number);
  return below + (h - lo) * (next - below);
}

/**
 * 95 % percentile interval of the finite values, widened if needed to contain `estimate`: with a
 * skewed small sample the percentile interval can exclude the point estimate, which would be confusing
 * to publish, so the interval is stretched to it (documented in docs/indices-method.md).
 */
export function percentileInterval(values: Float64Array, estimate: number): { low: number; high: number } | null {
  let finite = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite++;
  if (finite === 0) return null;
  // Every report computes a dozen of these per group; the tails need a few dozen order statistics of 1,000.
  let low = tailQuantile(values, finite, 0.025);
  let high = tailQuantile(values, finite, 0.975);
  if (low === null || high === null) {
    const work = new Float64Array(finite);
    let j = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (Number.isFinite(v)) work[j++] = v;
    }
    low = quantileUnsorted(work, 0.025);
    high = quantileUnsorted(work, 0.975);
  }
  return { low: Math.min(low, estimate), high: Math.max(high, estimate) };
}
