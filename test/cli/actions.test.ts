// `hailong actions` as an operator runs it (both engines): add (the text cleaned, the topic named), list as a
// table and as JSON, approve by someone else under second-person, reject a pending one and take an approved
// one down, the audit trail naming the OS user, and the usage errors (exit 2) and refusals (exit 1).
import { beforeAll, describe, expect, it } from "vitest";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { createAuditLog } from "../../src/store/audit.ts";
import { openDatabase } from "../../src/store/database.ts";
import { cliSandbox } from "../helpers/cli.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { runCli } from "../../src/cli/main.ts";

describe.each(await databaseKinds())("hailong actions (%s)", (kind) => {
  const { dataDir, env } = cliSandbox(kind, { HAILONG_APPROVAL: "second-person" });

  beforeAll(async () => {
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
    await createAgencyStore(db).ensure({ code: "LSN-STP", nameVi: "Sở Tư pháp" });
    await db.close();
  });

  async function cli(user: string, ...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(["actions", ...argv], { env: { ...env, USER: user }, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }

  it("adds, lists, lets someone else approve, then takes it down, each step audited under the OS user", async () => {
    const added = await cli("lan", "add", "--agency", "lsn-stp", "--topic", "procedures", "--text", "Đã niêm yết\n  đầy đủ mức phí.", "--text-en", "Fees posted in full.");
    expect(added.err).toEqual([]);
    expect(added.code).toBe(0);
    const id = /^added: (\w+) \(LSN-STP\) is now pending\.$/.exec(added.out[0]!)?.[1];
    expect(id, added.out[0]).toBeDefined();
    expect(added.out[1]).toBe(`Approve it (as someone else under HAILONG_APPROVAL=second-person): hailong actions approve ${id}`);

    const table = await cli("lan", "list");
    expect(table.out).toHaveLength(1);
    expect(table.out[0]).toMatch(new RegExp(`^${id}  pending   \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d  LSN-STP  procedures  Đã niêm yết đầy đủ mức phí\\.$`));

    const own = await cli("lan", "approve", id!);
    expect(own.code).toBe(1);
    expect(own.err).toEqual(["hailong actions: You recorded this yourself; under the two-person rule (HAILONG_APPROVAL=second-person) someone else must approve it."]);
    expect(await cli("minh", "approve", id!)).toEqual({ code: 0, out: [`approved: ${id} (LSN-STP) is now approved.`], err: [] });

    const listed = await cli("lan", "list", "--status", "approved", "--format", "json");
    expect(JSON.parse(listed.out.join("\n"))).toEqual([
      expect.objectContaining({ id, agency: "LSN-STP", topic: "procedures", textVi: "Đã niêm yết đầy đủ mức phí.", textEn: "Fees posted in full.", status: "approved", createdBy: "cli:lan", decidedBy: "cli:minh" }),
    ]);
    expect(await cli("minh", "reject", id!)).toEqual({ code: 0, out: [`taken down: ${id} (LSN-STP) is now rejected.`], err: [] });
    expect((await cli("minh", "list", "--status", "approved")).out).toEqual(["No actions."]);

    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
    const trail = (await createAuditLog(db).list({ subject: id })).reverse().map((e) => `${e.actor} ${e.action}`);
    await db.close();
    expect(trail).toEqual(["cli:lan action.add", "cli:lan action.refused", "cli:minh action.approve", "cli:minh action.take_down"]);
  }, 60_000);

  it("rejects a pending action, and refuses what cannot be done with exit 1", async () => {
    const added = await cli("lan", "add", "--agency", "LSN-STP", "--text", "Đã thêm ghế chờ.");
    const id = /^added: (\w+) /.exec(added.out[0]!)![1]!;
    expect((await cli("minh", "reject", id)).out).toEqual([`rejected: ${id} (LSN-STP) is now rejected.`]);
    expect(await cli("minh", "approve", id)).toEqual({ code: 1, out: [], err: [`hailong actions: Action ${id} is “✖ Not shown”, so this cannot be done.`] });
    expect((await cli("minh", "approve", "nothing")).err).toEqual(["hailong actions: There is no action nothing."]);
    expect((await cli("lan", "add", "--agency", "NOPE", "--text", "x")).err).toEqual(["hailong actions: There is no agency NOPE."]);
    expect((await cli("lan", "add", "--agency", "LSN-STP", "--text", "x".repeat(281))).err).toEqual([
      "hailong actions: The text is 281 characters long; the most is 280. Please shorten it and send it again.",
    ]);
  }, 60_000);

  it.each([
    [["add", "--text", "x"], "--agency is required"],
    [["add", "--agency", "LSN-STP"], "--text is required"],
    [["add", "--agency", "LSN-STP", "--text", "x", "--topic", "waiting"], 'unknown --topic "waiting"'],
    [["list", "--status", "done"], 'unknown status "done"'],
    [["list", "--format", "csv"], "--format must be table or json"],
    [["approve"], "approve needs exactly one action ID"],
    [["publish", "x"], 'unknown sub-command "publish"'],
    [[], "a sub-command is required"],
  ])("exits 2 with the usage for %j", async (argv, message) => {
    const r = await cli("lan", ...argv);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`hailong actions: ${message}`);
    expect(r.err[1]).toMatch(/^usage: hailong actions add --agency CODE/);
  });
});
