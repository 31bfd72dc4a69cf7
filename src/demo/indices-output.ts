// The week's indices, computed and rendered by the same code as `hailong indices --period … --by agency`:
// the table in Vietnamese and in English, and the JSON of the HTTP API.
import { computeIndices } from "../reports/indices-service.ts";
import { reportToJson } from "../indices/json.ts";
import { parseIndicesQuery } from "../indices/options.ts";
import { reportToTable } from "../indices/table.ts";
import type { IndicesReport } from "../indices/types.ts";
import type { Database } from "../store/database.ts";
import type { OutputWriter } from "./output-files.ts";

export async function writeIndices(db: Database, o: { period: string; timeZone: string; minN: number }, out: OutputWriter): Promise<IndicesReport> {
  const query = parseIndicesQuery({ period: o.period, by: "agency" }, { timeZone: o.timeZone, minN: o.minN, format: "table" });
  const report = await computeIndices(db, query);
  out.text("indices.vi.txt", reportToTable(report, "vi"), "indices table (Vietnamese)");
  out.text("indices.en.txt", reportToTable(report, "en"), "indices table (English)");
  out.text("indices.json", `${JSON.stringify(reportToJson(report), null, 2)}\n`, "indices as JSON (as GET /api/v1/indices returns them)");
  return report;
}
