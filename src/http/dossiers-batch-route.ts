// POST /api/v1/dossiers:batch — up to MAX_BATCH finished dossiers in one call, each with the item shape of
// POST /api/v1/dossiers and each answered on its own: created | existing (+ token) or error (field, reason).
// A bad item does not fail the batch. 200 when every item went in (or was already there), 207 when some
// items have errors (read `results`); 4xx only when the body as a whole is unusable.
import { Hono } from "hono";
import { z } from "zod";
import type { BulkImporter, BulkResult } from "../invitations/bulk/import.ts";
import type { Logger } from "../logger.ts";
import { readJson } from "./json-body.ts";
import { requestLogger } from "./request-log.ts";

export const MAX_BATCH = 5_000;
/** Room for MAX_BATCH items at their largest (long Vietnamese names are 2–3 bytes a character). */
export const BATCH_BODY_LIMIT = 16 * 1024 * 1024;

export const batchBody = z.object({ dossiers: z.array(z.unknown()).min(1, "send at least one dossier") });

function toJson(r: BulkResult) {
  const { ref, ...rest } = r;
  return { index: ref, ...rest };
}

export function createDossiersBatchRoute(deps: { importer: BulkImporter; logger: Logger }): Hono {
  const app = new Hono();
  app.post("/", async (c) => {
    const body = await readJson(c, batchBody, BATCH_BODY_LIMIT);
    if (!body.ok) return body.response;
    const items = body.value.dossiers;
    if (items.length > MAX_BATCH) {
      const message = `At most ${MAX_BATCH} dossiers per call; this one has ${items.length}. Split it into several calls (each is idempotent).`;
      return c.json({ error: "too_many_items", message, max: MAX_BATCH }, 413);
    }
    const report = await deps.importer.importDossiers(
      items.map((input, i) => ({ ref: i, input })),
      { refName: (i) => `dossiers[${i}]` },
    );
    requestLogger(c, deps.logger).info({ ...report.counts, items: items.length }, "dossier batch");
    return c.json({ counts: report.counts, results: report.results.map(toJson) }, report.counts.error ? 207 : 200);
  });
  return app;
}
