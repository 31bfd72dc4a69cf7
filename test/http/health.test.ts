// The probes on both databases: /healthz keeps its contract, /healthz/live answers whatever the database
// does, /healthz/ready says 503 until the database answers, every shipped migration is applied and each
// channel that is on has started, and names what is missing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp, type HealthReport } from "../../src/http/app.ts";
import { silentLogger } from "../../src/logger.ts";
import { createReadinessCheck, type ChannelStart } from "../../src/service/health.ts";
import { readMigrations } from "../../src/store/migrate.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { startHarness, type Harness } from "../helpers/telegram-harness.ts";

const json = async (res: Response) => (await res.json()) as HealthReport;

describe.each(await databaseKinds())("health probes of a running service on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => h?.stop());

  it("keeps /healthz as it was: status and checks, 200 while the database answers", async () => {
    const res = await h.service.http.request("/healthz");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.status).toBe("ok");
    expect(body.checks.database).toEqual({ ok: true, detail: kind });
    expect(body.checks.telegram?.ok).toBe(true);
    expect(body.checks.outbox?.detail).toMatch(/^\d+ due, \d+ pending$/);
  });

  it("/healthz/live answers 200 and reads nothing", async () => {
    const res = await h.service.http.request("/healthz/live");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/healthz/ready is 200 once the database, the migrations and Telegram are there", async () => {
    const res = await h.service.http.request("/healthz/ready");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.status).toBe("ok");
    expect(body.checks.database).toEqual({ ok: true, detail: kind });
    expect(body.checks.migrations).toEqual({ ok: true, detail: `${readMigrations().length} applied` });
    expect(body.checks.telegram).toMatchObject({ ok: true });
  });

  it("returns the request id on the probes too", async () => {
    const res = await h.service.http.request("/healthz/ready", { headers: { "x-request-id": "lb-probe-42" } });
    expect(res.headers.get("x-request-id")).toBe("lb-probe-42");
  });
});

describe.each(await databaseKinds())("readiness on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => t?.dispose());

  const appWith = (channels: Record<string, ChannelStart>) =>
    createHttpApp({
      logger: silentLogger(),
      apiKeys: [],
      health: async () => ({ status: "ok", checks: {} }),
      ready: createReadinessCheck({ db: t.db, channels: () => channels }),
      api: {},
      webhooks: {},
    });

  it("is 503 while a channel that is on has not started, naming it", async () => {
    const res = await appWith({ telegram: { started: false, detail: "connecting" } }).request("/healthz/ready");
    expect(res.status).toBe(503);
    const body = await json(res);
    expect(body.status).toBe("down");
    expect(body.checks.telegram).toEqual({ ok: false, detail: "connecting" });
    expect(body.checks.database?.ok).toBe(true);
  });

  it("is 503 when a shipped migration is not applied, naming it, and 200 again once it is", async () => {
    const last = readMigrations().at(-1)!;
    const app = appWith({});
    const [row] = await t.db.sql.query<{ id: string }>(`SELECT id FROM "_prisma_migrations" WHERE migration_name = $1`, [last.name]);
    await t.db.sql.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = $1`, [row!.id]);
    try {
      const res = await app.request("/healthz/ready");
      expect(res.status).toBe(503);
      expect((await json(res)).checks.migrations).toEqual({ ok: false, detail: `not applied: ${last.name}` });
    } finally {
      await t.db.sql.query(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = $1`, [row!.id]);
    }
    expect((await app.request("/healthz/ready")).status).toBe(200);
  });

  it("is 503 when the database does not answer, while /healthz/live stays 200", async () => {
    const other = await openTestDatabase(kind);
    const app = createHttpApp({
      logger: silentLogger(),
      apiKeys: [],
      health: async () => ({ status: "ok", checks: {} }),
      ready: createReadinessCheck({ db: other.db, channels: () => ({}) }),
      api: {},
      webhooks: {},
    });
    await other.db.close();
    try {
      const res = await app.request("/healthz/ready");
      expect(res.status).toBe(503);
      expect((await json(res)).checks.database?.ok).toBe(false);
      expect((await app.request("/healthz/live")).status).toBe(200);
    } finally {
      await other.dispose();
    }
  });
});
