import { describe, expect, it } from "vitest";
import { competitionRanks } from "../../src/indices/rank.ts";
import { PoissonTable } from "../../src/indices/poisson.ts";
import { percentileInterval, quantileSorted } from "../../src/indices/quantile.ts";
import { createRng, hashSeed } from "../../src/indices/rng.ts";
import { wilson } from "../../src/indices/wilson.ts";
import { normalUpperTail, twoProportionZ } from "../../src/indices/ztest.ts";

describe("Wilson interval", () => {
  it("matches hand-computed values", () => {
    // 8/10: centre (0.8 + 1.9208/10)/1.38415 = 0.71670; half = 1.95996/1.38415 · √(0.016 + 0.0096040) = 0.22663
    const w = wilson(8, 10);
    expect(w.low).toBeCloseTo(49.016, 2);
    expect(w.high).toBeCloseTo(94.331, 2);
  });
  it("stays inside 0..100 and contains the estimate at the extremes", () => {
    const zero = wilson(0, 30);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(11.35, 1);
    const all = wilson(30, 30);
    expect(all.high).toBe(100);
    expect(all.low).toBeCloseTo(88.65, 1);
  });
});

describe("two-proportion z-test", () => {
  it("80/100 vs 70/100 is not significant, 90/100 vs 70/100 is", () => {
    const a = twoProportionZ(80, 100, 70, 100);
    expect(a.z).toBeCloseTo(1.63299, 4);
    expect(a.pValue).toBeCloseTo(0.1025, 3);
    expect(a.significant).toBe(false);
    const b = twoProportionZ(90, 100, 70, 100);
    expect(b.z).toBeCloseTo(3.53553, 4);
    expect(b.significant).toBe(true);
  });
  it("no variation means no evidence", () => {
    expect(twoProportionZ(30, 30, 40, 40)).toEqual({ z: 0, pValue: 1, significant: false });
  });
  it("normal tail", () => {
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 6);
  });
});

describe("competition ranking", () => {
  it("ties share a rank and the next rank is skipped (1, 2, 2, 4)", () => {
    expect(competitionRanks([90, 85, 85, 80, null])).toEqual([1, 2, 2, 4, null]);
  });
  it("compares at the published precision", () => {
    expect(competitionRanks([87.071, 87.069, 50])).toEqual([1, 1, 3]);
  });
});

describe("quantiles and percentile intervals", () => {
  it("type-7 quantile", () => {
    const s = Float64Array.from([1, 2, 3, 4]);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.025)).toBeCloseTo(1.075, 10);
  });
  it("ignores NaN replicates and always contains the estimate", () => {
    const v = Float64Array.from([10, Number.NaN, 11, 12, 13]);
    const i = percentileInterval(v, 20);
    expect(i?.high).toBe(20);
    expect(percentileInterval(Float64Array.from([Number.NaN]), 1)).toBeNull();
  });
});

describe("seeded generator and Poisson weights", () => {
  it("is reproducible and depends on the key", () => {
    const a = createRng(hashSeed(1, "x"));
    const b = createRng(hashSeed(1, "x"));
    const c = createRng(hashSeed(1, "y"));
    const sa = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(sa);
    expect(c.next()).not.toBe(sa[0]);
    const bulk = new Float64Array(5);
    const d = createRng(9);
    const e = createRng(9);
    d.fill(bulk);
    expect([...bulk]).toEqual([e.next(), e.next(), e.next(), e.next(), e.next()]);
  });
  it("Poisson tables have the right mean and variance", () => {
    for (const mean of [1, 4, 37, 5000]) {
      const t = new PoissonTable(mean);
      const rng = createRng(mean);
      let s = 0;
      let s2 = 0;
      const n = 20000;
      for (let i = 0; i < n; i++) {
        const x = t.quantile(rng.next());
        s += x;
        s2 += x * x;
      }
      const m = s / n;
      const v = s2 / n - m * m;
      expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(mean / n) + 1e-9);
      expect(v / mean).toBeGreaterThan(0.9);
      expect(v / mean).toBeLessThan(1.1);
    }
    expect(new PoissonTable(1).quantile(0)).toBe(0);
    expect(new PoissonTable(1).quantile(0.9999999999)).toBeGreaterThan(5);
  });
});

describe("selection-based quantiles", () => {
  it("agree with sorting on random data with ties", async () => {
    const { quantileUnsorted } = await import("../../src/indices/quantile.ts");
    const rng = createRng(11);
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(rng.next() * 60);
      const values = Float64Array.from({ length: n }, () => Math.floor(rng.next() * 8));
      const sorted = Float64Array.from(values).sort();
      for (const q of [0, 0.025, 0.5, 0.975, 1]) expect(quantileUnsorted(Float64Array.from(values), q)).toBeCloseTo(quantileSorted(sorted, q), 12);
    }
  });
});

describe("percentileInterval", () => {
  it("equals the type-7 quantiles of a full sort, whatever the order, ties and NaNs", () => {
    const rng = createRng(31);
    for (const n of [1, 2, 3, 39, 40, 41, 200, 1000, 1001]) {
      for (const shape of ["random", "ascending", "descending", "ties"] as const) {
        const values = Float64Array.from({ length: n }, (_, i) =>
          shape === "random" ? rng.next() * 100 : shape === "ascending" ? i : shape === "descending" ? n - i : Math.floor(rng.next() * 4),
        );
        if (n > 3) values[Math.floor(n / 2)] = Number.NaN;
        const sorted = Float64Array.from([...values].filter(Number.isFinite)).sort();
        const median = quantileSorted(sorted, 0.5);
        expect(percentileInterval(values, median)).toEqual({ low: quantileSorted(sorted, 0.025), high: quantileSorted(sorted, 0.975) });
      }
    }
  });

  it("is exact on the one-pass path too (all values finite), whatever the shape", () => {
    const rng = createRng(37);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    for (const n of [255, 256, 999, 1000, 1001, 2000, 5000]) {
      for (const shape of ["random", "normal", "skewed", "ascending", "descending", "ties", "outliers"] as const) {
        const values = Float64Array.from({ length: n }, (_, i) => {
          switch (shape) {
            case "random":
              return rng.next() * 100;
            case "normal":
              return 75 + 2 * normal();
            case "skewed":
              return 100 * rng.next() ** 6;
            case "ascending":
              return i;
            case "descending":
              return n - i;
            case "ties":
              return Math.floor(rng.next() * 4);
            case "outliers":
              return i % 97 === 0 ? -1000 * rng.next() : 50 + rng.next();
          }
        });
        const sorted = Float64Array.from(values).sort();
        const interval = percentileInterval(values, quantileSorted(sorted, 0.5));
        expect(interval).toEqual({ low: quantileSorted(sorted, 0.025), high: quantileSorted(sorted, 0.975) });
      }
    }
  });
});
