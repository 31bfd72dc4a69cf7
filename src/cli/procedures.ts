// `hailong procedures`: the registry of administrative procedures.
//   procedures import FILE.csv              upsert from CSV (per-row report; nothing written if a row is wrong)
//   procedures list [--format table|json]
import { PROCEDURE_COLUMNS, importProceduresCsv } from "../registry/procedures-import.ts";
import { createProcedureStore } from "../store/procedures.ts";
import { subcommands, withDatabase, type CliContext, type Command } from "./command.ts";
import { ArgumentError, parseFlags } from "./flags.ts";
import { printImportReport, readFileForImport } from "./import-report.ts";

const usage = `hailong procedures import FILE.csv
       hailong procedures list [--format table|json]

CSV columns: ${[...PROCEDURE_COLUMNS.required, ...PROCEDURE_COLUMNS.optional].join(",")} (code and name_vi required;
agency_code must be an agency already imported). See examples/procedures.csv.`;

function argumentError(ctx: CliContext, message: string): number {
  ctx.err(`hailong procedures: ${message}`);
  ctx.err(`usage: ${usage}`);
  return 2;
}

async function runImport(args: string[], ctx: CliContext): Promise<number> {
  const { positional } = parseFlags(args, []);
  if (positional.length !== 1) return argumentError(ctx, "import needs exactly one FILE.csv");
  const file = positional[0] as string;
  const text = readFileForImport(file, ctx, "procedures");
  if (text === undefined) return 1;
  return withDatabase(ctx, async (db) => {
    return printImportReport(file, await importProceduresCsv(db, text), ctx);
  });
}

async function runList(args: string[], ctx: CliContext): Promise<number> {
  const { positional, options } = parseFlags(args, ["format"]);
  if (positional.length) return argumentError(ctx, `unexpected argument "${positional[0]}"`);
  const format = options.format ?? "table";
  if (format !== "table" && format !== "json") return argumentError(ctx, "--format must be table or json");
  return withDatabase(ctx, async (db) => {
    const procedures = await createProcedureStore(db).listAll();
    if (format === "json") ctx.out(JSON.stringify(procedures, null, 2));
    else if (procedures.length === 0) ctx.out("No procedures yet: hailong procedures import FILE.csv (see examples/procedures.csv).");
    else for (const p of procedures) ctx.out(`${p.code}  ${p.nameEn ? `${p.nameVi} / ${p.nameEn}` : p.nameVi}${p.agencyCode ? `  [${p.agencyCode}]` : ""}`);
    return 0;
  });
}

export const proceduresCommand: Command = {
  summary: "the procedure registry (codes, names vi/en, responsible agency): import, list",
  usage,
  run: subcommands({ import: runImport, list: runList }, argumentError, (e): e is ArgumentError => e instanceof ArgumentError),
};
