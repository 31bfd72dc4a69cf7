// The roles feature behind the staff router, on a real database (embedded and PostgreSQL): what admins,
// officials and citizens see when they invite, redeem, list and revoke, including garbage arguments and
// forged button data. Only the citizen survey is faked; it must never see a staff command.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundEvent, OutboundMessage } from "../../src/messages.ts";
import { createTranslator } from "../../src/i18n.ts";
import { silentLogger } from "../../src/logger.ts";
import { bootstrapAdmins } from "../../src/staff/bootstrap.ts";
import type { StaffContext } from "../../src/staff/feature.ts";
import { createInvites } from "../../src/staff/invites.ts";
import { requireRole } from "../../src/staff/permissions.ts";
import { createRolesFeature } from "../../src/staff/roles-feature.ts";
import { createStaffRouter } from "../../src/staff/router.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { createAuditLog, type AuditLog } from "../../src/store/audit.ts";
import { createInviteCodeStore } from "../../src/store/invite-codes.ts";
import { createProcessedStore } from "../../src/store/processed.ts";
import { createStaffStore, type StaffStore } from "../../src/store/staff.ts";
import type { SurveyHandler } from "../../src/survey/survey-service.types.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const T0 = new Date("2026-11-27T03:00:00Z");
const ADMIN = "1001";
const CODE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
const t = createTranslator();

describe.each(await databaseKinds())("roles in the bot (%s)", (kind) => {
  let tdb: TestDatabase;
  let staff: StaffStore;
  let audit: AuditLog;
  let bot: SurveyHandler;
  let now = T0;
  let seq = 0;
  const surveyed: InboundEvent[] = [];
  const menuCalls: string[] = [];

  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    staff = createStaffStore(tdb.db);
    audit = createAuditLog(tdb.db);
    const agencies = createAgencyStore(tdb.db);
    await agencies.ensure({ code: "LSN", nameVi: "Tỉnh Lạng Sơn" });
    await agencies.ensure({ code: "LSN-TTPVHCC", nameVi: "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn" });
    await bootstrapAdmins([ADMIN], { staff, audit, logger: silentLogger(), now: () => now });
    const invites = createInvites({ staff, codes: createInviteCodeStore(tdb.db), audit, agencies });
    const processed = createProcessedStore(tdb.db);
    bot = createStaffRouter({
      survey: { handle: async (e) => (surveyed.push(e), [{ chatId: e.chatId, text: "survey", locale: "vi" }]) },
      features: [
        createRolesFeature({
          staff,
          invites,
          agencies,
          audit,
          t,
          timeZone: "Asia/Ho_Chi_Minh",
          envAdmins: [ADMIN],
          menus: {
            show: async (m) => void menuCalls.push(`show ${m.chatId} ${m.role} ${m.locale}`),
            hide: async (chatId) => void menuCalls.push(`hide ${chatId}`),
          },
        }),
      ],
      directory: staff,
      claimDelivery: (key) => processed.claim(key),
      t,
      logger: silentLogger(),
      now: () => now,
    });
  });
  afterAll(async () => tdb?.dispose());

  function event(userId: string, payload: InboundEvent["payload"], languageHint?: string): InboundEvent {
    return { channel: "telegram", userId, chatId: userId, deliveryKey: `telegram:${kind}:${++seq}`, payload, ...(languageHint ? { languageHint } : {}) };
  }
  const send = (userId: string, line: string, hint?: string): Promise<OutboundMessage[]> => {
    const m = /^\/(\S+)\s*(.*)$/s.exec(line);
    return bot.handle(event(userId, m ? { kind: "command", command: m[1]!, args: m[2]! } : { kind: "text", text: line }, hint));
  };
  const press = (userId: string, data: string) => bot.handle(event(userId, { kind: "button", data }));
  const text = (replies: OutboundMessage[]) => replies.map((r) => r.text).join("\n---\n");
  async function issue(line: string): Promise<string> {
    const code = CODE.exec(text(await send(ADMIN, line)))?.[0];
    if (!code) throw new Error(`no code in the reply to ${line}`);
    return code;
  }

  it("lets an admin invite an official for known agencies, with the code, its expiry and how to use it", async () => {
    const replies = await send(ADMIN, "/invite official lsn, LSN-TTPVHCC");
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ chatId: ADMIN, locale: "vi" });
    expect(replies[0]!.text).toMatch(CODE);
    expect(replies[0]!.text).toContain("cơ quan: LSN, LSN-TTPVHCC");
    expect(replies[0]!.text).toContain("04/12/2026 10:00");
    expect(replies[0]!.text).toMatch(/\/redeem [0-9A-Z]{4}-/);
    const [entry] = await audit.list({ limit: 1 });
    expect(entry).toMatchObject({ actor: `telegram:${ADMIN}`, action: "invite.issue", at: T0, details: { role: "official", scope: ["LSN", "LSN-TTPVHCC"] } });
  });

  it("says which agency codes are unknown, and what an invite needs", async () => {
    expect(text(await send(ADMIN, "/invite official LSN NOPE x'; DROP TABLE agency;--"))).toBe(
      t("vi", "roles.invite.unknown_agencies", { codes: "NOPE, x', DROP, TABLE, agency, --" }),
    );
    // Without codes, an official's invite opens the agency picker (test/staff/invite-buttons.test.ts).
    expect(text(await send(ADMIN, "/invite official"))).toContain(t("vi", "roles.invite.pick_intro"));
    await send(ADMIN, "/cancel");
    expect(text(await send(ADMIN, "/invite comms LSN"))).toContain("/invite comms");
    for (const garbage of ["/invite", "/invite overlord", "/invite 🙂🙂", `/invite ${"a".repeat(5000)}`]) {
      expect(text(await send(ADMIN, garbage))).toBe(t("vi", "roles.invite.usage", { days: 7 }));
    }
    const many = Array.from({ length: 51 }, (_, i) => `A${i}`).join(" ");
    expect(text(await send(ADMIN, `/invite official ${many}`))).toBe(t("vi", "roles.invite.too_many_agencies", { max: 50 }));
  });

  it("turns a citizen away politely from staff-only commands, and never passes them to the survey", async () => {
    for (const line of ["/invite admin", "/staff", "/revoke abc", "/invite official LSN"]) {
      expect(text(await send("555", line))).toBe(t("vi", "roles.not_allowed"));
    }
    expect(text(await send("556", "/staff", "en"))).toBe(t("en", "roles.not_allowed"));
    expect(text(await send("555", "/whoami"))).toBe(t("vi", "roles.whoami.none"));
    expect(surveyed).toEqual([]);
    expect(text(await send("555", "4"))).toBe("survey");
    expect(surveyed).toHaveLength(1);
    // Citizens' refusals do not fill the audit log.
    expect((await audit.list({ limit: 100 })).some((e) => e.actor === "telegram:555")).toBe(false);
  });

  it("redeems a code typed any which way, in the newcomer's language, and tells the issuer", async () => {
    const code = await issue("/invite official LSN");
    const typed = ` ${code.toLowerCase().replace(/-/g, " ").replace(/0/g, "o")} `;
    const replies = await send("2001", `/redeem ${typed}`, "en-US");
    expect(replies[0]).toMatchObject({ chatId: "2001", locale: "en" });
    expect(replies[0]!.text).toContain(t("en", "roles.redeem.done", { role: t("en", "roles.role.official"), scope: "agencies: LSN" }));
    expect(replies[0]!.text).toContain("/subscribe");
    expect(replies[1]).toMatchObject({ chatId: ADMIN, locale: "vi" });
    expect(replies[1]!.text).toContain("telegram:2001");
    const member = await staff.find("telegram", "2001");
    expect(member).toMatchObject({ role: "official", scope: ["LSN"], locale: "en" });
    expect(menuCalls).toContain("show 2001 official en");
    expect(text(await send("2001", "/whoami"))).toBe(t("en", "roles.whoami.member", { role: t("en", "roles.role.official"), scope: "agencies: LSN", id: member!.id }));
    expect((await audit.list({ subject: member!.id }))[0]).toMatchObject({ actor: "telegram:2001", action: "invite.redeem", details: { role: "official", issuedBy: `telegram:${ADMIN}` } });
    // Used once: the next person is told so.
    expect(text(await send("2002", `/redeem ${code}`))).toBe(t("vi", "roles.redeem.used"));
  });

  it("explains wrong, malformed and expired codes, then asks a guesser to wait", async () => {
    const code = await issue("/invite comms");
    now = new Date(T0.getTime() + 8 * 86_400_000);
    try {
      expect(text(await send("3001", "/redeem"))).toBe(t("vi", "roles.redeem.usage"));
      expect(text(await send("3001", "/redeem hello"))).toBe(t("vi", "roles.redeem.malformed"));
      expect(text(await send("3001", "/redeem ZZZZ-ZZZZ-ZZZZ"))).toBe(t("vi", "roles.redeem.unknown"));
      expect(text(await send("3001", `/redeem ${code}`))).toBe(t("vi", "roles.redeem.expired"));
      expect(text(await send("3001", "/redeem U"))).toBe(t("vi", "roles.redeem.malformed"));
      expect(text(await send("3001", "/redeem ZZZZ-ZZZZ-ZZZY"))).toBe(t("vi", "roles.redeem.unknown"));
      // Five failures within 15 minutes: even a good code waits now.
      const fresh = await issue("/invite comms");
      expect(text(await send("3001", `/redeem ${fresh}`))).toBe(t("vi", "roles.redeem.too_many_attempts"));
      // The count lives in the database: a restarted (or second) instance keeps asking the guesser to wait.
      const restarted = createInvites({ staff, codes: createInviteCodeStore(tdb.db), audit, agencies: createAgencyStore(tdb.db) });
      const again = await restarted.redeem({ typed: fresh, channel: "telegram", userId: "3001", chatId: "3001", displayName: null, locale: "vi", now });
      expect(again).toEqual({ ok: false, reason: "too_many_attempts" });
      now = new Date(now.getTime() + 16 * 60_000);
      expect(text(await send("3001", `/redeem ${fresh}`))).toContain(t("vi", "roles.role.comms"));
    } finally {
      now = T0;
    }
    expect((await audit.list({ action: "invite.redeem_refused", limit: 10 })).map((e) => e.details?.reason)).toContain("expired");
  });

  it("lists staff for admins only; an official's attempt is audited", async () => {
    const code = await issue("/invite official LSN-TTPVHCC");
    await send("4001", `/redeem ${code}`);
    const list = text(await send(ADMIN, "/staff"));
    expect(list).toMatch(/^Cán bộ đang hoạt động \(\d+\):/);
    expect(list).toContain(`telegram:${ADMIN} — quản trị viên — tất cả cơ quan`);
    expect(list).toContain("telegram:4001 — cán bộ theo dõi kết quả — cơ quan: LSN-TTPVHCC");
    expect(text(await send(ADMIN, "/staff admin"))).not.toContain("telegram:4001");
    expect(text(await send(ADMIN, "/staff everyone"))).toBe(t("vi", "roles.staff.usage"));
    expect(text(await send("4001", "/staff"))).toBe(t("vi", "roles.not_allowed"));
    expect((await audit.list({ action: "staff.denied", limit: 1 }))[0]).toMatchObject({ actor: "telegram:4001", details: { command: "staff", role: "official" } });
  });

  it("splits a long staff list into messages Telegram accepts", async () => {
    for (let i = 0; i < 80; i++) {
      await staff.upsert({ channel: "telegram", userId: `9${i}`, chatId: `9${i}`, displayName: null, role: "official", scope: ["LSN", "LSN-TTPVHCC"], locale: "vi", grantedBy: "cli" }, T0);
    }
    const replies = await send(ADMIN, "/staff official");
    expect(replies.length).toBeGreaterThan(1);
    expect(replies.every((r) => r.text.length <= 4096)).toBe(true);
    expect(text(replies)).toContain("telegram:979");
  });

  it("finds the member of an id typed in the wrong case (ids mix cases; people retype them)", async () => {
    const code = await issue("/invite comms");
    await send("5101", `/redeem ${code}`);
    const member = (await staff.find("telegram", "5101"))!;
    const flipped = [...member.id].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
    const [ask] = await send(ADMIN, `/revoke ${flipped}`);
    expect(ask!.text).toBe(t("vi", "roles.revoke.confirm", { name: "telegram:5101", role: "cán bộ truyền thông", scope: "tất cả cơ quan" }));
    expect(ask!.buttons![0]![0]!.data).toBe(`x:r:ry:${member.id}`);
  });

  it("revokes after a confirmation, tells the person, and refuses self, env admins and garbage", async () => {
    const code = await issue("/invite admin");
    await send("5001", `/redeem ${code}`);
    const second = (await staff.find("telegram", "5001"))!;
    const first = (await staff.find("telegram", ADMIN))!;

    expect(text(await send(ADMIN, `/revoke ${first.id}`))).toBe(t("vi", "roles.revoke.self"));
    expect(text(await send("5001", `/revoke ${first.id}`))).toBe(t("vi", "roles.revoke.env_admin", { name: `telegram:${ADMIN}` }));
    expect(text(await send(ADMIN, "/revoke"))).toBe(t("vi", "roles.revoke.usage"));
    expect(text(await send(ADMIN, "/revoke a b"))).toBe(t("vi", "roles.revoke.usage"));
    expect(text(await send(ADMIN, "/revoke nobody"))).toBe(t("vi", "roles.revoke.not_found", { id: "nobody" }));
    expect(text(await send(ADMIN, "/revoke ' OR 1=1"))).toBe(t("vi", "roles.revoke.usage"));
    expect(text(await send(ADMIN, `/revoke ${"x".repeat(300)}`))).toBe(t("vi", "roles.revoke.not_found", { id: "x".repeat(40) }));

    const [ask] = await send(ADMIN, `/revoke ${second.id}`);
    expect(ask!.text).toBe(t("vi", "roles.revoke.confirm", { name: "telegram:5001", role: "quản trị viên", scope: "tất cả cơ quan" }));
    const [yes, no] = ask!.buttons![0]!;
    expect(yes!.data).toBe(`x:r:ry:${second.id}`);
    expect(text(await press(ADMIN, no!.data))).toBe(t("vi", "roles.revoke.kept"));
    expect(await staff.get(second.id)).not.toBeNull();

    // Forged: a citizen and an official pressing the admin's button change nothing.
    expect(text(await press("555", yes!.data))).toBe(t("vi", "roles.not_allowed"));
    expect(text(await press("4001", yes!.data))).toBe(t("vi", "roles.not_allowed"));
    // Forged by an admin: unknown actions and ids.
    expect(text(await press(ADMIN, "x:r:zz"))).toBe(t("vi", "staff.stale_button"));
    expect(text(await press(ADMIN, "x:r:ry:"))).toBe(t("vi", "staff.stale_button"));
    expect(text(await press(ADMIN, "x:r:ry:ghost"))).toBe(t("vi", "roles.revoke.not_found", { id: "ghost" }));
    expect(text(await press(ADMIN, `x:r:ry:${first.id}`))).toBe(t("vi", "roles.revoke.self"));
    expect(text(await press(ADMIN, "x:q:whatever"))).toBe(t("vi", "staff.stale_button"));

    const done = await press(ADMIN, yes!.data);
    expect(done).toEqual([
      { chatId: ADMIN, text: t("vi", "roles.revoke.done", { name: "telegram:5001" }), locale: "vi" },
      { chatId: "5001", text: t("vi", "roles.revoke.notice"), locale: "vi" },
    ]);
    expect(await staff.find("telegram", "5001")).toBeNull();
    expect(menuCalls.at(-1)).toBe("hide 5001");
    expect((await audit.list({ subject: second.id }))[0]).toMatchObject({ actor: `telegram:${ADMIN}`, action: "staff.revoke", details: { role: "admin" } });
    // Pressed again (an old message): nothing more happens.
    expect(text(await press(ADMIN, yes!.data))).toBe(t("vi", "roles.revoke.not_found", { id: second.id }));
    expect(text(await send("5001", "/staff"))).toBe(t("vi", "roles.not_allowed"));
    expect(text(await send("5001", "/whoami"))).toBe(t("vi", "roles.whoami.none"));
  });

  it("/help shows a staff member the commands of their role, and a citizen only the survey's help", async () => {
    const adminHelp = text(await send(ADMIN, "/help"));
    expect(adminHelp).toContain(t("vi", "help.text"));
    expect(adminHelp).toContain("/invite");
    expect(adminHelp).toContain("/senddigest");
    const code = await issue("/invite comms");
    await send("6001", `/redeem ${code}`, "en");
    const commsHelp = text(await send("6001", "/help"));
    expect(commsHelp).toBe(`${t("en", "help.text")}\n\n${t("en", "roles.help.comms")}\n/announce — ${t("en", "staff_menu.announce")}\n/actions — ${t("en", "staff_menu.actions")}\n/whoami — ${t("en", "staff_menu.whoami")}`);
    expect(commsHelp).not.toContain("/invite");
    const before = surveyed.length;
    expect(text(await send("6002", "/help"))).toBe("survey");
    expect(surveyed.length).toBe(before + 1);
  });

  it("drops a redelivered staff update", async () => {
    const e = event(ADMIN, { kind: "command", command: "invite", args: "comms" });
    expect(await bot.handle(e)).toHaveLength(1);
    expect(await bot.handle(e)).toEqual([]);
  });
});

describe("requireRole", () => {
  const member = { id: "m", channel: "telegram", userId: "1", chatId: "1", displayName: null, role: "official", scope: ["LSN"], locale: "vi", pending: null } as const;
  const ctx = (m: typeof member | null) => ({ member: m ? { ...m, scope: [...m.scope] } : null }) as unknown as StaffContext;

  it("returns the member only when their role is allowed", () => {
    expect(requireRole(ctx(member), ["official", "admin"])?.id).toBe("m");
    expect(requireRole(ctx(member), ["admin"])).toBeNull();
    expect(requireRole(ctx(null), ["admin", "official", "comms"])).toBeNull();
  });
});
