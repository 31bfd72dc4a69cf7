// Every way a centre's system can get a request wrong gets a clear 4xx, nothing stored, never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type Service } from "../../src/main.ts";
import { silentLogger } from "../../src/logger.ts";
import { tempDir } from "../helpers/databases.ts";

const KEY = "test-key-0123456789abcdef";
const good = { dossierCode: "HS-1", agencyCode: "A1", agencyName: "Cơ quan A1", completedAt: "2026-11-27T08:00:00+07:00" };

describe("integration API bad input", () => {
  let s: Service;
  beforeAll(async () => {
    s = await startService({ env: { HAILONG_DATA_DIR: tempDir(), HAILONG_API_KEYS: KEY }, logger: silentLogger(), listen: false });
  });
  afterAll(async () => s?.stop());

  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    s.http.request("/api/v1/dossiers", {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...headers },
      body,
    });

  const cases: { name: string; body: BodyInit; headers?: Record<string, string>; status: number; error: string }[] = [
    { name: "no key", body: JSON.stringify(good), headers: { authorization: "" }, status: 401, error: "unauthorized" },
    { name: "wrong key", body: JSON.stringify(good), headers: { authorization: "Bearer wrong-key-0123456789" }, status: 401, error: "unauthorized" },
    { name: "basic auth instead of bearer", body: JSON.stringify(good), headers: { authorization: `Basic ${KEY}` }, status: 401, error: "unauthorized" },
    { name: "malformed JSON", body: "{ dossierCode: 1,", status: 400, error: "invalid_json" },
    { name: "empty body", body: "", status: 400, error: "invalid_json" },
    { name: "not UTF-8", body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), status: 400, error: "invalid_json" },
    { name: "a JSON array", body: "[]", status: 422, error: "validation" },
    { name: "wrong types", body: JSON.stringify({ ...good, dossierCode: 12345, completedAt: true }), status: 422, error: "validation" },
    { name: "missing fields", body: JSON.stringify({ agencyCode: "A1" }), status: 422, error: "validation" },
    { name: "bad date", body: JSON.stringify({ ...good, completedAt: "27/11/2026" }), status: 422, error: "validation" },
    { name: "unknown locale", body: JSON.stringify({ ...good, locale: "fr" }), status: 422, error: "validation" },
    { name: "SQL in a code", body: JSON.stringify({ ...good, dossierCode: "x'; DROP TABLE invitation;--" }), status: 422, error: "validation" },
    { name: "HTML in a name", body: JSON.stringify({ ...good, agencyName: "<script>alert(1)</script>".repeat(20) }), status: 422, error: "validation" },
    { name: "1 MB body", body: JSON.stringify({ ...good, procedureName: "x".repeat(1_000_000) }), status: 413, error: "too_large" },
    { name: "unknown agency without a name", body: JSON.stringify({ ...good, agencyCode: "NEW", agencyName: undefined }), status: 422, error: "unknown_agency" },
  ];

  it.each(cases)("$name → $status $error", async ({ body, headers, status, error }) => {
    const res = await post(body, headers);
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: string; message: string };
    expect(json.error).toBe(error);
    expect(json.message.length).toBeGreaterThan(10);
    expect(await s.db.prisma.invitation.count()).toBe(0);
  });

  it("names the offending fields", async () => {
    const res = await post(JSON.stringify({ ...good, dossierCode: 12345, completedAt: true }));
    const json = (await res.json()) as { issues: { field: string }[] };
    expect(json.issues.map((i) => i.field).sort()).toEqual(["completedAt", "dossierCode"]);
  });

  it("accepts a good request afterwards (201), and an unknown route is a JSON 404", async () => {
    expect((await post(JSON.stringify(good))).status).toBe(201);
    const nf = await s.http.request("/api/v1/nothing", { headers: { authorization: `Bearer ${KEY}` } });
    expect(nf.status).toBe(404);
  });

  it("refuses everything when no API keys are configured, saying why", async () => {
    const bare = await startService({ env: { HAILONG_DATA_DIR: tempDir() }, logger: silentLogger(), listen: false });
    try {
      const res = await bare.http.request("/api/v1/dossiers", { method: "POST", headers: { authorization: "Bearer anything-at-all-123" }, body: JSON.stringify(good) });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toContain("HAILONG_API_KEYS");
    } finally {
      await bare.stop();
    }
  });
});
