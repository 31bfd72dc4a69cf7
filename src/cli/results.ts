// `hailong results`: the registry of official published results (PAR INDEX, SIPAS…).
//   results import FILE.csv   validate and load a file (per-row report; nothing written if a row is wrong)
//   results show --index SIPAS --year 2021 [--unit CODE] [--locale vi|en]
//   results seed              load the results shipped with hailong
import fs from "node:fs";
import { ensureReference, importResultsCsv } from "../results/import.ts";
import { OFFICIAL_INDICES } from "../results/indices.ts";
import { seedOfficialResults } from "../results/seed.ts";
import { compareWithPreviousYear, describeResult, resultDetails } from "../results/show.ts";
import { OFFICIAL_UNITS, unitResolver } from "../results/units.ts";
import { RESULT_COLUMNS } from "../results/validate.ts";
import { createOfficialResultsStore } from "../store/official-results.ts";
import { isLocale } from "../i18n.ts";
import { ArgumentError, parseFlags } from "./flags.ts";
import { operatorPath, withDatabase, type CliContext, type Command } from "./command.ts";

const usage = `hailong results import FILE.csv
       hailong results show --index SIPAS|PAR_INDEX|SIPAS_ACCESS|… --year YYYY [--unit CODE] [--locale vi|en]
       hailong results seed

CSV columns: ${RESULT_COLUMNS.join(",")}
(index, unit, year, source_url required; any order. value in percent with at most 2 decimals; rank with of,
e.g. 31 and 63; group A/B/C for PAR_INDEX; unit = GSO code, slug or name. What the source states about the
year before: value_change as printed (+3.1, -0.49) or only up/down/same, rank_change in places (+8, -5);
sample_size and sample_frame (400 of 3,366); subindices_up/_down with subindices_basis score|score_and_rank
when the source counts the parts without naming them; highest_since YYYY or start. A whole table (all 63
provinces) is checked: a rank the values do not allow is reported as a warning with its line.)`;

function argumentError(ctx: CliContext, message: string): number {
  ctx.err(`hailong results: ${message}`);
  ctx.err(`usage: ${usage}`);
  return 2;
}

async function runImport(args: string[], ctx: CliContext): Promise<number> {
  const { positional } = parseFlags(args, []);
  if (positional.length !== 1) return argumentError(ctx, "import needs exactly one FILE.csv");
  const file = positional[0] as string;
  let text: string;
  try {
    text = fs.readFileSync(operatorPath(ctx, file), "utf8");
  } catch (e) {
    ctx.err(`hailong results: cannot read ${file}: ${(e as Error).message}`);
    return 1;
  }
  return withDatabase(ctx, async (db) => {
    const report = await importResultsCsv(db, text);
    for (const e of report.fileErrors) ctx.err(`${file}: ${e}`);
    for (const w of report.warnings) ctx.err(`${file}${w.line === null ? "" : `:${w.line}`}: warning: ${w.message}`);
    for (const l of report.lines) {
      if (l.outcome === "error") ctx.err(`${file}:${l.line}: error: ${(l.errors ?? []).join("; ")}`);
      else if (report.ok) ctx.out(`${file}:${l.line}: ${l.outcome} ${l.label}`);
      else ctx.out(`${file}:${l.line}: ok ${l.label} (not imported: the file has errors)`);
    }
    const c = report.counts;
    const warned = report.warnings.length ? ` ${report.warnings.length} warning(s): check those lines against the source.` : "";
    if (report.ok) ctx.out(`${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged.${warned}`);
    else ctx.err(`Nothing imported: ${c.error} row(s) with errors${report.fileErrors.length ? " and file errors" : ""}.`);
    return report.ok ? 0 : 1;
  });
}

async function runShow(args: string[], ctx: CliContext): Promise<number> {
  const { positional, options } = parseFlags(args, ["index", "year", "unit", "locale"]);
  if (positional.length) return argumentError(ctx, `unexpected argument "${positional[0]}"`);
  const indexCode = (options.index ?? "").toUpperCase().replace(/ /g, "_");
  if (!indexCode) return argumentError(ctx, "--index is required");
  const index = OFFICIAL_INDICES.find((i) => i.code === indexCode);
  if (!index) return argumentError(ctx, `unknown index "${options.index}"`);
  if (!options.year || !/^\d{4}$/.test(options.year)) return argumentError(ctx, "--year YYYY is required");
  const locale = options.locale ?? "vi";
  if (!isLocale(locale)) return argumentError(ctx, "--locale must be vi or en");
  const year = Number(options.year);
  let unitCode: string | undefined;
  return withDatabase(ctx, async (db) => {
    await ensureReference(db);
    const store = createOfficialResultsStore(db);
    if (options.unit !== undefined) {
      const unit = unitResolver(await store.listUnits())(options.unit) ?? unitResolver(OFFICIAL_UNITS)(options.unit);
      if (!unit) return argumentError(ctx, `unknown unit "${options.unit}"`);
      unitCode = unit.code;
    }
    const rows = await store.find({ indexCode, years: [year - 1, year], unitCode });
    const shown = compareWithPreviousYear(
      rows.filter((r) => r.year === year),
      rows.filter((r) => r.year === year - 1),
      index,
    );
    if (shown.length === 0) {
      ctx.err(locale === "vi" ? `Chưa có kết quả ${indexCode} năm ${year}${unitCode ? ` cho ${unitCode}` : ""}.` : `No ${indexCode} results for ${year}${unitCode ? ` for ${unitCode}` : ""}.`);
      return 1;
    }
    for (const s of shown) ctx.out(describeResult(s, locale));
    if (unitCode) {
      for (const s of shown) {
        for (const line of resultDetails(s.result, locale)) ctx.out(`  ${line}`);
        ctx.out(`  ${locale === "vi" ? "Nguồn" : "Source"}: ${s.result.sourceUrl}`);
      }
    }
    return 0;
  });
}

async function runSeed(args: string[], ctx: CliContext): Promise<number> {
  const { positional } = parseFlags(args, []);
  if (positional.length) return argumentError(ctx, `unexpected argument "${positional[0]}"`);
  return withDatabase(ctx, async (db) => {
    const reports = await seedOfficialResults(db);
    const sum = (k: "created" | "updated" | "unchanged") => reports.reduce((s, r) => s + r.counts[k], 0);
    ctx.out(`Seed: ${sum("created")} created, ${sum("updated")} updated, ${sum("unchanged")} unchanged.`);
    return 0;
  });
}

export const resultsCommand: Command = {
  summary: "official published results (PAR INDEX, SIPAS): import, show, seed",
  usage,
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    try {
      switch (sub) {
        case "import":
          return await runImport(rest, ctx);
        case "show":
          return await runShow(rest, ctx);
        case "seed":
          return await runSeed(rest, ctx);
        default:
          return argumentError(ctx, sub ? `unknown sub-command "${sub}"` : "a sub-command is required");
      }
    } catch (e) {
      if (e instanceof ArgumentError) return argumentError(ctx, e.message);
      throw e;
    }
  },
};
