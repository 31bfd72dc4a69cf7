// The integration API's response shapes as zod schemas, for the OpenAPI document. Requests are described
// by the schemas the routes validate with (dossier-payload.ts, options.ts); responses are built by code
// whose types zod cannot see, so they are stated here and checked against real responses by the tests.
import { z } from "zod";

export const errorBody = z.looseObject({
  error: z.string().meta({ description: "A stable code: invalid_json, validation, unauthorized, too_large, too_many_items, unknown_agency, not_found, internal." }),
  message: z.string().meta({ description: "What went wrong and what to do, in English." }),
  field: z.string().optional().meta({ description: "The field (or query parameter) the error is about." }),
  issues: z.array(z.looseObject({ field: z.string(), message: z.string() })).optional(),
});

export const deliveryView = z.object({
  channel: z.enum(["telegram-link", "zns", "zalo-message", "none"]),
  status: z.enum(["sent", "failed", "skipped", "pending"]),
  reason: z.string(),
});

export const invitationView = z.object({
  token: z.string().meta({ description: "The invitation's random token (never the dossier code)." }),
  telegramUrl: z.string().nullable().meta({ description: "The bot's deep link; null while Telegram is off or its username unknown." }),
  expiresAt: z.iso.datetime(),
  delivery: deliveryView.meta({ description: "Which channel the invitation went out by, or why it did not." }),
});

const fieldError = z.object({ field: z.string(), reason: z.string() });

export const batchReport = z.object({
  counts: z.object({ created: z.int().min(0), existing: z.int().min(0), error: z.int().min(0) }),
  results: z.array(
    z.discriminatedUnion("outcome", [
      z.object({
        index: z.int().min(0),
        outcome: z.enum(["created", "existing"]),
        dossierCode: z.string(),
        token: z.string(),
        telegramUrl: z.string().nullable(),
        expiresAt: z.iso.datetime(),
        delivery: deliveryView.optional(),
      }),
      z.object({ index: z.int().min(0), outcome: z.literal("error"), dossierCode: z.string().optional(), errors: z.array(fieldError).min(1) }),
    ]),
  ),
});

const nullableNumber = z.number().nullable();
const trend = z
  .looseObject({
    previous: nullableNumber,
    previousN: z.int(),
    change: nullableNumber,
    low: nullableNumber,
    high: nullableNumber,
    significant: z.boolean(),
    sufficient: z.boolean(),
    direction: z.enum(["up", "down", "same"]).nullable(),
  })
  .nullable();
const estimate = {
  value: nullableNumber.meta({ description: "Percent of answers 4 or 5, 2 decimals; null without answers." }),
  low: nullableNumber,
  high: nullableNumber,
  n: z.int(),
  sufficient: z.boolean().meta({ description: "n reaches the minimum (min-n); below it the figure is indicative only." }),
  trend,
};
const item = z.looseObject({
  itemId: z.string(),
  element: z.string().nullable(),
  ...estimate,
  mean: nullableNumber,
  counts: z.array(z.int()).length(5).meta({ description: "Answers 1, 2, 3, 4 and 5." }),
});
const period = z.object({ label: z.string(), kind: z.string(), from: z.iso.date(), to: z.iso.date(), timeZone: z.string() });

export const indicesReport = z.object({
  period,
  previous: period,
  by: z.enum(["agency", "procedure", "channel", "element"]),
  filters: z.looseObject({}),
  method: z.object({ minN: z.int(), confidence: z.literal(95), resamples: z.int(), seed: z.int() }),
  groups: z.array(
    z.looseObject({
      key: z.string(),
      name: z.object({ vi: z.string(), en: z.string() }).nullable(),
      parent: z.string().nullable(),
      depth: z.int(),
      n: z.int(),
      previousN: z.int(),
      responseRate: z
        .looseObject({ invited: z.int(), delivered: z.int(), started: z.int(), completed: z.int(), rate: nullableNumber })
        .nullable(),
      rank: z.int().nullable(),
      rankOf: z.int().nullable(),
      overall: z.looseObject(estimate),
      elements: z.array(z.looseObject({ element: z.string(), items: z.int(), ...estimate })),
      items: z.array(item),
      overallItem: item.nullable(),
    }),
  ),
});

/** Requests as a centre's system would send them; the tests validate each against the route's own schema. */
export const EXAMPLES = {
  dossier: {
    dossierCode: "000.00.20.H33-261127-0001",
    agencyCode: "LSN-TTPVHCC",
    agencyName: "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn",
    procedureName: "Cấp giấy phép xây dựng",
    completedAt: "2026-11-27T09:30:00+07:00",
  },
  dossierWithContact: {
    dossierCode: "000.00.20.H33-261127-0002",
    agencyCode: "LSN-TTPVHCC",
    procedureCode: "1.009994",
    completedAt: "2026-11-27",
    locale: "en",
    contact: { zaloUserId: "4155713472349261000", phone: "0912345678" },
  },
  indices: { period: "2026-Q4", agency: "LSN-TTPVHCC", by: "element", format: "json" },
  indicesRange: { from: "2026-11-01", to: "2026-11-30" },
} as const;
