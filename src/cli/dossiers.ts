// `hailong dossiers import FILE.csv|FILE.xlsx`: finished dossiers in bulk, one invitation each.
// Reported like a compiler: `FILE:LINE: created|existing CODE TOKEN` on stdout, `FILE:LINE: error: …` on
// stderr. Good rows go in even when others are wrong (each row is all-or-nothing), and importing the
// same file again adds nothing, so the fix for a bad row is: correct the file, import it again.
import { createBulkImporter, type BulkResult } from "../invitations/bulk/import.ts";
import { columnOf, DOSSIER_COLUMNS, readDossierFile, REQUIRED_COLUMNS } from "../invitations/bulk/dossier-file.ts";
import { DATE_FORMATS } from "../invitations/bulk/local-time.ts";
import { createAgencyStore } from "../store/agencies.ts";
import { createBulkInvitationStore } from "../store/invitations-bulk.ts";
import { operatorPath, withDatabase, type CliContext, type Command } from "./command.ts";
import { ArgumentError, parseFlags } from "./flags.ts";
import { createProgress } from "./progress.ts";
import { warnIfLoopback } from "./public-url.ts";
import { landingUrl } from "../invitations/landing-url.ts";

const usage = `hailong dossiers import FILE.csv|FILE.xlsx [--quiet] [--links]

Columns (header row, any order): ${Object.keys(DOSSIER_COLUMNS).join(",")}
(${REQUIRED_COLUMNS.join(", ")} required). CSV in UTF-8, with or without BOM, ',' or ';' separated; XLSX: the first sheet.
completed_at: ${DATE_FORMATS}; without an offset the time is in TZ_DISPLAY (default Asia/Ho_Chi_Minh).
--quiet prints only errors and the summary; --links adds each invitation's link (PUBLIC_BASE_URL/i/TOKEN, the
page its QR code opens) to its line. Exit status 1 when a row has an error (the good rows are imported).
See examples/dossiers.csv and README "Bulk import of finished dossiers".`;

function argumentError(ctx: CliContext, message: string): number {
  ctx.err(`hailong dossiers: ${message}`);
  ctx.err(`usage: ${usage}`);
  return 2;
}

function describe(file: string, r: BulkResult, linkBase?: string): string {
  if (r.outcome !== "error") return `${file}:${r.ref}: ${r.outcome} ${r.dossierCode} ${r.token}${linkBase === undefined ? "" : ` ${landingUrl(linkBase, r.token)}`}`;
  const reasons = r.errors.map((e) => (e.field === "(row)" ? e.reason : `${e.field}: ${e.reason}`));
  return `${file}:${r.ref}: error: ${reasons.join("; ")}`;
}

async function runImport(args: string[], ctx: CliContext): Promise<number> {
  const { positional, options } = parseFlags(args, [], ["quiet", "links"]);
  if (positional.length !== 1) return argumentError(ctx, "import needs exactly one FILE.csv or FILE.xlsx");
  const file = positional[0] as string;
  const started = performance.now();
  const read = await readDossierFile(operatorPath(ctx, file), ctx.config.timeZone);
  if (!read.ok) {
    for (const e of read.fileErrors) ctx.err(`${file}: ${e}`);
    ctx.err("Nothing imported: the file is not usable. Fix it and run the import again.");
    return 1;
  }
  const progress = createProgress(
    // A redrawn bar only makes sense on a terminal; a log gets a line every few thousand rows instead.
    { tty: ctx.env.CI ? undefined : ctx.errTty, line: ctx.err },
    { label: "importing", total: read.items.length },
  );
  return withDatabase(ctx, async (db) => {
    const importer = createBulkImporter({
      agencies: createAgencyStore(db),
      invitations: createBulkInvitationStore(db),
      logger: ctx.logger,
      now: () => new Date(),
      timeZone: ctx.config.timeZone,
      ttlDays: ctx.config.invitationTtlDays,
      telegramUsername: () => ctx.config.telegram?.username,
    });
    const report = await importer.importDossiers(read.items, {
      refName: (line) => `line ${line}`,
      fieldName: columnOf,
      onProgress: (done) => progress.update(done),
    });
    progress.finish();
    for (const r of report.results) {
      if (r.outcome === "error") ctx.err(describe(file, r));
      else if (!options.quiet) ctx.out(describe(file, r, options.links ? ctx.config.publicBaseUrl : undefined));
    }
    const withContact = report.results.filter((r) => r.outcome !== "error" && r.delivery?.status === "skipped").length;
    if (withContact) ctx.err(`${file}: ${withContact} row(s) gave zalo_user_id/phone: not sent; bulk imports do not send over Zalo yet (hand out the link or QR code).`);
    const { created, existing, error } = report.counts;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const summary = `${file}: ${created} created, ${existing} existing, ${error} with errors (${read.items.length} rows in ${seconds} s).`;
    if (created + existing > 0) warnIfLoopback(ctx, "dossiers import");
    if (error) ctx.err(`${summary} Fix the rows reported above and import the file again: rows already in are not added twice.`);
    else ctx.out(summary);
    return error ? 1 : 0;
  });
}

export const dossiersCommand: Command = {
  summary: "finished dossiers in bulk: import FILE.csv|FILE.xlsx (one invitation each, idempotent)",
  usage,
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    try {
      if (sub === "import") return await runImport(rest, ctx);
      return argumentError(ctx, sub ? `unknown sub-command "${sub}"` : "a sub-command is required");
    } catch (e) {
      if (e instanceof ArgumentError) return argumentError(ctx, e.message);
      throw e;
    }
  },
};
