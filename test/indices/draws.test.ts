// The bootstrap's draws: the integer inverse-CDF search and the packed per-replicate sums must give exactly
// the numbers of the plain definitions (table.quantile of the uniform stream; per-pattern weights added one
// by one), so that the speed-ups never change an interval.
import { describe, expect, it } from "vitest";
import { drawTotals } from "../../src/indices/bootstrap.ts";
import { PoissonTable, PoissonTables } from "../../src/indices/poisson.ts";
import { createRng, hashSeed, type Rng } from "../../src/indices/rng.ts";

const MEANS = [1, 2, 3, 7, 37, 745, 746, 5000, 123456];

describe("integer Poisson search", () => {
  it("draws exactly quantile(u) for the same uniform stream", () => {
    for (const mean of MEANS) {
      const table = new PoissonTable(mean);
      const a = createRng(hashSeed(1, String(mean)));
      const b = createRng(hashSeed(1, String(mean)));
      const out = new Int32Array(5000);
      a.fillPoisson(out, out.length, table);
      for (let j = 0; j < out.length; j++) expect(out[j]).toBe(table.quantile(b.next()));
      expect(a.next()).toBe(b.next());
    }
  });

  it("is exact on both sides of every step of the cumulative distribution", () => {
    for (const mean of [1, 5, 37, 5000]) {
      const table = new PoissonTable(mean);
      const search = (t: number) => {
        let x = table.guide[t >>> table.shift]!;
        while (table.limit[x]! < (t ^ 0x80000000)) x++;
        return x + table.offset;
      };
      const ts = [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
      for (const c of table.cdf) for (const d of [-1, 0, 1]) ts.push(Math.ceil(c * 4294967296) + d);
      for (const t of ts.filter((x) => x >= 0 && x <= 0xffffffff)) expect(search(t | 0)).toBe(table.quantile(t / 4294967296));
    }
  });
});

/**
 * Random answer patterns over `items` items: "0" not answered, "1" answered 1–3, "2" answered 4–5; the
 * first `always` items answered by everyone (their "answered" sums coincide, as on a real questionnaire).
 */
function patterns(rng: Rng, items: number, kinds: number, counts: number[], always = 0): Map<string, number> {
  const out = new Map<string, number>();
  for (let p = 0; p < kinds; p++) {
    const key = Array.from({ length: items }, (_, i) => (i < always ? "12"[Math.floor(rng.next() * 2)] : "012"[Math.floor(rng.next() * 3)])).join("");
    out.set(key, (out.get(key) ?? 0) + (counts[Math.floor(rng.next() * counts.length)] as number));
  }
  return out;
}

/** The definition: each pattern's Poisson weights, in canonical (sorted) order, added item by item. */
function naiveTotals(own: Map<string, number>, items: number, resamples: number, rng: Rng, tables: PoissonTables) {
  const answered = new Int32Array(items * resamples);
  const satisfied = new Int32Array(items * resamples);
  const w = new Int32Array(resamples);
  for (const [key, count] of [...own.entries()].filter(([, c]) => c > 0).sort(([a], [b]) => (a < b ? -1 : 1))) {
    rng.fillPoisson(w, resamples, tables.get(count));
    for (let i = 0; i < items; i++) {
      for (let b = 0; b < resamples; b++) {
        if (key[i] !== "0") answered[i * resamples + b]! += w[b]!;
        if (key[i] === "2") satisfied[i * resamples + b]! += w[b]!;
      }
    }
  }
  return { answered, satisfied };
}

describe("packed replicate sums", () => {
  it("give exactly the totals and generator state of adding each pattern's weights one by one", () => {
    const gen = createRng(99);
    const tables = new PoissonTables();
    // One, two (the usual: a commune's quarter) and many packed doubles per replicate; resample counts the
    // reused scratch arrays must grow and shrink for.
    const cases = [
      { items: 2, kinds: 3, counts: [1], resamples: 1000 },
      { items: 5, kinds: 35, counts: [1, 2, 3, 6, 11], resamples: 1000, always: 4 },
      { items: 5, kinds: 40, counts: [1, 2, 3, 6, 11], resamples: 1000 },
      { items: 5, kinds: 60, counts: [1, 40, 200], resamples: 1001 },
      { items: 12, kinds: 300, counts: [1, 7, 120, 900], resamples: 2000 },
      { items: 1, kinds: 2, counts: [5000, 123456], resamples: 20000 },
      { items: 7, kinds: 25, counts: [1, 2], resamples: 37 },
      { items: 5, kinds: 40, counts: [1, 2, 3, 6, 11], resamples: 1000 },
    ];
    for (const [n, c] of cases.entries()) {
      const own = patterns(gen, c.items, c.kinds, c.counts, c.always);
      const fast = createRng(hashSeed(5, `case ${n}`));
      const slow = createRng(hashSeed(5, `case ${n}`));
      const a = drawTotals(own, c.items, c.resamples, fast, tables);
      const b = naiveTotals(own, c.items, c.resamples, slow, tables);
      expect([...a.answered]).toEqual([...b.answered]);
      expect([...a.satisfied]).toEqual([...b.satisfied]);
      expect([...fast.st]).toEqual([...slow.st]);
      // Weighted answers can only be satisfied if answered, and nobody answers more than once.
      for (let j = 0; j < a.answered.length; j++) expect(a.satisfied[j]!).toBeLessThanOrEqual(a.answered[j]!);
    }
  });

  it("adds the weights of the patterns as drawing them one by one does", () => {
    // Two patterns over one item, 3 and 2 respondents: answered = w1 + w2, satisfied = w2 (the "2" one).
    const tables = new PoissonTables();
    const totals = drawTotals(new Map([["2", 2], ["1", 3]]), 1, 1000, createRng(7), tables);
    const rng = createRng(7);
    const w1 = new Int32Array(1000);
    const w2 = new Int32Array(1000);
    rng.fillPoisson(w1, 1000, tables.get(3)); // "1" sorts first
    rng.fillPoisson(w2, 1000, tables.get(2));
    expect([...totals.answered]).toEqual(Array.from(w1, (x, j) => x + w2[j]!));
    expect([...totals.satisfied]).toEqual([...w2]);
  });
});
