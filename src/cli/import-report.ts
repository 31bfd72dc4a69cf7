// Prints a registry import report the way compilers print errors (`file:line: reason`), so editors and
// terminals can jump to the line.
import fs from "node:fs";
import type { ImportReport } from "../registry/table-csv.ts";
import { operatorPath, type CliContext } from "./command.ts";

export function printImportReport(file: string, report: ImportReport, ctx: CliContext): number {
  for (const e of report.fileErrors) ctx.err(`${file}: ${e}`);
  for (const l of report.lines) {
    if (l.outcome === "error") ctx.err(`${file}:${l.line}: error: ${(l.errors ?? []).join("; ")}`);
    else if (l.outcome !== "unchanged") ctx.out(`${file}:${l.line}: ${l.outcome} ${l.code}`);
  }
  const c = report.counts;
  if (report.ok) ctx.out(`${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged.`);
  else ctx.err(`Nothing imported: ${c.error ? `${c.error} row(s) with errors` : "the file is not usable"}. Fix the file and run the import again.`);
  return report.ok ? 0 : 1;
}

export function readFileForImport(file: string, ctx: CliContext, command: string): string | undefined {
  try {
    return fs.readFileSync(operatorPath(ctx, file), "utf8");
  } catch (e) {
    ctx.err(`hailong ${command}: cannot read ${file}: ${(e as Error).message}`);
    return undefined;
  }
}
