// PGlite runs one statement at a time behind a private mutex, and keeps no count of who waits for it. Prisma's
// adapter and the raw runner both go through the calls counted here, so "in flight" is the one connection's
// queue: one running, the rest waiting. That is the embedded engine's answer to a pool's waiting count.
import type { PGlite } from "@electric-sql/pglite";

export interface CountedPGlite {
  /** Hand this to every user of the database instead of the PGlite itself. */
  client: PGlite;
  /** query/exec/transaction calls begun and not yet settled. */
  inFlight(): number;
}

const COUNTED = new Set<PropertyKey>(["query", "exec", "transaction"]);

export function countPGliteCalls(pglite: PGlite): CountedPGlite {
  let inFlight = 0;
  const settled = () => {
    inFlight--;
  };
  const counted = new Map<PropertyKey, (...args: unknown[]) => Promise<unknown>>();
  for (const name of COUNTED) {
    const fn = Reflect.get(pglite, name, pglite) as (...args: unknown[]) => Promise<unknown>;
    // The caller's own promise is returned untouched (no extra async frame on every query of the answers' path).
    counted.set(name, (...args) => {
      inFlight++;
      let p: Promise<unknown>;
      try {
        p = fn.apply(pglite, args);
      } catch (e) {
        inFlight--;
        throw e;
      }
      p.then(settled, settled);
      return p;
    });
  }
  // PGlite keeps its state in #private fields, which only the real instance can read: every other member is
  // read from, and called on, the target rather than the proxy.
  const client = new Proxy(pglite, {
    get(target, prop) {
      const c = counted.get(prop);
      if (c) return c;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { client, inFlight: () => inFlight };
}
