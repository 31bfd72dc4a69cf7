// Staff members, the audit log and invite codes on a real database (embedded and PostgreSQL): revoked
// members are invisible, re-granting reactivates, and a code is redeemed once even by simultaneous redeemers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLog, type AuditLog } from "../../src/store/audit.ts";
import { createInviteCodeStore, hashInviteCode, type InviteCodeStore } from "../../src/store/invite-codes.ts";
import { createStaffStore, type StaffGrant, type StaffStore } from "../../src/store/staff.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const T0 = new Date("2026-11-27T03:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function grant(userId: string, over: Partial<StaffGrant> = {}): StaffGrant {
  return { channel: "telegram", userId, chatId: userId, displayName: `U${userId}`, role: "official", scope: ["LSN"], locale: "vi", grantedBy: "cli", ...over };
}

describe.each(await databaseKinds())("staff store on %s", (kind) => {
  let tdb: TestDatabase;
  let staff: StaffStore;
  let audit: AuditLog;
  let codes: InviteCodeStore;
  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    staff = createStaffStore(tdb.db);
    audit = createAuditLog(tdb.db);
    codes = createInviteCodeStore(tdb.db);
  });
  afterAll(async () => tdb?.dispose());

  it("grants, finds, and keeps a member's chosen language when the role changes", async () => {
    const m = await staff.upsert(grant("101"), T0);
    expect(m).toMatchObject({ channel: "telegram", userId: "101", role: "official", scope: ["LSN"], locale: "vi", pending: null, stoppedAt: null, grantedBy: "cli" });
    expect(await staff.find("telegram", "101")).toEqual(m);
    expect(await staff.find("zalo", "101")).toBeNull();
    expect(await staff.setLocale(m.id, "en")).toBe(true);
    const again = await staff.upsert(grant("101", { role: "comms", scope: [], locale: "vi", displayName: null, grantedBy: "invite:x" }), at(1));
    expect(again).toMatchObject({ id: m.id, role: "comms", scope: [], locale: "en", displayName: "U101", grantedBy: "invite:x" });
  });

  it("keeps a dialogue until it is cleared, and drops it on a new grant", async () => {
    const m = await staff.upsert(grant("102"), T0);
    expect(await staff.inDialogue(m.channel, "102")).toBe(false);
    await staff.setPending(m.id, { feature: "announce", step: "edit", id: "a1" });
    expect((await staff.get(m.id))?.pending).toEqual({ feature: "announce", step: "edit", id: "a1" });
    expect(await staff.inDialogue(m.channel, "102")).toBe(true);
    expect(await staff.inDialogue(m.channel, "999")).toBe(false);
    await staff.setPending(m.id, null);
    expect((await staff.get(m.id))?.pending).toBeNull();
    expect(await staff.inDialogue(m.channel, "102")).toBe(false);
    await staff.setPending(m.id, { feature: "announce" });
    await staff.upsert(grant("102", { role: "admin" }), at(1));
    expect((await staff.get(m.id))?.pending).toBeNull();
  });

  it("marks and clears a stopped chat", async () => {
    const m = await staff.upsert(grant("103"), T0);
    await staff.markStopped(m.id, at(5));
    expect((await staff.get(m.id))?.stoppedAt).toEqual(at(5));
    expect((await staff.list()).find((x) => x.id === m.id)?.stoppedAt).toEqual(at(5));
    await staff.clearStopped(m.id);
    expect((await staff.get(m.id))?.stoppedAt).toBeNull();
  });

  it("hides a revoked member everywhere, and a new grant brings them back", async () => {
    const m = await staff.upsert(grant("104", { role: "comms" }), T0);
    expect(await staff.revoke(m.id, at(1))).toBe(true);
    expect(await staff.revoke(m.id, at(2))).toBe(false);
    expect(await staff.find("telegram", "104")).toBeNull();
    expect(await staff.get(m.id)).toBeNull();
    expect((await staff.list()).map((x) => x.id)).not.toContain(m.id);
    expect(await staff.setPending(m.id, { feature: "roles" })).toBe(false);
    const back = await staff.upsert(grant("104", { role: "official" }), at(3));
    expect(back.id).toBe(m.id);
    expect(await staff.find("telegram", "104")).toMatchObject({ role: "official" });
  });

  it("lists active members, by role when asked", async () => {
    await staff.upsert(grant("105", { role: "admin", scope: [] }), at(10));
    const admins = await staff.list({ role: "admin" });
    expect(admins.length).toBeGreaterThan(0);
    expect(admins.every((x) => x.role === "admin")).toBe(true);
    expect((await staff.list()).length).toBeGreaterThan(admins.length);
  });

  it("appends audit entries and lists them newest first, by subject", async () => {
    await audit.record({ actor: "cli:ops", action: "invite.issue", subject: "code-1", details: { role: "official", scope: ["LSN"] } }, at(1));
    await audit.record({ actor: "telegram:9", action: "invite.redeem", subject: "code-1" }, at(2));
    await audit.record({ actor: "system", action: "other" }, at(3));
    const forCode = await audit.list({ subject: "code-1" });
    expect(forCode).toEqual([
      { at: at(2), actor: "telegram:9", action: "invite.redeem", subject: "code-1", details: null },
      { at: at(1), actor: "cli:ops", action: "invite.issue", subject: "code-1", details: { role: "official", scope: ["LSN"] } },
    ]);
    expect(await audit.list({ limit: 1 })).toEqual([{ at: at(3), actor: "system", action: "other", subject: null, details: null }]);
  });

  it("stores only the hash of a code and redeems it once", async () => {
    const { id } = await codes.create({ code: "K7QM3XTP9RWA", role: "official", scope: ["LSN", "LSN-TTPVHCC"], createdBy: "cli:ops", expiresAt: at(60) }, T0);
    const rows = await tdb.db.sql.query<{ code_hash: string }>(`SELECT code_hash FROM invite_code WHERE id = $1`, [id]);
    expect(rows[0]?.code_hash).toBe(hashInviteCode("K7QM3XTP9RWA"));
    expect(JSON.stringify(rows)).not.toContain("K7QM3XTP9RWA");
    expect(await codes.redeem("K7QM3XTP9RWA", "telegram:1", at(1))).toEqual({
      ok: true,
      invite: { id, role: "official", scope: ["LSN", "LSN-TTPVHCC"], createdBy: "cli:ops" },
    });
    expect(await codes.redeem("K7QM3XTP9RWA", "telegram:2", at(2))).toEqual({ ok: false, reason: "used" });
    expect(await codes.redeem("NOSUCHCODE00", "telegram:2", at(2))).toEqual({ ok: false, reason: "unknown" });
  });

  it("refuses an expired code, to the second", async () => {
    await codes.create({ code: "EXPIRES0AT60", role: "comms", scope: [], createdBy: "cli:ops", expiresAt: at(60) }, T0);
    expect(await codes.redeem("EXPIRES0AT60", "telegram:3", at(60))).toEqual({ ok: false, reason: "expired" });
  });

  it("lets exactly one of many simultaneous redeemers win", async () => {
    await codes.create({ code: "RACE0000CODE", role: "admin", scope: [], createdBy: "cli:ops", expiresAt: at(60) }, T0);
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => codes.redeem("RACE0000CODE", `telegram:${200 + i}`, at(1))));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.reason === "used")).toBe(true);
  });
});
