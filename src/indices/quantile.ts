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
 * 95 % percentile interval of the finite values, widened if needed to contain `estimate`: with a
 * skewed small sample the percentile interval can exclude the point estimate, which would be confusing
 * to publish, so the interval is stretched to it (documented in docs/indices-method.md).
 */
export function percentileInterval(values: Float64Array, estimate: number): { low: number; high: number } | null {
  let finite = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite++;
  if (finite === 0) return null;
  const work = new Float64Array(finite);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) work[j++] = v;
  }
  const low = quantileUnsorted(work, 0.025);
  const high = quantileUnsorted(work, 0.975);
  return { low: Math.min(low, estimate), high: Math.max(high, estimate) };
}
