// HAILONG_ADMINS at start: admins are granted and audited once; a restart with the same list writes nothing,
// an official in the list is promoted, and an id dropped from the list keeps its role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { bootstrapAdmins } from "../../src/staff/bootstrap.ts";
import { createAuditLog, type AuditLog } from "../../src/store/audit.ts";
import { createStaffStore, type StaffStore } from "../../src/store/staff.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const T0 = new Date("2026-11-27T03:00:00Z");

describe.each(await databaseKinds())("admin bootstrap (%s)", (kind) => {
  let tdb: TestDatabase;
  let staff: StaffStore;
  let audit: AuditLog;
  let now = T0;
  const start = (ids: string[]) => bootstrapAdmins(ids, { staff, audit, logger: silentLogger(), now: () => now });
  const grants = async () => (await audit.list({ action: "staff.grant", limit: 100 })).length;

  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    staff = createStaffStore(tdb.db);
    audit = createAuditLog(tdb.db);
  });
  afterAll(async () => tdb?.dispose());

  it("grants each listed id once, however often the service starts", async () => {
    expect(await start(["11", "12", "11"])).toEqual(["11", "12"]);
    now = new Date(T0.getTime() + 60_000);
    expect(await start(["11", "12"])).toEqual([]);
    expect(await start(["12", "11"])).toEqual([]);
    expect(await grants()).toBe(2);
    const admins = (await staff.list({ role: "admin" })).sort((a, b) => a.userId.localeCompare(b.userId));
    expect(admins.map((a) => [a.userId, a.grantedBy, a.scope, a.chatId])).toEqual([
      ["11", "env", [], "11"],
      ["12", "env", [], "12"],
    ]);
    expect((await audit.list({ subject: admins[0]!.id }))[0]).toMatchObject({ actor: "system", action: "staff.grant", at: T0, details: { source: "HAILONG_ADMINS" } });
  });

  it("promotes a listed official, keeping their language, and leaves ids no longer listed alone", async () => {
    await staff.upsert({ channel: "telegram", userId: "13", chatId: "13", displayName: "Chị Lan", role: "official", scope: ["LSN"], locale: "en", grantedBy: "cli" }, T0);
    expect(await start(["11", "13"])).toEqual(["13"]);
    expect(await staff.find("telegram", "13")).toMatchObject({ role: "admin", scope: [], locale: "en", displayName: "Chị Lan", grantedBy: "env" });
    expect((await audit.list({ action: "staff.grant", limit: 1 }))[0]?.details).toMatchObject({ previousRole: "official" });
    expect(await staff.find("telegram", "12")).toMatchObject({ role: "admin" });
  });

  it("restores a listed admin who was revoked", async () => {
    const m = (await staff.find("telegram", "12"))!;
    await staff.revoke(m.id, now);
    expect(await start(["12"])).toEqual(["12"]);
    expect(await staff.find("telegram", "12")).toMatchObject({ id: m.id, role: "admin" });
  });

  it("does nothing without HAILONG_ADMINS", async () => {
    const before = await grants();
    expect(await start([])).toEqual([]);
    expect(await grants()).toBe(before);
  });
});
