// POST /api/v1/dossiers:batch on both databases: per-item outcomes (200 all good, 207 some errors), the
// limits (5,000 items → 413 above), bad JSON, the key, and agreement with POST /api/v1/dossiers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { createPgDatabase, databaseKinds, tempDir } from "../helpers/databases.ts";

const KEY = "test-key-0123456789abcdef";
const item = (i: number, extra: Record<string, unknown> = {}) => ({
  dossierCode: `B-${i}`,
  agencyCode: "HL-01",
  agencyName: "UBND huyện Hữu Lũng",
  completedAt: "2026-11-27T08:00:00+07:00",
  ...extra,
});

type Result = { index: number; outcome: string; dossierCode?: string; token?: string; errors?: { field: string; reason: string }[]; delivery?: { status: string; reason: string } };
type Batch = { counts: { created: number; existing: number; error: number }; results: Result[] };

describe.each(await databaseKinds())("POST /api/v1/dossiers:batch (%s)", (kind) => {
  let s: Service;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const env: Record<string, string> = { HAILONG_DATA_DIR: tempDir(), HAILONG_API_KEYS: KEY };
    if (kind === "postgresql") {
      const pg = await createPgDatabase();
      env.DATABASE_URL = pg.url;
      drop = pg.drop;
    }
    s = await startService({ env, logger: silentLogger(), listen: false });
  });
  afterAll(async () => {
    await s?.stop();
    await drop?.();
  });

  const post = (body: unknown, headers: Record<string, string> = {}, path = "/api/v1/dossiers:batch") =>
    s.http.request(path, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("refuses a request without the key (401)", async () => {
    const res = await post({ dossiers: [item(1)] }, { authorization: "" });
    expect(res.status).toBe(401);
  });

  it.each([
    ["malformed JSON", "{ dossiers: [", 400, "invalid_json"],
    ["no dossiers array", { items: [] }, 422, "validation"],
    ["an empty batch", { dossiers: [] }, 422, "validation"],
  ])("%s → %i %s", async (_name, body, status, error) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toBe(error);
  });

  it("refuses 5,001 items with 413 and says how to split, storing nothing", async () => {
    const res = await post({ dossiers: Array.from({ length: 5_001 }, (_, i) => item(i)) });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { error: string; message: string; max: number };
    expect(json).toMatchObject({ error: "too_many_items", max: 5000 });
    expect(json.message).toBe("At most 5000 dossiers per call; this one has 5001. Split it into several calls (each is idempotent).");
    expect(await s.db.prisma.invitation.count()).toBe(0);
  });

  it("takes the good items of a mixed batch and answers 207 with an outcome per item", async () => {
    const res = await post({
      dossiers: [
        item(1),
        item(2, { completedAt: "27/11/2026" }),
        item(3, { agencyCode: "NEW-1", agencyName: undefined }),
        item(1),
        "not an object",
        item(4, { contact: { phone: "0912345678" } }),
        item(5, { locale: "en", procedureName: "x".repeat(301) }),
      ],
    });
    expect(res.status).toBe(207);
    const json = (await res.json()) as Batch;
    expect(json.counts).toEqual({ created: 2, existing: 0, error: 5 });
    expect(json.results.map((r) => [r.index, r.outcome])).toEqual([
      [0, "created"],
      [1, "error"],
      [2, "error"],
      [3, "error"],
      [4, "error"],
      [5, "created"],
      [6, "error"],
    ]);
    const fields = (i: number) => json.results[i]!.errors!.map((e) => e.field);
    expect(fields(1)).toEqual(["completedAt"]);
    expect(json.results[2]!.errors).toEqual([{ field: "agencyCode", reason: 'unknown agency "NEW-1"; give agencyName as well to create it' }]);
    expect(json.results[3]!.errors).toEqual([{ field: "dossierCode", reason: 'dossier code "B-1" is already on dossiers[0]' }]);
    expect(fields(4)).toEqual(["(item)"]);
    expect(fields(6)).toEqual(["procedureName"]);
    expect(json.results[5]!.delivery).toMatchObject({ status: "skipped" });
    expect(json.results[5]!.delivery!.reason).toMatch(/do not send over Zalo/);
    expect(json.results[0]!.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await s.db.prisma.invitation.count()).toBe(2);
    expect(await s.db.prisma.agency.count({ where: { code: "NEW-1" } })).toBe(0);

    // The single-dossier API agrees: the same invitation, and it still works as before.
    const single = await post(item(1), {}, "/api/v1/dossiers");
    expect(single.status).toBe(200);
    expect(((await single.json()) as { token: string }).token).toBe(json.results[0]!.token);
    expect((await post(item(99), {}, "/api/v1/dossiers")).status).toBe(201);
  });

  it("takes 5,000 items in one call (200), and a repeat returns the same tokens as existing", { timeout: 120_000 }, async () => {
    const dossiers = Array.from({ length: 5_000 }, (_, i) => item(1_000 + i, { agencyCode: `HL-${i % 40}`, agencyName: `UBND xã ${i % 40}` }));
    const res = await post({ dossiers });
    expect(res.status).toBe(200);
    const first = (await res.json()) as Batch;
    expect(first.counts).toEqual({ created: 5_000, existing: 0, error: 0 });
    const again = (await (await post({ dossiers })).json()) as Batch;
    expect(again.counts).toEqual({ created: 0, existing: 5_000, error: 0 });
    expect(again.results.map((r) => r.token)).toEqual(first.results.map((r) => r.token));
  });

  it("is not a path parameter: other colon suffixes are 404", async () => {
    expect((await post({ dossiers: [item(1)] }, {}, "/api/v1/dossiers:import")).status).toBe(404);
  });
});
