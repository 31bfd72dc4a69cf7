// /healthz (and with it the bot and the webhooks, which share the process) answers while a heavy report is
// being computed, on both databases. Told by the order in which the answers arrive and by event-loop turns,
// not by timing: the report's slice clock is stepped by the test, so the number of pauses is fixed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createHttpApp } from "../../src/http/app.ts";
import { createIndicesRoutes } from "../../src/http/indices-route.ts";
import { MAX_RESAMPLES } from "../../src/indices/options.ts";
import { silentLogger } from "../../src/logger.ts";
import { pingDatabase } from "../../src/store/ping.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { insertAgencies, insertResponses, uniform } from "../indices/helpers.ts";

const KEY = "test-key-0123456789abcdef";
const AGENCIES = 40;

describe.each(await databaseKinds())("/healthz during a %s report", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const codes = Array.from({ length: AGENCIES }, (_, i) => `H${String(i).padStart(2, "0")}`);
    const ids = await insertAgencies(t.db, [{ code: "ROOT" }, ...codes.map((code) => ({ code, parent: "ROOT" }))]);
    for (const [i, code] of codes.entries()) {
      await insertResponses(t.db, ids, [...uniform(code, 3, 2 + (i % 4), "2026-11-10T03:00:00Z"), ...uniform(code, 2, 5, "2026-08-10T03:00:00Z")]);
    }
  });
  afterAll(async () => t?.dispose());

  it("answers /healthz before a report at the resamples cap is done", async () => {
    let clock = 0;
    const app = createHttpApp({
      logger: silentLogger(),
      apiKeys: [KEY],
      health: async () => {
        await pingDatabase(t.db);
        return { status: "ok", checks: { database: { ok: true } } };
      },
      // One pause per unit of work (a group in one period): 2 × 41 pauses, however fast the machine.
      api: { indices: createIndicesRoutes({ db: t.db, config: loadConfig({}), logger: silentLogger(), pace: { sliceMs: 1, now: () => clock++ } }) },
      webhooks: {},
    });
    const order: string[] = [];
    const report = Promise.resolve(app.request(`/api/v1/indices?period=2026-Q4&resamples=${MAX_RESAMPLES}`, { headers: { authorization: `Bearer ${KEY}` } })).then(
      (res) => (order.push("report"), res),
    );
    // Wait until the report has started computing (its clock is read only by the computation)…
    // (bounded: a computation that never pauses would never read it, and the order check below says so).
    for (let turn = 0; clock === 0 && turn < 100_000; turn++) await new Promise((r) => setImmediate(r));
    // …then ask for /healthz, as a load balancer would.
    const health = Promise.resolve(app.request("/healthz")).then((res) => (order.push("healthz"), res));
    const [r, h] = await Promise.all([report, health]);
    expect(h.status).toBe(200);
    expect(r.status).toBe(200);
    expect(((await r.json()) as { groups: unknown[] }).groups).toHaveLength(AGENCIES + 1);
    expect(order).toEqual(["healthz", "report"]);
  });
});
