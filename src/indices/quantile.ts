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

let sampleScratch = new Float64Array(0);
let lowScratch = new Float64Array(0);
let highScratch = new Float64Array(0);

/** The smallest of a[from..to). */
function minimum(a: Float64Array, from: number, to: number): number {
  let m = Number.POSITIVE_INFINITY;
  for (let i = from; i < to; i++) if ((a[i] as number) < m) m = a[i] as number;
  return m;
}

/** Candidates kept per tail at most; more (a sample far from the data) means the slower exact path. */
const MAX_CANDIDATES = 512;

/**
 * Both type-7 quantiles q and r (q < 0.5 < r) of values that are all finite, in one pass over them. A
 * sample of every s-th value gives two cuts that leave, in expectation, four times as many values beyond
 * them as the order statistics needed. Every value at or beyond a cut is kept as a candidate, so whenever
 * there are at least as many candidates as ranks needed, the wanted order statistics are exactly those of
 * the candidates (found by selection). Returns null when a value is not finite (the finite count is then
 * smaller than assumed), when a cut kept too few or too many candidates, or when the tails are not small:
 * the caller then takes the slower exact path.
 */
function bothTails(values: Float64Array, q: number, r: number): { low: number; high: number } | null {
  const n = values.length;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hTop = (n - 1) * r;
  const loTop = Math.floor(hTop);
  // Ranks lo (and lo + 1) from the bottom; loTop (and loTop + 1), the kt-th (and (kt − 1)-th) largest.
  const withNext = lo + 1 < n && h !== lo;
  const withNextTop = loTop + 1 < n && hTop !== loTop;
  const kb = lo + (withNext ? 2 : 1);
  const kt = n - loTop;
  if (n < 256 || kb > 64 || kt > 64) return null;
  const m = 128;
  const stride = Math.floor(n / m);
  if (sampleScratch.length < m) sampleScratch = new Float64Array(m);
  const sample = sampleScratch.subarray(0, m);
  for (let i = 0; i < m; i++) sample[i] = values[i * stride] as number;
  const lowCut = select(sample, Math.min(m - 1, Math.ceil((4 * kb * m) / n)), 0, m - 1);
  const highCut = select(sample, Math.max(0, m - 1 - Math.ceil((4 * kt * m) / n)), 0, m - 1);
  if (lowScratch.length < MAX_CANDIDATES) {
    lowScratch = new Float64Array(MAX_CANDIDATES);
    highScratch = new Float64Array(MAX_CANDIDATES);
  }
  const lows = lowScratch;
  const highs = highScratch;
  // The sum tells whether any value was NaN or infinite (the comparisons let NaN through).
  let sum = 0;
  let nLow = 0;
  let nHigh = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    sum += v;
    if (v <= lowCut) {
      if (nLow < MAX_CANDIDATES) lows[nLow] = v;
      nLow++;
    }
    if (v >= highCut) {
      if (nHigh < MAX_CANDIDATES) highs[nHigh] = v;
      nHigh++;
    }
  }
  if (sum - sum !== 0 || nLow < kb || nHigh < kt || nLow > MAX_CANDIDATES || nHigh > MAX_CANDIDATES) return null;
  // The order statistics among the candidates, by selection (the next one up is the minimum above it).
  const below = select(lows, lo, 0, nLow - 1);
  let low = below;
  if (withNext) low = below + (h - lo) * (minimum(lows, lo + 1, nLow) - below);
  const belowTop = select(highs, nHigh - kt, 0, nHigh - 1);
  let high = belowTop;
  if (withNextTop) high = belowTop + (hTop - loTop) * (minimum(highs, nHigh - kt + 1, nHigh) - belowTop);
  return { low, high };
}

/**
 * 95 % percentile interval of the finite values, widened if needed to contain `estimate`: with a
 * skewed small sample the percentile interval can exclude the point estimate, which would be confusing
 * to publish, so the interval is stretched to it (documented in docs/indices-method.md).
 */
export function percentileInterval(values: Float64Array, estimate: number): { low: number; high: number } | null {
  // Every report computes a dozen of these per group; usually every replicate is finite and the tails
  // need a few dozen order statistics of 1,000, found in one pass.
  const fast = bothTails(values, 0.025, 0.975);
  if (fast !== null) return { low: Math.min(fast.low, estimate), high: Math.max(fast.high, estimate) };
  let finite = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite++;
  if (finite === 0) return null;
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
