// Latency summaries. Samples are kept whole (a few hundred thousand numbers at most) so percentiles
// are exact rather than estimated from buckets.

export class Latencies {
  private samples: number[] = [];

  add(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  /** Nearest-rank percentile in ms (p in 0..100); NaN when empty. */
  percentile(p: number): number {
    if (this.samples.length === 0) return Number.NaN;
    const sorted = Float64Array.from(this.samples).sort();
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
    return sorted[rank - 1]!;
  }

  max(): number {
    return this.samples.length === 0 ? Number.NaN : this.samples.reduce((m, x) => (x > m ? x : m), -Infinity);
  }
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "n/a";
}
