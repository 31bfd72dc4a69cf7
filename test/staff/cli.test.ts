// `hailong invite`, `hailong staff list|revoke` and `hailong audit` as an operator runs them, on both engines:
// a code issued on the CLI is redeemable in the bot, every change names the OS account, bad input exits 2.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "../../src/cli/staff.ts";
import { createTranslator } from "../../src/i18n.ts";
import { silentLogger } from "../../src/logger.ts";
import { bootstrapAdmins } from "../../src/staff/bootstrap.ts";
import { createInvites } from "../../src/staff/invites.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { createAuditLog } from "../../src/store/audit.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { createInviteCodeStore } from "../../src/store/invite-codes.ts";
import { createStaffStore } from "../../src/store/staff.ts";
import { cliSandbox } from "../helpers/cli.ts";
import { databaseKinds } from "../helpers/databases.ts";

const EXAMPLES = path.resolve(import.meta.dirname, "../../examples");
// The CLI below runs with the sandbox environment (no USER), so it names the OS account.
const ACTOR = cliActor({});
const t = createTranslator();

/** Telegram's Bot API on loopback, as far as a revoke from the CLI uses it; `down` makes it refuse. */
async function fakeTelegram() {
  const calls: { method: string; body: Record<string, unknown> }[] = [];
  const state = { down: false };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const method = (req.url ?? "").split("/").pop() ?? "";
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      calls.push({ method, body });
      res.setHeader("content-type", "application/json");
      if (state.down) {
        res.end(JSON.stringify({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }));
        return;
      }
      const result = method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: Number(body.chat_id), type: "private" }, text: body.text } : true;
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { root, calls, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(await databaseKinds())("staff commands (%s)", (kind) => {
  const { dataDir, env, cli } = cliSandbox(kind, {
    HAILONG_ADMINS: "1001",
    TELEGRAM_BOT_TOKEN: "123456:TEST-token-not-used-by-the-cli",
    TELEGRAM_BOT_USERNAME: "hailong_test_bot",
  });
  let telegram: Awaited<ReturnType<typeof fakeTelegram>>;
  beforeAll(async () => {
    telegram = await fakeTelegram();
    env.TELEGRAM_API_ROOT = telegram.root;
  });
  afterAll(async () => telegram?.close());
  beforeAll(async () => {
    expect((await cli("agencies", "import", path.join(EXAMPLES, "agencies.csv"))).code).toBe(0);
  });
  /** The embedded database belongs to one process at a time: open it between commands, then close it. */
  async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  it("invite prints a code the bot accepts, and audits it under the OS account", async () => {
    const r = await cli("invite", "official", "LSN-STP", "lsn-sxd", "--days", "3");
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(r.out[1]).toBe("role: official, agencies: LSN-STP, LSN-SXD");
    expect(r.out[2]).toMatch(/^expires: .* \(Asia\/Ho_Chi_Minh\); works once$/);
    expect(r.out[3]).toBe(`To redeem: open https://t.me/hailong_test_bot and send /redeem ${r.out[0]}`);
    const redeemed = await withDb(async (db) => {
      const staff = createStaffStore(db);
      const invites = createInvites({ staff, codes: createInviteCodeStore(db), audit: createAuditLog(db), agencies: createAgencyStore(db) });
      return invites.redeem({ typed: r.out[0]!, channel: "telegram", userId: "2001", chatId: "2001", displayName: null, locale: "vi", now: new Date() });
    });
    expect(redeemed).toMatchObject({ ok: true, member: { role: "official", scope: ["LSN-STP", "LSN-SXD"] }, issuedBy: ACTOR });
    const log = await cli("audit", "--limit", "2");
    expect(log.code).toBe(0);
    expect(log.out[0]).toMatch(/ {2}telegram:2001 {2}invite\.redeem {2}/);
    expect(log.out[1]).toMatch(new RegExp(`  ${ACTOR}  invite\\.issue  \\S+  \\{"role":"official"`));
  });

  it("invite refuses bad input with a usage error, and unknown agencies by name", async () => {
    for (const argv of [
      ["invite"],
      ["invite", "boss"],
      ["invite", "official"],
      ["invite", "comms", "LSN"],
      ["invite", "admin", "--days", "0"],
      ["invite", "admin", "--days", "91"],
      ["invite", "admin", "--days", "two"],
      ["invite", "admin", "--days"],
      ["invite", "admin", "--weeks", "1"],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err[0], argv.join(" ")).toMatch(/^hailong invite: /);
      expect(r.err[1]).toMatch(/^usage: hailong invite official AGENCY…/);
      expect(r.out).toEqual([]);
    }
    const unknown = await cli("invite", "official", "LSN", "NOPE", "ALSO-NOPE");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toEqual(["hailong invite: unknown agency codes: NOPE, ALSO-NOPE (see hailong agencies list)"]);
  });

  it("staff list and revoke; an HAILONG_ADMINS admin cannot be revoked from here", async () => {
    await withDb(async (db) => bootstrapAdmins(["1001"], { staff: createStaffStore(db), audit: createAuditLog(db), logger: silentLogger(), now: () => new Date() }));
    const list = await cli("staff", "list");
    expect(list.code).toBe(0);
    expect(list.out).toHaveLength(2);
    // Oldest first: the official redeemed before this start made the env admin.
    expect(list.out[0]).toMatch(/ {2}official {2}telegram:2001 {2}- {2}LSN-STP,LSN-SXD {2}vi {2}granted by invite:/);
    expect(list.out[1]).toMatch(/^\S+ {2}admin {5}telegram:1001 {2}- {2}\* {2}vi {2}granted by env$/);
    const json = JSON.parse((await cli("staff", "list", "--role", "official", "--format", "json")).out.join("\n")) as { id: string; userId: string }[];
    expect(json.map((m) => m.userId)).toEqual(["2001"]);
    const adminId = list.out[1]!.split("  ")[0]!;

    const env1 = await cli("staff", "revoke", adminId);
    expect(env1.code).toBe(1);
    expect(env1.err[0]).toContain("HAILONG_ADMINS");

    const r = await cli("staff", "revoke", json[0]!.id);
    expect(r).toEqual({
      code: 0,
      out: [`revoked ${json[0]!.id} (official, telegram:2001)`, "told them in Telegram and removed their staff commands from the menu"],
      err: [],
    });
    // As a revoke in the bot: the person's staff menu goes and they are told, in their language.
    expect(telegram.calls.map((c) => c.method)).toEqual(["deleteMyCommands", "sendMessage"]);
    expect(telegram.calls[0]!.body).toEqual({ scope: { type: "chat", chat_id: 2001 } });
    expect(telegram.calls[1]!.body).toMatchObject({ chat_id: "2001", text: t("vi", "roles.revoke.notice") });
    expect((await cli("staff", "revoke", json[0]!.id)).code).toBe(1);
    expect((await cli("staff", "list", "--role", "official")).out).toEqual(["No staff members yet: hailong invite admin, or set HAILONG_ADMINS."]);

    const trail = await cli("audit", "--subject", json[0]!.id);
    expect(trail.out[0]).toMatch(new RegExp(`  ${ACTOR}  staff\\.revoke  ${json[0]!.id}  \\{"role":"official"`));
    expect(trail.out[1]).toMatch(/ {2}invite\.redeem {2}/);
    const entries = JSON.parse((await cli("audit", "--format", "json", "--limit", "1")).out.join("\n")) as { actor: string; action: string }[];
    expect(entries).toEqual([expect.objectContaining({ actor: ACTOR, action: "staff.list" })]);
  });

  it("a revoke when Telegram cannot be told still revokes, and says what the operator should know", async () => {
    const code = (await cli("invite", "comms")).out[0]!;
    const member = await withDb(async (db) => {
      const staff = createStaffStore(db);
      const invites = createInvites({ staff, codes: createInviteCodeStore(db), audit: createAuditLog(db), agencies: createAgencyStore(db) });
      const r = await invites.redeem({ typed: code, channel: "telegram", userId: "3001", chatId: "3001", displayName: null, locale: "en", now: new Date() });
      if (!r.ok) throw new Error(r.reason);
      return r.member;
    });
    telegram.state.down = true;
    try {
      const r = await cli("staff", "revoke", member.id);
      expect(r.code).toBe(0);
      expect(r.out).toEqual([`revoked ${member.id} (comms, telegram:3001)`]);
      expect(r.err[0]).toMatch(/^hailong staff: the rights are revoked, but Telegram could not be told \(.*blocked.*\)/);
      expect((await cli("staff", "list", "--role", "comms")).out[0]).toMatch(/^No staff members yet/);
    } finally {
      telegram.state.down = false;
    }
  });

  it("staff and audit refuse bad input with a usage error", async () => {
    for (const argv of [
      ["staff"],
      ["staff", "fire", "x"],
      ["staff", "list", "--role", "boss"],
      ["staff", "list", "extra"],
      ["staff", "list", "--format", "xml"],
      ["staff", "revoke"],
      ["staff", "revoke", "a", "b"],
      ["audit", "--limit", "0"],
      ["audit", "--limit", "lots"],
      ["audit", "--format", "csv"],
      ["audit", "extra"],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err[0], argv.join(" ")).toMatch(/^hailong (staff|audit): /);
    }
    const missing = await cli("staff", "revoke", "'; DROP TABLE staff_member;--");
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/^hailong staff: no active staff member with id/);
  });
});
