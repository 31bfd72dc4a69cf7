// bench/indices: 1,000,000 answers across 200 agencies (province → 19 districts → 180 communes) over one
// year on the embedded default. Prints the full-quarter report time (all agencies, all elements,
// intervals and trend), the equivalent raw SQL aggregate through the driver in the same run, and the
// bootstrap/computation time on its own. The measurements are interleaved (raw, report, database part,
// computation; RUNS times) so that a change in the machine's load affects all of them alike; medians.
//   npm run bench:indices            (HAILONG_BENCH_DATABASE_URL=postgresql://… to run on PostgreSQL)
// The pure part alone, on the same shape of data made in memory (no database, seconds):
//   npm run bench:indices-compute
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfig } from "../src/config.ts";
import { computeIndices, indicesFromData, loadIndicesDataFor } from "../src/reports/indices-service.ts";
import { parseIndicesQuery } from "../src/indices/options.ts";
import { openDatabase, type Database } from "../src/store/database.ts";

const TARGET_ANSWERS = 1_000_000;
const ITEMS: [string, string | null][] = [
  ["access", "access"],
  ["procedures", "procedures"],
  ["civil_servants", "civil_servants"],
  ["results", "results"],
  ["feedback", "feedback"],
  ["overall", null],
  ["improve", null],
];
const RESPONSES = Math.ceil(TARGET_ANSWERS / ITEMS.length);
const RUNS = 7;

/** Bulk-loads the benchmark data set with INSERT … SELECT over generate_series (no row-by-row inserts). */
export async function load(db: Database): Promise<number> {
  await db.sql.exec(`
    INSERT INTO agency (code, name_vi, name_en) VALUES ('P', 'Tỉnh thử nghiệm', 'Test province');
    INSERT INTO agency (code, name_vi, name_en, parent_id)
      SELECT 'D' || lpad(d::text, 2, '0'), 'Huyện ' || d, 'District ' || d, (SELECT id FROM agency WHERE code = 'P') FROM generate_series(1, 19) d;
    INSERT INTO agency (code, name_vi, name_en, parent_id)
      SELECT 'C' || lpad(c::text, 3, '0'), 'Xã ' || c, 'Commune ' || c,
             (SELECT id FROM agency WHERE code = 'D' || lpad((1 + (c - 1) / 10)::text, 2, '0'))
      FROM generate_series(1, 180) c;`);
  const [first] = await db.sql.query<{ id: number }>(`SELECT min(id) AS id FROM agency WHERE code LIKE 'C%'`);
  const c0 = Number(first?.id);
  // Responses spread evenly over 2026 in Hà Nội time; each commune has its own satisfaction level. Like a
  // survey, a response is answered while active and completed afterwards, so the response_summary triggers
  // do the work they do in production once per response (not once per answer).
  await db.sql.query(`SELECT setseed(0.2026)`);
  await db.sql.query(
    `INSERT INTO response (id, agency_id, channel, locale, questionnaire_id, questionnaire_version, status, state, started_at, updated_at, completed_at)
     SELECT 'b' || g, $1::int + (g % 180), CASE WHEN g % 3 = 0 THEN 'zalo' ELSE 'telegram' END, 'vi', 'sipas-short', 1, 'active', '{}'::jsonb,
            ts, ts, ts
     FROM (SELECT g, timestamp '2025-12-31 17:00' + (g::double precision / $2) * interval '365 days' AS ts FROM generate_series(0, $2::int - 1) g) s`,
    [c0, RESPONSES],
  );
  const items = ITEMS.map(([id, el]) => `('${id}', ${el === null ? "NULL" : `'${el}'`})`).join(", ");
  await db.sql.query(
    `INSERT INTO answer (response_id, item_id, element, score, choice, skipped)
     SELECT id, item_id, element,
            CASE WHEN item_id = 'improve' OR skip THEN NULL
                 WHEN random() < 0.55 + 0.4 * ((agency_id * 37) % 100) / 100.0 THEN 4 + (random() < 0.5)::int
                 ELSE 1 + floor(random() * 3)::int END,
            CASE WHEN item_id = 'improve' THEN 'attitude' END,
            skip
     FROM (SELECT r.id, r.agency_id, it.item_id, it.element, (it.item_id = 'feedback' AND random() < 0.3) AS skip
           FROM response r CROSS JOIN (VALUES ${items}) AS it(item_id, element)) s`,
  );
  await db.sql.query(`UPDATE response SET status = 'completed'`);
  await db.sql.exec("ANALYZE");
  const [count] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM answer`);
  return Number(count?.n);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/**
 * Runs each measurement once to warm up (JIT, caches, PGlite buffers), then RUNS rounds, interleaved. Wall
 * time, and this process's CPU time (user + system): for the pure computation the latter is what a busy
 * machine distorts least (on PostgreSQL it leaves out the server's work, so it is shown for that part only).
 */
async function timeInterleaved(fns: Record<string, () => Promise<unknown>>): Promise<{ wall: Record<string, number[]>; cpu: Record<string, number[]> }> {
  const wall: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  for (const [name, fn] of Object.entries(fns)) {
    await fn();
    wall[name] = [];
    cpu[name] = [];
  }
  for (let i = 0; i < RUNS; i++) {
    for (const [name, fn] of Object.entries(fns)) {
      const c = process.cpuUsage();
      const t = performance.now();
      await fn();
      wall[name]?.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu[name]?.push((used.user + used.system) / 1000);
    }
  }
  return { wall, cpu };
}

async function main(): Promise<void> {
  const url = process.env.HAILONG_BENCH_DATABASE_URL;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hailong-bench-indices-"));
  const db = await openDatabase(url ? { databaseUrl: url, dataDir } : { dataDir });
  try {
    if (url) {
      const [{ n } = { n: 0 }] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM response`);
      if (Number(n) > 0) throw new Error("HAILONG_BENCH_DATABASE_URL must point at an empty database");
    }
    console.log(`database: ${db.kind}; cpus: ${os.cpus().length}; node ${process.version}`);
    const t = performance.now();
    const answers = await load(db);
    console.log(`loaded ${answers.toLocaleString("en")} answers (${RESPONSES.toLocaleString("en")} responses, 200 agencies, 2026) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const config = loadConfig({});
    const q = parseIndicesQuery({ period: "2026-Q4" }, { timeZone: config.timeZone, minN: config.minN, format: "json" });
    const report = await computeIndices(db, q);
    const top = report.groups[0];
    console.log(
      `report ${q.period.label} vs ${q.previous.label}: ${report.groups.length} agencies; province n=${top?.responses}, overall ${top?.overall.value?.toFixed(2)} [${top?.overall.low?.toFixed(2)}, ${top?.overall.high?.toFixed(2)}], ${report.resamples} resamples`,
    );

    // The same aggregate written by hand: answers per period × agency × item × score for both quarters,
    // the selection the report applies (completed, in the two quarters, scored and not skipped) and the
    // counts it needs. It is the report's own count statement; the report's extra database work is the
    // agency list and the respondent patterns read from response_summary.
    const window = [q.previous.from, q.period.from, q.period.to].map((d) => d.toISOString().replace("T", " ").replace("Z", ""));
    const raw = () =>
      db.sql.query(
        `SELECT (r.completed_at >= $2::timestamp)::int AS cur, r.agency_id, a.item_id, a.element, a.score, count(*)::int AS c
         FROM response r JOIN answer a ON a.response_id = r.id
         WHERE r.status = 'completed' AND r.completed_at >= $1::timestamp AND r.completed_at < $3::timestamp
           AND a.score BETWEEN 1 AND 5 AND NOT a.skipped
         GROUP BY 1, 2, 3, 4, 5`,
        window,
      );
    const data = await loadIndicesDataFor(db, q);
    const { wall: times, cpu } = await timeInterleaved({
      raw,
      full: () => computeIndices(db, q),
      load: () => loadIndicesDataFor(db, q),
      compute: async () => indicesFromData(q, data),
    });

    const ms = (x: number) => `${x.toFixed(0)} ms`;
    const runs = (xs: number[] | undefined) => (xs ?? []).map(ms).join(", ");
    const raw50 = median(times.raw ?? []);
    const full50 = median(times.full ?? []);
    const load50 = median(times.load ?? []);
    const comp50 = median(times.compute ?? []);
    console.log(`load average (1, 5, 15 min): ${os.loadavg().map((x) => x.toFixed(2)).join(", ")}`);
    console.log(`raw SQL aggregate through the driver:        ${ms(raw50)}   (runs: ${runs(times.raw)})`);
    console.log(`full quarter report (queries + computation): ${ms(full50)}   = ${(full50 / raw50).toFixed(2)} × raw   (runs: ${runs(times.full)})`);
    console.log(`  of which database aggregates:              ${ms(load50)}   = ${(load50 / raw50).toFixed(2)} × raw   (runs: ${runs(times.load)})`);
    console.log(`  of which bootstrap and the rest (pure):    ${ms(comp50)}   (runs: ${runs(times.compute)}; CPU time ${ms(median(cpu.compute ?? []))})`);
    console.log(`target: report ≤ 1.5 × raw + 300 ms = ${ms(1.5 * raw50 + 300)} → ${full50 <= 1.5 * raw50 + 300 ? "met" : "NOT met"}; database part ≤ 1.5 × raw → ${load50 <= 1.5 * raw50 ? "met" : "NOT met"}; bootstrap ≤ 300 ms → ${comp50 <= 300 ? "met" : "NOT met"}`);
  } finally {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// Runs when executed; importing the module (to reuse load()) does not.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
