// Poisson variates for the bootstrap weights. Each distinct mean gets a table of its cumulative
// distribution plus a guide table, so a draw is one uniform number and, nearly always, one comparison.
// The table covers the mean ± 12 standard deviations (+ 12); the mass left outside is below 1e-30.
export class PoissonTable {
  readonly mean: number;
  /** The table starts at this value (0 unless the mean is large). */
  readonly offset: number;
  /** cdf[k] = P(X ≤ k + offset), the last entry exactly 1. */
  readonly cdf: Float64Array;
  /** guide[g] = the smallest k with cdf[k] > g / guide.length: where the search for u starts. */
  readonly guide: Int32Array;
  /**
   * The same table for a 32-bit random integer t (u = t / 2^32), in integers only: the search starts at
   * guide[t >>> shift] and moves on while limit[k] < t ^ 0x80000000. limit[k] = ceil(cdf[k] · 2^32) − 1 with
   * its top bit flipped, so that a signed comparison orders like an unsigned one; cdf[k] ≤ u exactly when
   * ceil(cdf[k] · 2^32) ≤ t, and t >>> shift is exactly floor(u × guide.length) (a power of two), so the
   * variates are exactly those of quantile(u).
   */
  readonly limit: Int32Array;
  readonly shift: number;

  constructor(mean: number) {
    if (!(mean > 0) || !Number.isFinite(mean)) throw new RangeError("Poisson mean must be positive");
    this.mean = mean;
    const spread = 12 * Math.sqrt(mean) + 12;
    const lo = Math.max(0, Math.floor(mean - spread));
    const hi = Math.ceil(mean + spread);
    // Probabilities from the mode outwards via the recurrence p(k+1) = p(k)·λ/(k+1), anchored in log space
    // (e^-λ underflows for λ > 745).
    const mode = Math.floor(mean);
    const pmf = new Float64Array(hi - lo + 1);
    pmf[mode - lo] = Math.exp(mode * Math.log(mean) - mean - logFactorial(mode));
    for (let k = mode + 1; k <= hi; k++) pmf[k - lo] = ((pmf[k - 1 - lo] as number) * mean) / k;
    for (let k = mode - 1; k >= lo; k--) pmf[k - lo] = ((pmf[k + 1 - lo] as number) * (k + 1)) / mean;
    const cdf = new Float64Array(pmf.length);
    let acc = 0;
    for (let i = 0; i < pmf.length; i++) {
      acc += pmf[i] as number;
      cdf[i] = acc;
    }
    // Normalise the truncated distribution so the last entry is exactly 1 and every u in [0,1) finds a value.
    for (let i = 0; i < cdf.length; i++) cdf[i] = (cdf[i] as number) / acc;
    cdf[cdf.length - 1] = 1;
    // A fine guide (at least 1,024 cells, a power of two so u × length is exact) makes the search start at
    // the answer nearly always: one comparison, and a well-predicted branch, per draw.
    let cells = 1024;
    while (cells < 4 * cdf.length) cells *= 2;
    const guide = new Int32Array(cells);
    let k = 0;
    for (let g = 0; g < guide.length; g++) {
      const u = g / guide.length;
      while ((cdf[k] as number) <= u) k++;
      guide[g] = k;
    }
    const limit = new Int32Array(cdf.length);
    // Entries with cdf 0 are never searched (the guide starts past them); clamped so the value fits.
    for (let i = 0; i < cdf.length; i++) limit[i] = Math.max(0, Math.ceil((cdf[i] as number) * 4294967296) - 1) ^ 0x80000000;
    this.offset = lo;
    this.cdf = cdf;
    this.guide = guide;
    this.limit = limit;
    this.shift = Math.clz32(cells) + 1; // cells = 2^m: 32 − m
  }

  /** The variate for a uniform u in [0, 1) (inversion). */
  quantile(u: number): number {
    const cdf = this.cdf;
    let k = this.guide[(u * this.guide.length) | 0] as number;
    while ((cdf[k] as number) <= u) k++;
    return k + this.offset;
  }
}

/** ln(k!): exact sum for small k, Stirling's series beyond (error below 1e-12 for k > 30). */
function logFactorial(k: number): number {
  if (k <= 30) {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  }
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + 1 / (12 * k) - 1 / (360 * k * k * k);
}

/** Tables shared by every group of a report (counts 1, 2, 3… recur across groups and patterns). */
export class PoissonTables {
  private readonly tables = new Map<number, PoissonTable>();

  get(mean: number): PoissonTable {
    let t = this.tables.get(mean);
    if (!t) {
      t = new PoissonTable(mean);
      this.tables.set(mean, t);
    }
    return t;
  }
}
