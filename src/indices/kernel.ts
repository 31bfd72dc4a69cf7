// The bootstrap's innermost loop as a small WebAssembly function: millions of Poisson draws per report,
// each added into the packed replicate sums (bootstrap.ts). The same arithmetic as the JavaScript path of
// drawTotals — the same sfc32 stream and integer inverse-CDF search as Rng.fillPoisson, the same exact
// multiply-adds — in less than half the machine instructions per draw of what V8 makes of the JavaScript
// loops, whose typed-array accesses each re-check their array. test/indices/kernel.test.ts checks that both
// give identical numbers.
//
// The module is written out below instruction by instruction (a few dozen), so no toolchain is needed;
// when WebAssembly is unavailable (node --jitless) the bootstrap runs the JavaScript loop instead.
import type { PoissonTable } from "./poisson.ts";

// --- encoding -------------------------------------------------------------------------------------------

function uleb(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => vec([...s].map((ch) => [ch.charCodeAt(0)]));

const I32 = 0x7f;
const F64 = 0x7c;

// Instructions (https://webassembly.github.io/spec/core/binary/instructions.html).
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const load32 = (offset: number) => [0x28, 2, ...uleb(offset)];
const store32 = (offset: number) => [0x36, 2, ...uleb(offset)];
const loadF64 = (offset: number) => [0x2b, 3, ...uleb(offset)];
const storeF64 = (offset: number) => [0x39, 3, ...uleb(offset)];
const op = {
  add: [0x6a],
  xor: [0x73],
  shl: [0x74],
  shrU: [0x76],
  rotl: [0x77],
  eqz: [0x45],
  eq: [0x46],
  ltS: [0x48],
  geS: [0x4e],
  f64Add: [0xa0],
  f64Mul: [0xa2],
  f64FromI32: [0xb7],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  return: [0x0f],
};
const br = (depth: number) => [0x0c, depth];
const brIf = (depth: number) => [0x0d, depth];

// --- the function -----------------------------------------------------------------------------------------

/**
 * drawGroup(patterns, plans, count, packs, acc): for each pattern p < patterns, in order, count Poisson
 * variates x_j from the sfc32 state at byte 0 (four i32 words, updated), each added as
 * acc[q · count + j] += x_j × mult_p[q] for q < packs. plans: 16 bytes per pattern (guide address, limit
 * address, shift, offset: PoissonSearch) followed by its packs f64 multipliers.
 */
function drawGroupBody(): number[] {
  // Parameters 0–4, then locals.
  const [patterns, plans, count, packs, acc] = [0, 1, 2, 3, 4];
  const [a, b, c, d, t, x, j, rowBytes, q, at, plan, guide, limit, shift, offset, mult, p] = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21];
  const [weight, m0, m1] = [22, 23, 24]; // f64
  // One variate, as Rng.fillPoisson draws it, into `weight`.
  const draw = [
    // sfc32: t = a + b + d; d += 1; a = b ^ (b >>> 9); b = c + (c << 3); c = rotl(c, 21) + t
    get(a), get(b), op.add, get(d), op.add, set(t),
    get(d), i32(1), op.add, set(d),
    get(b), get(b), i32(9), op.shrU, op.xor, set(a),
    get(c), get(c), i32(3), op.shl, op.add, set(b),
    get(c), i32(21), op.rotl, get(t), op.add, set(c),
    // x = guide[t >>> shift]; while (limit[x] < (t ^ 0x80000000)) x++
    get(guide), get(t), get(shift), op.shrU, i32(2), op.shl, op.add, load32(0), set(x),
    op.block, op.loop,
      get(limit), get(x), i32(2), op.shl, op.add, load32(0), get(t), i32(-0x80000000), op.xor, op.geS, brIf(1),
      get(x), i32(1), op.add, set(x),
      br(0),
    op.end, op.end,
    get(x), get(offset), op.add, op.f64FromI32, set(weight),
  ];
  const nextReplicate = [get(j), i32(8), op.add, tee(j), get(rowBytes), op.ltS, brIf(0)];
  const body = [
    get(patterns), op.eqz, op.if, op.return, op.end,
    get(count), op.eqz, op.if, op.return, op.end,
    i32(0), load32(0), set(a),
    i32(0), load32(4), set(b),
    i32(0), load32(8), set(c),
    i32(0), load32(12), set(d),
    get(count), i32(3), op.shl, set(rowBytes),
    get(plans), set(plan),
    i32(0), set(p),
    op.loop, // each pattern
      get(plan), load32(0), set(guide),
      get(plan), load32(4), set(limit),
      get(plan), load32(8), set(shift),
      get(plan), load32(12), set(offset),
      get(plan), i32(16), op.add, set(mult),
      i32(0), set(j),
      get(packs), i32(2), op.eq, op.if,
        // Two packs, the usual case: the multipliers in registers, no loop over the packs.
        get(mult), loadF64(0), set(m0),
        get(mult), loadF64(8), set(m1),
        op.loop, // each replicate: j is the byte offset of replicate j in a row of acc
          ...draw,
          get(acc), get(j), op.add, tee(at), get(at), loadF64(0), get(weight), get(m0), op.f64Mul, op.f64Add, storeF64(0),
          get(at), get(rowBytes), op.add, tee(at), get(at), loadF64(0), get(weight), get(m1), op.f64Mul, op.f64Add, storeF64(0),
          ...nextReplicate,
        op.end,
      op.else,
        op.loop,
          ...draw,
          // acc[q][j] += weight × mult[q] for every pack q
          get(acc), get(j), op.add, set(at),
          i32(0), set(q),
          op.loop,
            get(at),
            get(at), loadF64(0),
            get(weight), get(mult), get(q), i32(3), op.shl, op.add, loadF64(0), op.f64Mul,
            op.f64Add, storeF64(0),
            get(at), get(rowBytes), op.add, set(at),
            get(q), i32(1), op.add, tee(q), get(packs), op.ltS, brIf(0),
          op.end,
          ...nextReplicate,
        op.end,
      op.end,
      get(plan), i32(16), op.add, get(packs), i32(3), op.shl, op.add, set(plan),
      get(p), i32(1), op.add, tee(p), get(patterns), op.ltS, brIf(0),
    op.end,
    i32(0), get(a), store32(0),
    i32(0), get(b), store32(4),
    i32(0), get(c), store32(8),
    i32(0), get(d), store32(12),
  ];
  const locals = vec([[...uleb(17), I32], [...uleb(3), F64]]);
  const code = [...locals, ...body.flat(), ...op.end];
  return [...uleb(code.length), ...code];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), ...vec([])]])), // type: (i32 × 5) → ()
    ...section(3, vec([[0]])), // function 0 has type 0
    ...section(5, vec([[0x00, 1]])), // one memory, 1 page to start, growable
    ...section(7, vec([[...name("memory"), 0x02, 0], [...name("drawGroup"), 0x00, 0]])),
    ...section(10, vec([drawGroupBody()])),
  ]);
}

// --- the instance and its memory -------------------------------------------------------------------------

interface Exports {
  memory: WebAssembly.Memory;
  drawGroup(patterns: number, plans: number, count: number, packs: number, acc: number): void;
}

/** Room for Poisson tables before the layout starts over (a report uses a few hundred kB of them). */
const TABLES_BYTES = 16 << 20;

/** Where a table's search arrays are in the module's memory. */
interface Placed {
  guide: number;
  limit: number;
}

/**
 * The module's memory: the generator state at 0, then the accumulator (packs × count f64), then the plans,
 * then the Poisson tables, copied in once and kept while the layout lasts. A table is a function of its mean,
 * so it is found by its mean: the same counts recur across groups and reports. The layout starts over (and
 * the tables are copied in again as they are used) when a call needs more scratch or the tables much room.
 */
export class Kernel {
  private readonly exports: Exports;
  private words: Int32Array;
  private doubles: Float64Array;
  private tablesStart = 0;
  private tablesEnd = 0;
  private readonly placed = new Map<number, Placed>();

  constructor() {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()), {});
    this.exports = instance.exports as unknown as Exports;
    this.words = new Int32Array(this.exports.memory.buffer);
    this.doubles = new Float64Array(this.exports.memory.buffer);
  }

  private ensure(bytes: number): void {
    const memory = this.exports.memory;
    if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
    if (this.words.buffer !== memory.buffer) {
      this.words = new Int32Array(memory.buffer);
      this.doubles = new Float64Array(memory.buffer);
    }
  }

  /**
   * For each pattern p in order, count variates x_pj from tables[p] with the generator state `state` (four
   * words, advanced as Rng.fillPoisson would advance them); returns out with out[q · count + j] =
   * Σ_p x_pj × multipliers[p · packs + q]. out is the module's own memory, valid until the next call.
   */
  drawGroup(state: Int32Array, tables: PoissonTable[], multipliers: Float64Array, count: number, packs: number): Float64Array {
    const patterns = tables.length;
    // One pack runs as two with a second multiplier of 0: the module's fast loop is for two.
    const rows = Math.max(packs, 2);
    const accBytes = rows * count * 8;
    const planBytes = patterns * (16 + rows * 8);
    const tablesStart = 16 + accBytes + planBytes;
    let need = 0;
    for (const t of tables) need += 4 * (t.guide.length + t.limit.length);
    if (tablesStart > this.tablesStart || this.tablesEnd + need > this.tablesStart + TABLES_BYTES) {
      this.placed.clear();
      this.tablesStart = Math.max(tablesStart, this.tablesStart);
      this.tablesEnd = this.tablesStart;
    }
    this.ensure(this.tablesEnd + need);
    const plans = 16 + accBytes;
    let at = plans;
    for (let p = 0; p < patterns; p++) {
      const t = tables[p] as PoissonTable;
      let where = this.placed.get(t.mean);
      if (where === undefined) {
        where = { guide: this.tablesEnd, limit: this.tablesEnd + 4 * t.guide.length };
        this.words.set(t.guide, where.guide >> 2);
        this.words.set(t.limit, where.limit >> 2);
        this.tablesEnd = where.limit + 4 * t.limit.length;
        this.placed.set(t.mean, where);
      }
      this.words[at >> 2] = where.guide;
      this.words[(at >> 2) + 1] = where.limit;
      this.words[(at >> 2) + 2] = t.shift;
      this.words[(at >> 2) + 3] = t.offset;
      this.doubles.fill(0, (at + 16) >> 3, (at + 16 + rows * 8) >> 3);
      this.doubles.set(multipliers.subarray(p * packs, (p + 1) * packs), (at + 16) >> 3);
      at += 16 + rows * 8;
    }
    this.words.set(state.subarray(0, 4), 0);
    this.doubles.fill(0, 2, 2 + rows * count);
    this.exports.drawGroup(patterns, plans, count, rows, 16);
    state.set(this.words.subarray(0, 4));
    return this.doubles.subarray(2, 2 + packs * count);
  }
}

let shared: Kernel | null | undefined;

/** The one kernel of this process, or null when WebAssembly is unavailable. */
export function kernel(): Kernel | null {
  if (shared === undefined) {
    try {
      shared = typeof WebAssembly === "object" ? new Kernel() : null;
    } catch {
      shared = null;
    }
  }
  return shared;
}
