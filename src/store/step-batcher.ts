// Group commit for survey steps. A step is one statement; under load, the steps that arrive while a
// statement is running are applied together in the next one (one round trip, one commit), which is what
// lets the single-connection embedded database keep up with many citizens at once. An idle system still
// writes each step immediately, alone.
import type { SqlRunner } from "./sql.ts";

export interface StepRow {
  key: string;
  /** The engine state as an object: it travels inside the batch JSON as JSON. */
  state: unknown;
  status: string;
  locale: string;
  id: string;
  ver: number;
  item: string | null;
  element: string | null;
  score: number | null;
  choice: string | null;
  txt: string | null;
  skipped: boolean;
  /** When the step happened, from the service's clock (never the database's now()): ISO 8601. */
  at: string;
}

export type StepOutcome = "applied" | "duplicate" | "conflict";

/** PostgreSQL's SQLSTATE for a statement aborted to break a lock cycle. */
const DEADLOCK_DETECTED = "40P01";

// The same rules as one step, over a batch given as a JSON array. A batch never holds two steps of one run.
// Its runs are locked first, in id order: another instance's batch may hold some of the same runs (Telegram
// delivered an update to both), and two batches that lock them in their own orders can wait on each other
// in a circle, which PostgreSQL ends by aborting one (test/scale/step-lock-order.test.ts).
const BATCH_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    ord int, key text, state jsonb, status text, locale text, id text, ver int,
    item text, element text, score int, choice text, txt text, skipped boolean, at timestamptz)
), locked AS (
  SELECT id FROM response WHERE id = ANY($2::text[]) ORDER BY id FOR UPDATE
), upd AS (
  UPDATE response r
     SET state = i.state, version = r.version + 1, status = i.status, locale = i.locale, updated_at = i.at,
         completed_at = CASE WHEN i.status = 'completed' THEN COALESCE(r.completed_at, i.at) ELSE r.completed_at END
    FROM input i JOIN locked l ON l.id = i.id
   WHERE r.id = ANY($2::text[]) AND r.id = i.id AND r.version = i.ver
     AND NOT EXISTS (SELECT 1 FROM processed_update p WHERE p.key = i.key)
  RETURNING i.ord, i.key, i.id, i.item, i.element, i.score, i.choice, i.txt, i.skipped, i.at
), seen AS (
  INSERT INTO processed_update (key) SELECT key FROM upd ON CONFLICT DO NOTHING RETURNING key
), ans AS (
  INSERT INTO answer (response_id, item_id, element, score, choice, text, skipped, answered_at)
  SELECT id, item, element, score, choice, txt, skipped, at FROM upd WHERE item IS NOT NULL
  ON CONFLICT (response_id, item_id) DO UPDATE
     SET element = EXCLUDED.element, score = EXCLUDED.score, choice = EXCLUDED.choice,
         text = EXCLUDED.text, skipped = EXCLUDED.skipped, answered_at = EXCLUDED.answered_at
  RETURNING 1
)
SELECT ord FROM upd`;

// One step alone: plain parameters plan better than a one-row JSON set.
// Parameters: $1 key, $2 state, $3 status, $4 locale, $5 id, $6 version, $7..$12 answer columns, $13 time.
const SINGLE_SQL = `
WITH upd AS (
  UPDATE response
     SET state = $2::jsonb, version = version + 1, status = $3, locale = $4, updated_at = $13::timestamptz,
         completed_at = CASE WHEN $3 = 'completed' THEN COALESCE(completed_at, $13::timestamptz) ELSE completed_at END
   WHERE id = $5 AND version = $6
     AND NOT EXISTS (SELECT 1 FROM processed_update WHERE key = $1)
  RETURNING id
), seen AS (
  INSERT INTO processed_update (key) SELECT $1 FROM upd ON CONFLICT DO NOTHING RETURNING key
), ans AS (
  INSERT INTO answer (response_id, item_id, element, score, choice, text, skipped, answered_at)
  SELECT id, $7, $8, $9, $10, $11, $12, $13::timestamptz FROM upd WHERE $7::text IS NOT NULL
  ON CONFLICT (response_id, item_id) DO UPDATE
     SET element = EXCLUDED.element, score = EXCLUDED.score, choice = EXCLUDED.choice,
         text = EXCLUDED.text, skipped = EXCLUDED.skipped, answered_at = EXCLUDED.answered_at
  RETURNING 1
)
SELECT (SELECT count(*) FROM upd)::int AS applied`;

interface Pending {
  row: StepRow;
  resolve: (o: StepOutcome) => void;
  reject: (e: unknown) => void;
}

export interface StepBatcherOptions {
  /** Statements in flight at once: 1 for the embedded database (one connection), a few for a pool. */
  concurrency: number;
  /**
   * How long a step may wait for others to share its statement (ms). On the embedded database every
   * statement costs the one thread ~0.5 ms whatever its size, so a few ms of patience buys throughput.
   */
  gatherMs?: number;
  maxBatch?: number;
}

export function createStepBatcher(sql: SqlRunner, opts: StepBatcherOptions) {
  const maxBatch = opts.maxBatch ?? 200;
  let queue: Pending[] = [];
  let inflight = 0;
  let scheduled = false;

  function takeBatch(): Pending[] {
    const runs = new Set<string>();
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    for (const p of queue) {
      if (batch.length < maxBatch && !runs.has(p.row.id)) {
        runs.add(p.row.id);
        batch.push(p);
      } else {
        rest.push(p);
      }
    }
    queue = rest;
    return batch;
  }

  async function run(batch: Pending[], attempt = 0): Promise<void> {
    try {
      if (batch.length === 1) {
        const p = batch[0]!;
        p.resolve(await single(p.row));
        return;
      }
      const input = JSON.stringify(batch.map((p, ord) => ({ ord, ...p.row })));
      // The id list lets the planner reach each run through its primary key instead of scanning the table.
      const ids = batch.map((p) => p.row.id);
      const applied = new Set((await sql.query<{ ord: number }>(BATCH_SQL, [input, ids])).map((r) => r.ord));
      const missed = batch.filter((_, i) => !applied.has(i));
      const seen = missed.length
        ? new Set((await sql.query<{ key: string }>(`SELECT key FROM processed_update WHERE key = ANY($1::text[])`, [missed.map((p) => p.row.key)])).map((r) => r.key))
        : new Set<string>();
      batch.forEach((p, i) => p.resolve(applied.has(i) ? "applied" : seen.has(p.row.key) ? "duplicate" : "conflict"));
    } catch (e) {
      // A deadlock with a statement of another kind (not a batch: those lock in order) aborted this one,
      // which therefore changed nothing: once more, rather than telling everyone in it that it failed.
      if (attempt === 0 && (e as { code?: unknown }).code === DEADLOCK_DETECTED) return run(batch, 1);
      for (const p of batch) p.reject(e);
    }
  }

  async function single(r: StepRow): Promise<StepOutcome> {
    const rows = await sql.query<{ applied: number }>(SINGLE_SQL, [
      r.key, JSON.stringify(r.state), r.status, r.locale, r.id, r.ver, r.item, r.element, r.score, r.choice, r.txt, r.skipped, r.at,
    ]);
    if (rows[0]?.applied === 1) return "applied";
    const seen = await sql.query(`SELECT 1 FROM processed_update WHERE key = $1`, [r.key]);
    return seen.length > 0 ? "duplicate" : "conflict";
  }

  function pump(): void {
    while (inflight < opts.concurrency && queue.length > 0) {
      const batch = takeBatch();
      inflight++;
      void run(batch).finally(() => {
        inflight--;
        pump();
      });
    }
  }

  return {
    write(row: StepRow): Promise<StepOutcome> {
      return new Promise<StepOutcome>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        // PGlite runs a statement synchronously on this thread, so nothing else can arrive while it runs:
        // wait for the end of this turn of the event loop, so every step that is ready joins the batch.
        if (!scheduled) {
          scheduled = true;
          const go = () => {
            scheduled = false;
            pump();
          };
          if (opts.gatherMs) setTimeout(go, opts.gatherMs);
          else setImmediate(go);
        }
      });
    },
  };
}
