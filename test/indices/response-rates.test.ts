// Response rates next to n, checked against a scenario counted by hand, on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { computeIndices } from "../../src/reports/indices-service.ts";
import { reportToJson } from "../../src/indices/json.ts";
import { parseIndicesQuery } from "../../src/indices/options.ts";
import { reportToTable } from "../../src/indices/table.ts";
import type { Database } from "../../src/store/database.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";
import { insertAgencies } from "./helpers.ts";

const config = loadConfig({});
const query = (raw: Record<string, string>) => parseIndicesQuery(raw, { timeZone: config.timeZone, minN: config.minN, format: "json" });

let seq = 0;
async function invitation(
  db: Database,
  agencyId: number,
  o: { completedAt: string; procedure?: string; delivered?: boolean; response?: "active" | "completed" | "cancelled"; channel?: string },
): Promise<void> {
  const id = `inv-${++seq}`;
  await db.sql.query(
    `INSERT INTO invitation (id, token, dossier_code, agency_id, procedure_code, completed_at, locale, expires_at, delivery_status, delivery_channel, delivered_at)
     VALUES ($1, $2, $3, $4, $5, $6::timestamp, 'vi', '2027-01-01', $7, $8, $9::timestamp)`,
    [id, `tok-${seq}`, `HS-${seq}`, agencyId, o.procedure ?? null, o.completedAt, o.delivered ? "sent" : null, o.delivered ? "zns" : null, o.delivered ? o.completedAt : null],
  );
  if (o.response) {
    await db.sql.query(
      `INSERT INTO response (id, invitation_id, agency_id, procedure_code, channel, locale, questionnaire_id, questionnaire_version, status, state, completed_at)
       VALUES ($1, $2, $3, $4, $5, 'vi', 'sipas-short', 1, $6, '{}', $7::timestamp)`,
      [`run-${seq}`, id, agencyId, o.procedure ?? null, o.channel ?? "telegram", o.response, o.response === "completed" ? o.completedAt : null],
    );
  }
}

describe.each(await databaseKinds())("response rates on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const ids = await insertAgencies(t.db, [{ code: "P" }, { code: "D1", parent: "P" }, { code: "D2", parent: "P" }]);
    const nov = "2026-11-10 03:00:00";
    // D1: 4 invited in November — 1 delivered by ZNS, 2 started (1 completed), 1 never opened, 1 cancelled.
    await invitation(t.db, ids.get("D1")!, { completedAt: nov, procedure: "1.001", delivered: true, response: "completed" });
    await invitation(t.db, ids.get("D1")!, { completedAt: nov, procedure: "1.001", response: "active" });
    await invitation(t.db, ids.get("D1")!, { completedAt: nov, procedure: "1.002" });
    await invitation(t.db, ids.get("D1")!, { completedAt: nov, procedure: "1.002", response: "cancelled", channel: "zalo" });
    // D2: 2 invited — 1 completed on Zalo.
    await invitation(t.db, ids.get("D2")!, { completedAt: nov, response: "completed", channel: "zalo" });
    await invitation(t.db, ids.get("D2")!, { completedAt: nov });
    // Outside the period (October; and 1 December 00:30 in Hà Nội = 30 Nov 17:30 UTC is December).
    await invitation(t.db, ids.get("D2")!, { completedAt: "2026-10-20 03:00:00", response: "completed" });
    await invitation(t.db, ids.get("D2")!, { completedAt: "2026-11-30 17:30:00", response: "completed" });
    // A walk-in response has no invitation: it is in n, never in a rate.
    await t.db.sql.query(
      `INSERT INTO response (id, agency_id, channel, locale, questionnaire_id, questionnaire_version, status, state, walk_in, completed_at)
       VALUES ('walk-1', $1, 'telegram', 'vi', 'sipas-short', 1, 'completed', '{}', true, '2026-11-11 03:00:00')`,
      [ids.get("D2")!],
    );
  });
  afterAll(async () => t?.dispose());

  it("counts invited, delivered, started and completed per agency, parents over their subtree", async () => {
    const json = reportToJson(await computeIndices(t.db, query({ period: "2026-11" })));
    const rates = Object.fromEntries(json.groups.map((g) => [g.key, g.responseRate]));
    expect(rates.D1).toEqual({ invited: 4, delivered: 1, started: 3, completed: 1, rate: 25 });
    expect(rates.D2).toEqual({ invited: 2, delivered: 0, started: 1, completed: 1, rate: 50 });
    expect(rates.P).toEqual({ invited: 6, delivered: 1, started: 4, completed: 2, rate: 33.33 });
  });

  it("by procedure and by channel", async () => {
    const byProc = reportToJson(await computeIndices(t.db, query({ period: "2026-11", by: "procedure" })));
    const p = Object.fromEntries(byProc.groups.map((g) => [g.key, g.responseRate]));
    expect(p["1.001"]).toMatchObject({ invited: 2, completed: 1, rate: 50 });
    const byChannel = reportToJson(await computeIndices(t.db, query({ period: "2026-11", by: "channel" })));
    const c = Object.fromEntries(byChannel.groups.map((g) => [g.key, g.responseRate]));
    // Unopened invitations count on the channel they were sent by (Telegram link unless Zalo sent them).
    expect(c.zalo).toMatchObject({ invited: 2, started: 2, completed: 1 });
    expect(c.telegram).toMatchObject({ invited: 4, started: 2, completed: 1 });
  });

  it("shows the rate next to n in the terminal table", async () => {
    const table = reportToTable(await computeIndices(t.db, query({ period: "2026-11" })), "vi");
    expect(table).toContain("Tỷ lệ trả lời");
    expect(table).toContain("2/6 (33,33 %)");
  });
});
