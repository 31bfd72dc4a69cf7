// bench/bulk-import: a centre's daily export of 10,000 finished dossiers (2 % broken rows), imported as
// CSV and as XLSX into a fresh database, then the CSV again (every row already there). Prints the time of
// each and the rows per second. The tests check what an import does; this measures how fast.
//   npm run bench:bulk-import          (DATABASE_URL=postgresql://… to run on a PostgreSQL server)
import { createBulkImporter } from "../src/invitations/bulk/import.ts";
import { csvToItems, recordsToItems } from "../src/invitations/bulk/dossier-file.ts";
import type { BulkItem } from "../src/invitations/bulk/validate.ts";
import { readXlsx } from "../src/invitations/bulk/xlsx.ts";
import { silentLogger } from "../src/logger.ts";
import { createAgencyStore } from "../src/store/agencies.ts";
import { openDatabase, type Database } from "../src/store/database.ts";
import { createBulkInvitationStore } from "../src/store/invitations-bulk.ts";
import { generateRows, toCsv, toXlsx } from "../test/helpers/dossier-rows.ts";
import { createScratchDatabase } from "./lib/scratch-database.ts";

const N = Number(process.env.BENCH_ROWS ?? 10_000);
const OPTS = { refName: (line: number) => `line ${line}` };

function importer(db: Database) {
  return createBulkImporter({
    agencies: createAgencyStore(db),
    invitations: createBulkInvitationStore(db),
    logger: silentLogger(),
    now: () => new Date("2026-11-27T03:00:00Z"),
    timeZone: "Asia/Ho_Chi_Minh",
    ttlDays: 14,
    telegramUsername: () => "hailong_bot",
  });
}

async function timed(label: string, rows: number, fn: () => Promise<{ counts: Record<string, number> }>): Promise<void> {
  const t0 = performance.now();
  const report = await fn();
  const s = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(34)} ${s.toFixed(2).padStart(6)} s  ${Math.round(rows / s).toLocaleString("en").padStart(7)} rows/s  ${JSON.stringify(report.counts)}`);
}

async function withScratch(fn: (db: Database) => Promise<void>): Promise<string> {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL);
  const db = await openDatabase({ databaseUrl: scratch.env.DATABASE_URL, dataDir: scratch.env.HAILONG_DATA_DIR! });
  try {
    await fn(db);
  } finally {
    await db.close();
    await scratch.dispose();
  }
  return scratch.kind;
}

const data = generateRows(N);
const csv = Buffer.from(toCsv(data.rows), "utf8");
const xlsx = await toXlsx(data.rows);
const itemsOf = (file: ReturnType<typeof csvToItems>): BulkItem[] => {
  if (!file.ok) throw new Error(file.fileErrors.join("; "));
  return file.items;
};

const kind = await withScratch(async (db) => {
  await timed("CSV, first import (parse + write)", N, () => importer(db).importDossiers(itemsOf(csvToItems(csv)), OPTS));
  await timed("CSV, re-import (all existing)", N, () => importer(db).importDossiers(itemsOf(csvToItems(csv)), OPTS));
});
await withScratch(async (db) => {
  await timed("XLSX, first import (parse + write)", N, async () => importer(db).importDossiers(itemsOf(recordsToItems(await readXlsx(xlsx))), OPTS));
});
console.log(`bench/bulk-import: ${N.toLocaleString("en")} rows (${data.broken.size} broken) on ${kind}; node ${process.version}`);
