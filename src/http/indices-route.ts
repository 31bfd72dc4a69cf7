// GET /api/v1/indices (mounted by the app behind the API-key middleware): the same options as
// `hailong indices`, as query parameters; JSON by default, CSV on request. This is the internal API:
// figures below the minimum n are included and flagged `sufficient: false`.
import { Hono } from "hono";
import type { Config } from "../config.ts";
import { isAppError } from "../errors.ts";
import { reportToCsv } from "../indices/csv.ts";
import { computeIndices } from "../reports/indices-service.ts";
import { reportToJson } from "../indices/json.ts";
import { OPTION_NAMES, optionIssues, parseIndicesQuery, type IndicesQuery } from "../indices/options.ts";
import type { SlicePace } from "../indices/slices.ts";
import { reportToTable } from "../indices/table.ts";
import type { Logger } from "../logger.ts";
import type { Database } from "../store/database.ts";
import { requestLogger } from "./request-log.ts";

export interface IndicesRouteDeps {
  db: Database;
  config: Config;
  logger: Logger;
  /** How the computation shares the event loop (tests step its clock); the default suits the service. */
  pace?: SlicePace;
}

export function createIndicesRoutes(deps: IndicesRouteDeps): Hono {
  const app = new Hono();
  app.get("/", async (c) => {
    const url = new URL(c.req.url);
    // No prototype: a parameter named "constructor" or "__proto__" is just an unknown option.
    const raw: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of url.searchParams) {
      if (Object.hasOwn(raw, k)) {
        const issues = [{ field: k, message: "given twice" }];
        return c.json({ error: "validation", message: `parameter "${k}" given twice`, field: k, issues, options: OPTION_NAMES }, 422);
      }
      raw[k] = v;
    }
    let query: IndicesQuery;
    try {
      query = parseIndicesQuery(raw, { timeZone: deps.config.timeZone, minN: deps.config.minN, format: "json" });
    } catch (e) {
      if (isAppError(e, "validation")) {
        const issues = optionIssues(e);
        return c.json({ error: "validation", message: e.message, field: issues[0]?.field, issues, options: OPTION_NAMES }, 422);
      }
      throw e;
    }
    try {
      const started = performance.now();
      const report = await computeIndices(deps.db, query, deps.pace);
      requestLogger(c, deps.logger).debug({ period: query.period.label, by: query.by, groups: report.groups.length, ms: Math.round(performance.now() - started) }, "indices computed");
      if (query.format === "csv") {
        return c.body(reportToCsv(report), 200, { "content-type": "text/csv; charset=utf-8" });
      }
      if (query.format === "table") {
        return c.body(reportToTable(report, query.locale), 200, { "content-type": "text/plain; charset=utf-8" });
      }
      return c.json(reportToJson(report));
    } catch (e) {
      if (isAppError(e, "unknown_agency")) return c.json({ error: "not_found", message: e.message }, 404);
      throw e;
    }
  });
  return app;
}
