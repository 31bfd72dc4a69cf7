// `hailong indices`: the SIPAS-style report for a period, as a table, JSON or CSV.
import { AppError, isAppError } from "../errors.ts";
import { computeIndices } from "../reports/indices-service.ts";
import { reportToCsv } from "../indices/csv.ts";
import { reportToJson } from "../indices/json.ts";
import { OPTION_NAMES, parseIndicesQuery, type IndicesQuery } from "../indices/options.ts";
import { reportToTable } from "../indices/table.ts";
import { ArgumentError, parseFlags } from "./flags.ts";
import type { Command } from "./command.ts";

const usage = `hailong indices (--period 2026-Q4|2026-11|2026-W48 | --from YYYY-MM-DD --to YYYY-MM-DD)
                [--agency CODE] [--by agency|procedure|channel|element] [--format table|json|csv]
                [--procedure CODE] [--channel telegram|zalo] [--questionnaire ID]
                [--locale vi|en] [--min-n N] [--resamples N] [--seed N]

Satisfaction indices by the SIPAS method: share of answers 4–5 per item with a 95 % Wilson interval,
element indices and the overall index with bootstrap intervals, the change against the previous period
of the same length (▲/▼ when significant), and the rank among sibling agencies. Periods are calendar days
in TZ_DISPLAY; --from/--to are inclusive. Figures below --min-n respondents (default HAILONG_MIN_N) are
marked * (insufficient data).`;

export const indicesCommand: Command = {
  summary: "SIPAS-style satisfaction indices with intervals, trends and ranks",
  usage,
  async run(argv, ctx) {
    let query: IndicesQuery;
    try {
      const { positional, options } = parseFlags(argv, OPTION_NAMES);
      if (positional.length > 0) throw new ArgumentError(`unexpected argument "${positional[0]}"`);
      query = parseIndicesQuery(options, { timeZone: ctx.config.timeZone, minN: ctx.config.minN, format: "table" });
    } catch (e) {
      if (e instanceof ArgumentError || isAppError(e, "validation")) {
        ctx.err(`hailong indices: ${(e as Error).message}`);
        ctx.err(`usage: ${usage}`);
        return 2;
      }
      throw e;
    }
    const db = await ctx.openDatabase();
    try {
      const report = await computeIndices(db, query);
      if (query.format === "json") ctx.out(JSON.stringify(reportToJson(report), null, 2));
      else if (query.format === "csv") ctx.out(reportToCsv(report).trimEnd());
      else ctx.out(reportToTable(report, query.locale).trimEnd());
      return 0;
    } catch (e) {
      if (e instanceof AppError && e.code === "unknown_agency") {
        ctx.err(`hailong indices: ${e.message}`);
        return 1;
      }
      throw e;
    } finally {
      await db.close();
    }
  },
};
