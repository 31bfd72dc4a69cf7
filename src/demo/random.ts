// Seeded draws for the simulation (the index code's sfc32 generator underneath): the same seed gives the
// same citizens, answers and comments on every run and machine, so the demo's outputs are reproducible.
import { createRng, type Rng } from "../indices/rng.ts";

export class Draw {
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = createRng(seed);
  }

  uniform(): number {
    return this.rng.next();
  }

  chance(p: number): boolean {
    return this.rng.next() < p;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.rng.next() * (max - min + 1));
  }

  /** Standard normal (Box–Muller), scaled. */
  normal(sd = 1): number {
    const u = 1 - this.rng.next();
    const v = this.rng.next();
    return sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Poisson count (Knuth's method: fine for the small daily means used here). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.rng.next();
    while (p > limit) {
      k++;
      p *= this.rng.next();
    }
    return k;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng.next() * items.length)] as T;
  }
}
