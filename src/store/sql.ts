// The raw driver beneath Prisma, for the few hot or bulk paths where Prisma's per-call overhead matters
// (one statement per survey answer; bulk aggregates). Only src/store uses it.
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";

export interface SqlTx {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlRunner extends SqlTx {
  readonly dialect: "pglite" | "postgresql";
  /** Runs fn in one transaction on one connection. */
  exclusive<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
}

export function pgliteRunner(db: PGlite): SqlRunner {
  const wrap = (q: PGlite | Transaction): SqlTx => ({
    async query<T>(sql: string, params?: unknown[]) {
      const r = await q.query<T>(sql, params as unknown[] | undefined);
      return r.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    dialect: "pglite",
    ...wrap(db),
    exclusive: (fn) => db.transaction((tx) => fn(wrap(tx))),
  };
}

export function pgRunner(pool: pg.Pool): SqlRunner {
  return {
    dialect: "postgresql",
    async query<T>(sql: string, params?: unknown[]) {
      const r = await pool.query(sql, params);
      return r.rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async exclusive(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const tx: SqlTx = {
          async query<T>(sql: string, params?: unknown[]) {
            return (await client.query(sql, params)).rows as T[];
          },
          async exec(sql: string) {
            await client.query(sql);
          },
        };
        const out = await fn(tx);
        await client.query("COMMIT");
        return out;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
  };
}
