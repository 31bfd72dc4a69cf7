// A small seeded generator (sfc32) so that the bootstrap is reproducible: the same data and seed give the
// same interval on every machine and database. Math.random cannot be seeded.

/** FNV-1a over the string's UTF-16 code units, mixed with a numeric seed. */
export function hashSeed(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Uniform doubles in [0, 1) from 32 random bits. A class rather than a closure: V8 optimises a method
 * once for all instances, while each new closure would start cold (one generator is made per group).
 * The state lives in a typed array because closure or field slots that alternate between int32 and
 * uint32 values are boxed on every write.
 */
export class Rng {
  /** sfc32's four state words (a, b, c, d). */
  readonly st: Int32Array;

  constructor(seed: number) {
    // splitmix32 expands one 32-bit seed into sfc32's four state words.
    let s = seed >>> 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      words.push((z ^ (z >>> 16)) | 0);
    }
    this.st = Int32Array.from(words);
    // Discard the first outputs: sfc32's state needs a few rounds to mix a low-entropy seed.
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const st = this.st;
    const a = st[0] as number;
    const b = st[1] as number;
    const c = st[2] as number;
    const d = st[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    st[3] = (d + 1) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /**
   * Fills `out` with the next out.length numbers, exactly as that many next() calls would. The hot path
   * of the bootstrap: the state stays in locals for the whole loop, about three times faster per number.
   */
  fill(out: Float64Array): void {
    const st = this.st;
    let a = st[0] as number;
    let b = st[1] as number;
    let c = st[2] as number;
    let d = st[3] as number;
    for (let j = 0; j < out.length; j++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      out[j] = (t >>> 0) / 4294967296;
    }
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
  }

  /**
   * out[j] = table.quantile(u_j) for the next count uniforms u_j: exactly what fill() followed by
   * quantile() gives, fused into one loop and in integers only (see PoissonTable.limit).
   */
  fillPoisson(out: Int32Array, count: number, table: PoissonSearch): void {
    const st = this.st;
    const guide = table.guide;
    const limit = table.limit;
    const shift = table.shift;
    const offset = table.offset;
    let a = st[0] as number;
    let b = st[1] as number;
    let c = st[2] as number;
    let d = st[3] as number;
    for (let j = 0; j < count; j++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      const flipped = t ^ 0x80000000;
      let x = guide[t >>> shift] as number;
      while ((limit[x] as number) < flipped) x++;
      out[j] = x + offset;
    }
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
  }
}

/** What fillPoisson needs of a Poisson table: its integer search (poisson.ts). */
export interface PoissonSearch {
  offset: number;
  guide: Int32Array;
  limit: Int32Array;
  shift: number;
}

export function createRng(seed: number): Rng {
  return new Rng(seed);
}
