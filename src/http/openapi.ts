// The OpenAPI 3.1 document of the integration API, served at GET /api/v1/openapi.json. Request schemas come
// from the zod schemas the routes validate with, so the document cannot drift from what is accepted; a test
// holds the paths to the routes the app registers, and the examples and response schemas to real calls.
import { z } from "zod";
import { dossierPayload } from "../invitations/dossier-payload.ts";
import { MAX_RESAMPLES, indicesQuerySchema } from "../indices/options.ts";
import { RECEIPT_WIDTHS } from "../invitations/qr-code.ts";
import { BATCH_BODY_LIMIT, MAX_BATCH } from "./dossiers-batch-route.ts";
import { DOSSIER_BODY_LIMIT } from "./dossiers-route.ts";
import { batchReport, errorBody, EXAMPLES, indicesReport, invitationView } from "./openapi-schemas.ts";

export const OPENAPI_PATH = "/api/v1/openapi.json";

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12, the dialect of OpenAPI 3.1, as a component (without its own $schema). */
function schemaOf(s: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(s, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema, extra: Record<string, unknown> = {}) => ({ "application/json": { schema, ...extra } });
const error = (description: string) => ({ description, content: json(ref("Error")) });

const UNAUTHORIZED = error("Missing or wrong API key (or HAILONG_API_KEYS is empty).");
const INVALID_JSON = error("The body is not UTF-8 JSON (`invalid_json`).");

const INDICES_PARAMETERS: Record<string, string> = {
  period: "A period: 2026, 2026-Q4, 2026-11 or 2026-W48 (ISO week). Give either period or from and to.",
  from: "First day, YYYY-MM-DD (with to).",
  to: "Last day, YYYY-MM-DD (with from).",
  agency: "An agency code: the report covers it and its subtree.",
  by: "How to group the figures (default agency).",
  format: "json (default), csv or table (plain text).",
  procedure: "Only this procedure code.",
  channel: "Only this channel (telegram, zalo).",
  questionnaire: "Only this questionnaire id.",
  locale: "Language of names in csv and table output.",
  "min-n": "Responses below which a figure is flagged insufficient (default HAILONG_MIN_N).",
  resamples: `Bootstrap resamples for the intervals, 1000–${MAX_RESAMPLES} (default 1000).`,
  seed: "Seed of the resampling, so a report can be reproduced exactly.",
};

function indicesParameters(): Record<string, unknown>[] {
  const shape = schemaOf(indicesQuerySchema, "input") as { properties: Record<string, JsonSchema> };
  const examples: Record<string, string> = { ...EXAMPLES.indicesRange, ...EXAMPLES.indices };
  return Object.entries(shape.properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: false,
    description: INDICES_PARAMETERS[name] ?? name,
    schema,
    ...(examples[name] !== undefined ? { example: examples[name] } : {}),
  }));
}

function qrPath(kind: "png" | "svg") {
  const type = kind === "png" ? "image/png" : "image/svg+xml";
  return {
    get: {
      operationId: `invitationQr${kind === "png" ? "Png" : "Svg"}`,
      summary: `The receipt label of an invitation as ${kind.toUpperCase()}: a QR code of its landing page, the agency's name and "Quét để đánh giá / Scan to rate".`,
      tags: ["invitations"],
      parameters: [
        { name: "token", in: "path", required: true, schema: { type: "string" }, description: "The invitation's token." },
        {
          name: "size",
          in: "query",
          required: false,
          schema: { type: "string", enum: Object.keys(RECEIPT_WIDTHS), default: "58" },
          description: "Receipt paper width in mm (58: 384 dots, 80: 576 dots).",
        },
      ],
      responses: {
        "200": { description: "The label.", content: { [type]: { schema: { type: "string", ...(kind === "png" ? { contentMediaType: type } : {}) } } } },
        "401": UNAUTHORIZED,
        "404": error("No invitation has this token."),
        "422": error("size is not 58 or 80."),
      },
    },
  };
}

/** The document; publicBaseUrl becomes its server, so "try it" tools call this installation. */
export function createOpenApiDocument(opts: { publicBaseUrl: string }): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "hailong integration API",
      version: "1",
      description:
        "For a centre's one-stop system: report finished dossiers (each becomes a survey invitation for the citizen), print receipt QR codes, read satisfaction indices. Every call but this document needs `Authorization: Bearer <key>` (HAILONG_API_KEYS). Every write is idempotent per dossierCode: repeat a call whose answer was lost.",
    },
    servers: [{ url: opts.publicBaseUrl }],
    security: [{ bearer: [] }],
    tags: [
      { name: "dossiers", description: "Finished dossiers → invitations." },
      { name: "invitations", description: "Receipt labels." },
      { name: "indices", description: "Satisfaction indices (SIPAS method)." },
    ],
    paths: {
      "/api/v1/dossiers": {
        post: {
          operationId: "createDossier",
          summary: "Report a finished dossier; get its invitation (sent over Zalo when a contact is given).",
          tags: ["dossiers"],
          requestBody: {
            required: true,
            description: `JSON, at most ${DOSSIER_BODY_LIMIT} bytes.`,
            content: json(ref("DossierPayload"), {
              examples: { minimal: { value: EXAMPLES.dossier }, withContact: { value: EXAMPLES.dossierWithContact } },
            }),
          },
          responses: {
            "201": { description: "A new invitation.", content: json(ref("Invitation")) },
            "200": { description: "This dossierCode was reported before: the same invitation, nothing sent twice.", content: json(ref("Invitation")) },
            "400": INVALID_JSON,
            "401": UNAUTHORIZED,
            "413": error("The body is over the size limit (`too_large`)."),
            "422": error("Invalid fields (`validation`, naming them in issues), or an unknown agencyCode without agencyName (`unknown_agency`)."),
          },
        },
      },
      "/api/v1/dossiers:batch": {
        post: {
          operationId: "createDossiers",
          summary: `Report up to ${MAX_BATCH} finished dossiers at once; each item is answered on its own. Invitations are not sent over Zalo from a batch.`,
          tags: ["dossiers"],
          requestBody: {
            required: true,
            description: `JSON, at most ${BATCH_BODY_LIMIT} bytes.`,
            content: json(
              {
                type: "object",
                required: ["dossiers"],
                properties: { dossiers: { type: "array", minItems: 1, maxItems: MAX_BATCH, items: ref("DossierPayload") } },
              },
              { examples: { twoDossiers: { value: { dossiers: [EXAMPLES.dossier, EXAMPLES.dossierWithContact] } } } },
            ),
          },
          responses: {
            "200": { description: "Every item was created or already existed.", content: json(ref("BatchReport")) },
            "207": { description: "Some items have errors: read counts.error or each result's outcome.", content: json(ref("BatchReport")) },
            "400": INVALID_JSON,
            "401": UNAUTHORIZED,
            "413": error(`More than ${MAX_BATCH} items (\`too_many_items\`) or a body over the size limit.`),
            "422": error("No dossiers array, or an empty one."),
          },
        },
      },
      "/api/v1/indices": {
        get: {
          operationId: "getIndices",
          summary: "Satisfaction indices per agency, procedure, channel or element, with 95 % intervals, trends and response rates.",
          tags: ["indices"],
          parameters: indicesParameters(),
          responses: {
            "200": {
              description: "The report (JSON by default; format=csv or format=table for text).",
              content: {
                ...json(ref("IndicesReport")),
                "text/csv": { schema: { type: "string" } },
                "text/plain": { schema: { type: "string" } },
              },
            },
            "401": UNAUTHORIZED,
            "404": error("The agency is unknown."),
            "422": error("An unknown, repeated or invalid parameter (`validation`: field, issues, options)."),
          },
        },
      },
      "/api/v1/invitations/{token}/qr.png": qrPath("png"),
      "/api/v1/invitations/{token}/qr.svg": qrPath("svg"),
      [OPENAPI_PATH]: {
        get: {
          operationId: "getOpenApi",
          summary: "This document (no key needed).",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1.", content: json({ type: "object" }) } },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "One of HAILONG_API_KEYS." } },
      schemas: {
        DossierPayload: {
          ...schemaOf(dossierPayload, "input"),
          description:
            "completedAt: ISO date or date-time (a bare date is midnight in Asia/Ho_Chi_Minh), years 2000–2100. Names are one line: no control characters. contact: zaloUserId or phone (or both) to invite over Zalo.",
        },
        Invitation: schemaOf(invitationView, "output"),
        BatchReport: schemaOf(batchReport, "output"),
        IndicesReport: schemaOf(indicesReport, "output"),
        Error: schemaOf(errorBody, "output"),
      },
    },
  };
}
