// GET /api/v1/openapi.json against the service itself, on both databases: every /api/v1 route the Hono app
// registers is in the document and every documented operation is a route; the document's example requests
// pass the routes' own schemas, and sent to the service they get documented statuses with bodies that match
// the documented response schemas.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { batchBody } from "../../src/http/dossiers-batch-route.ts";
import { OPENAPI_PATH } from "../../src/http/openapi.ts";
import { batchReport, errorBody, EXAMPLES, indicesReport, invitationView } from "../../src/http/openapi-schemas.ts";
import { indicesQuerySchema, parseIndicesQuery } from "../../src/indices/options.ts";
import { dossierPayload } from "../../src/invitations/dossier-payload.ts";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { createPgDatabase, databaseKinds, tempDir } from "../helpers/databases.ts";

const KEY = "test-key-0123456789abcdef";
const BASE = "https://hailong.example.gov.vn";

interface Operation {
  parameters?: { name: string; in: string; example?: unknown; schema: unknown }[];
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}
interface Document {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

/** Hono's "/:token/qr.png" is OpenAPI's "/{token}/qr.png"; a colon inside a segment ("dossiers:batch") is literal. */
const toOpenApiPath = (honoPath: string) => honoPath.replace(/\/:([A-Za-z_][A-Za-z0-9_]*)/g, "/{$1}");

function expectShape<S extends z.ZodType>(schema: S, value: unknown): void {
  const r = schema.safeParse(value);
  expect(r.success, r.success ? "" : JSON.stringify(r.error.issues)).toBe(true);
}

describe.each(await databaseKinds())("the OpenAPI document on %s", (kind) => {
  let s: Service;
  let drop: (() => Promise<void>) | undefined;
  let doc: Document;
  beforeAll(async () => {
    const env: Record<string, string> = { HAILONG_DATA_DIR: tempDir(), HAILONG_API_KEYS: KEY, PUBLIC_BASE_URL: BASE };
    if (kind === "postgresql") {
      const pg = await createPgDatabase();
      env.DATABASE_URL = pg.url;
      drop = pg.drop;
    }
    s = await startService({ env, logger: silentLogger(), listen: false, now: () => new Date("2026-12-01T03:00:00Z") });
    const res = await s.http.request(OPENAPI_PATH);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Document;
  });
  afterAll(async () => {
    await s?.stop();
    await drop?.();
  });

  const operation = (path: string, method: string) => doc.paths[path]![method]!;
  const exampleBodies = (path: string) => Object.values(operation(path, "post").requestBody!.content["application/json"]!.examples!).map((e) => e.value);
  const call = (path: string, init: RequestInit = {}) =>
    s.http.request(path, { ...init, headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...(init.headers ?? {}) } });

  it("is OpenAPI 3.1, served without a key, for this installation", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: BASE }]);
    expect(operation(OPENAPI_PATH, "get").security).toEqual([]);
  });

  it("documents exactly the /api/v1 routes the app registers", () => {
    const registered = new Set(
      s.http.routes.filter((r) => r.method !== "ALL" && r.path.startsWith("/api/v1/")).map((r) => `${r.method} ${toOpenApiPath(r.path)}`),
    );
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    expect(registered.size).toBeGreaterThanOrEqual(6);
    expect([...documented].sort()).toEqual([...registered].sort());
  });

  it("gives example requests the routes' own schemas accept", () => {
    const dossiers = exampleBodies("/api/v1/dossiers");
    expect(dossiers.length).toBeGreaterThanOrEqual(2);
    for (const body of dossiers) expectShape(dossierPayload, body);
    for (const body of exampleBodies("/api/v1/dossiers:batch")) {
      expectShape(batchBody, body);
      for (const item of (body as { dossiers: unknown[] }).dossiers) expectShape(dossierPayload, item);
    }
    const params = operation("/api/v1/indices", "get").parameters!;
    expect(params.map((p) => p.name).sort()).toEqual(Object.keys(indicesQuerySchema.shape).sort());
    for (const p of params.filter((x) => x.example !== undefined)) expectShape(indicesQuerySchema.shape[p.name as keyof typeof indicesQuerySchema.shape], p.example);
    for (const query of [EXAMPLES.indices, EXAMPLES.indicesRange]) expect(() => parseIndicesQuery(query, { timeZone: "Asia/Ho_Chi_Minh", minN: 30, format: "json" })).not.toThrow();
  });

  it("answers the example requests with documented statuses and bodies of the documented shapes", async () => {
    const documented = (path: string, method: string, status: number) => expect(Object.keys(operation(path, method).responses)).toContain(String(status));

    const [first, second] = exampleBodies("/api/v1/dossiers");
    const created = await call("/api/v1/dossiers", { method: "POST", body: JSON.stringify(first) });
    expect(created.status).toBe(201);
    documented("/api/v1/dossiers", "post", 201);
    expectShape(invitationView, await created.json());
    const again = await call("/api/v1/dossiers", { method: "POST", body: JSON.stringify(first) });
    expect(again.status).toBe(200);
    expectShape(invitationView, await again.json());
    // The second example names an agency only by its code: known now, thanks to the first.
    const withContact = await call("/api/v1/dossiers", { method: "POST", body: JSON.stringify(second) });
    expect(withContact.status).toBe(201);
    expectShape(invitationView, await withContact.json());

    const [batch] = exampleBodies("/api/v1/dossiers:batch");
    const report = await call("/api/v1/dossiers:batch", { method: "POST", body: JSON.stringify(batch) });
    expect(report.status).toBe(200);
    documented("/api/v1/dossiers:batch", "post", 200);
    expectShape(batchReport, await report.json());

    const indices = await call(`/api/v1/indices?${new URLSearchParams(EXAMPLES.indices)}`);
    expect(indices.status).toBe(200);
    documented("/api/v1/indices", "get", 200);
    const body = await indices.json();
    expectShape(indicesReport, body);
    expect((body as { groups: unknown[] }).groups.length).toBeGreaterThanOrEqual(1);

    const { token } = (await (await call("/api/v1/dossiers", { method: "POST", body: JSON.stringify(first) })).json()) as { token: string };
    for (const ext of ["png", "svg"]) {
      const path = `/api/v1/invitations/{token}/qr.${ext}`;
      const qr = await call(`/api/v1/invitations/${token}/qr.${ext}?size=80`);
      expect(qr.status).toBe(200);
      expect(Object.keys((operation(path, "get").responses["200"] as { content: object }).content)).toContain(qr.headers.get("content-type")!.split(";")[0]);
    }
  });

  it("describes the errors as they come", async () => {
    const cases: { path: string; method: string; init: RequestInit; status: number }[] = [
      { path: "/api/v1/dossiers", method: "post", init: { method: "POST", body: "{", headers: {} }, status: 400 },
      { path: "/api/v1/dossiers", method: "post", init: { method: "POST", body: JSON.stringify({ dossierCode: "x" }) }, status: 422 },
      { path: "/api/v1/dossiers", method: "post", init: { method: "POST", body: "{}", headers: { authorization: "" } }, status: 401 },
      { path: "/api/v1/dossiers:batch", method: "post", init: { method: "POST", body: JSON.stringify({ dossiers: [] }) }, status: 422 },
      { path: "/api/v1/indices", method: "get", init: {}, status: 422 },
      { path: "/api/v1/invitations/{token}/qr.png", method: "get", init: {}, status: 404 },
    ];
    for (const c of cases) {
      const url = c.path.replace("{token}", "AAAAAAAAAAAAAAAAAAAAAA") + (c.path === "/api/v1/indices" ? "?period=never" : "");
      const res = await call(url, c.init);
      expect(res.status, `${c.method} ${url}`).toBe(c.status);
      expect(Object.keys(operation(c.path, c.method).responses)).toContain(String(c.status));
      expectShape(errorBody, await res.json());
    }
  });
});
