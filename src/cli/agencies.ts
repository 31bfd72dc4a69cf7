// `hailong agencies`: the registry of agencies.
//   agencies import FILE.csv               upsert from CSV (per-row report; nothing written if a row is wrong)
//   agencies list [--format table|json]    the tree, province → department → commune
import { AGENCY_COLUMNS, importAgenciesCsv } from "../registry/agencies-import.ts";
import { buildAgencyTree, renderAgencyTree } from "../registry/agency-tree.ts";
import { createAgencyStore } from "../store/agencies.ts";
import { listQuestionnaires } from "../survey/questionnaires/index.ts";
import { subcommands, withDatabase, type CliContext, type Command } from "./command.ts";
import { ArgumentError, parseFlags } from "./flags.ts";
import { printImportReport, readFileForImport } from "./import-report.ts";

const usage = `hailong agencies import FILE.csv
       hailong agencies list [--format table|json]

CSV columns: ${[...AGENCY_COLUMNS.required, ...AGENCY_COLUMNS.optional].join(",")} (code and name_vi required;
parent_code may name a row further down; questionnaire_id one of ${[...new Set(listQuestionnaires().map((q) => q.id))].join(", ")},
empty = HAILONG_DEFAULT_QUESTIONNAIRE). See examples/agencies.csv.`;

function argumentError(ctx: CliContext, message: string): number {
  ctx.err(`hailong agencies: ${message}`);
  ctx.err(`usage: ${usage}`);
  return 2;
}

async function runImport(args: string[], ctx: CliContext): Promise<number> {
  const { positional } = parseFlags(args, []);
  if (positional.length !== 1) return argumentError(ctx, "import needs exactly one FILE.csv");
  const file = positional[0] as string;
  const text = readFileForImport(file, ctx, "agencies");
  if (text === undefined) return 1;
  return withDatabase(ctx, async (db) => {
    return printImportReport(file, await importAgenciesCsv(db, text, { defaultQuestionnaire: ctx.config.defaultQuestionnaire }), ctx);
  });
}

async function runList(args: string[], ctx: CliContext): Promise<number> {
  const { positional, options } = parseFlags(args, ["format"]);
  if (positional.length) return argumentError(ctx, `unexpected argument "${positional[0]}"`);
  const format = options.format ?? "table";
  if (format !== "table" && format !== "json") return argumentError(ctx, "--format must be table or json");
  return withDatabase(ctx, async (db) => {
    const tree = buildAgencyTree(await createAgencyStore(db).listAll());
    if (format === "json") ctx.out(JSON.stringify(tree, null, 2));
    else if (tree.length === 0) ctx.out("No agencies yet: hailong agencies import FILE.csv (see examples/agencies.csv).");
    else for (const line of renderAgencyTree(tree)) ctx.out(line);
    return 0;
  });
}

export const agenciesCommand: Command = {
  summary: "the agency registry (codes, names vi/en, parents, questionnaire): import, list",
  usage,
  run: subcommands({ import: runImport, list: runList }, argumentError, (e): e is ArgumentError => e instanceof ArgumentError),
};
