// `hailong announce` as an operator runs it (both engines): draft with the card written to a file, list,
// show with the audit trail, edit, submit, approve (second person: not the author), publish through the
// outbox, and usage errors.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ANNOUNCEMENT_JOB_KIND } from "../../src/announce/publish-job.ts";
import { announceCommand, cliActor } from "../../src/cli/announce.ts";
import type { CliContext } from "../../src/cli/command.ts";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/logger.ts";
import { seedOfficialResults } from "../../src/results/seed.ts";
import { openDatabase } from "../../src/store/database.ts";
import { decode } from "../charts/pixels.ts";
import { cliSandbox } from "../helpers/cli.ts";
import { databaseKinds } from "../helpers/databases.ts";

describe.each(await databaseKinds())("hailong announce (%s)", (kind) => {
  const { dataDir, env } = cliSandbox(kind, { HAILONG_APPROVAL: "second-person", USER: "lan" });

  beforeAll(async () => {
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
    await seedOfficialResults(db);
    await db.close();
  });

  async function cli(user: string, ...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const e = { ...env, USER: user };
    const config = loadConfig(e);
    const ctx: CliContext = {
      env: e,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      config,
      logger: silentLogger(),
      openDatabase: () => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
    };
    const code = await announceCommand.run(argv, ctx);
    return { code, out, err };
  }

  it("draft → edit → submit → approve by another person → publish (queued in the outbox)", async () => {
    const card = path.join(dataDir, "card.png");
    const drafted = await cli("lan", "draft", "--index", "SIPAS", "--unit", "lang-son", "--year", "2021", "--out", card);
    expect(drafted.err).toEqual([]);
    expect(drafted.code).toBe(0);
    const id = drafted.out[0]!.replace("id: ", "");
    expect(drafted.out.slice(1, 2)).toEqual(["status: draft (version 1)"]);
    expect(drafted.out).toContain("Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63, tăng 3,1 và tăng 8 bậc so với năm 2020. Trong 5 chỉ số thành phần, 3 chỉ số giảm cả điểm số và thứ hạng, 1 chỉ số tăng cả điểm số và thứ hạng. Khảo sát 400 phiếu trên tổng số 3.366 người. Trung bình 63 tỉnh, thành phố: 87,16 %.");
    expect(drafted.out).toContain("In 2021, the SIPAS index of Lang Son province was 87.07%, ranking 31st of 63, up 3.1 and up 8 places from 2020. Of the 5 sub-indices, 3 fell in both score and rank, 1 rose in both score and rank. Survey of 400 questionnaires among 3,366 people. Average of the 63 provinces: 87.16%.");
    expect(drafted.out.at(-1)).toBe(`card: ${card} (vi), ${path.join(dataDir, "card.en.png")} (en)`);
    expect(decode(fs.readFileSync(card)).width).toBe(720);
    expect(decode(fs.readFileSync(path.join(dataDir, "card.en.png"))).height).toBeLessThanOrEqual(1000);

    const file = path.join(dataDir, "vi.txt");
    fs.writeFileSync(file, "Năm 2021, Lạng Sơn đạt 87,07 % về Chỉ số SIPAS.\n");
    expect((await cli("lan", "edit", id, "--lang", "vi", "--file", file)).out).toEqual([`edited (vi): ${id} is now draft (version 2).`]);
    expect((await cli("lan", "submit", id)).out).toEqual([`submitted: ${id} is now pending (version 2).`]);
    // The author approving their own post is refused under the second-person rule.
    const own = await cli("lan", "approve", id);
    expect(own.code).toBe(1);
    expect(own.err).toEqual(["hailong announce: Approval needs a second person: you cannot approve an announcement you wrote or edited. Please ask another admin."]);
    expect((await cli("hung", "approve", id)).out).toEqual([`approved: ${id} is now approved (version 2).`]);

    const queued = await cli("lan", "publish", id);
    expect(queued.code).toBe(0);
    expect(queued.out[0]).toBe(`queued: ${id} is now scheduled (version 2).`);
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
    try {
      const jobs = await db.prisma.outboxJob.findMany({ where: { kind: ANNOUNCEMENT_JOB_KIND }, select: { status: true, payload: true } });
      expect(jobs).toEqual([{ status: "pending", payload: { announcementId: id, version: 2 } }]);
    } finally {
      await db.close();
    }

    const shown = await cli("lan", "show", id);
    expect(shown.out.slice(0, 2)).toEqual([`id: ${id}`, "status: scheduled (version 2)"]);
    expect(shown.out.find((l) => l.startsWith("approved: "))).toMatch(/^approved: cli:hung, \d+ \w{3} \d{4} \d\d:\d\d \(version 2\)$/);
    const trail = shown.out.slice(shown.out.indexOf("history:") + 1).map((l) => l.trim().split(/\s{2,}/).slice(1, 3).join(" "));
    expect(trail).toEqual([
      "cli:lan announce.draft",
      "cli:lan announce.edit",
      "cli:lan announce.submit",
      "cli:lan announce.refused",
      "cli:hung announce.approve",
      "cli:lan announce.publish",
    ]);

    const listed = await cli("lan", "list", "--status", "scheduled");
    expect(listed.out).toHaveLength(1);
    expect(listed.out[0]).toMatch(new RegExp(`^${id.replace(/[-_]/g, "\\$&")}  scheduled   v2  .*Năm 2021, Lạng Sơn đạt 87,07 % về Chỉ số SIPAS\\.$`));
  });

  it("publish --at schedules in the display time zone; a time in the past is refused", async () => {
    const drafted = await cli("lan", "draft", "--index", "PAR_INDEX", "--unit", "20", "--year", "2021");
    const id = drafted.out[0]!.replace("id: ", "");
    await cli("lan", "submit", id);
    await cli("hung", "approve", id);
    expect((await cli("lan", "publish", id, "--at", "2020-01-01 08:00")).err).toEqual(["hailong announce: The publication time must be in the future."]);
    const at = await cli("lan", "publish", id, "--at", "2099-12-01 08:00");
    expect(at.out).toEqual([
      `scheduled: ${id} is now scheduled (version 1).`,
      `The running hailong service publishes it (1 Dec 2099 08:00) through its outbox; \`hailong announce show ${id}\` shows the outcome.`,
    ]);
    expect((await cli("lan", "show", id)).out).toContain("publish at: 1 Dec 2099 08:00 (Asia/Ho_Chi_Minh)");
  });

  it("reject --reason: the author finds why in `show`; a reason that is blank, too long or holds a NUL is refused", async () => {
    const drafted = await cli("lan", "draft", "--index", "SIPAS", "--unit", "20", "--year", "2021");
    const id = drafted.out[0]!.replace("id: ", "");
    await cli("lan", "submit", id);
    expect((await cli("hung", "reject", id, "--reason", "   ")).err[0]).toBe("hailong announce: --reason needs a few words for the author");
    expect((await cli("hung", "reject", id, "--reason", "a\u0000b")).err[0]).toMatch(/^hailong announce: --reason contains a NUL character/);
    expect((await cli("hung", "reject", id, "--reason", "x".repeat(501))).code).toBe(1);
    const rejected = await cli("hung", "reject", id, "--reason", "Ghi rõ nguồn số liệu.");
    expect(rejected.out).toEqual([`rejected: ${id} is now rejected (version 1).`]);
    expect((await cli("lan", "show", id)).out.find((l) => l.startsWith("rejected: "))).toMatch(/^rejected: cli:hung, .+, because: Ghi rõ nguồn số liệu\.$/);
  });

  it("finds the announcement of an id typed in another case (ids mix cases; people retype them)", async () => {
    const drafted = await cli("lan", "draft", "--index", "SIPAS", "--unit", "20", "--year", "2021");
    const id = drafted.out[0]!.replace("id: ", "");
    const flipped = [...id].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
    expect((await cli("lan", "show", flipped)).out.slice(0, 2)).toEqual([`id: ${id}`, "status: draft (version 1)"]);
    expect((await cli("lan", "submit", flipped)).code).toBe(0);
    expect((await cli("hung", "approve", id.toLowerCase())).code).toBe(0);
    expect((await cli("lan", "show", id)).out[1]).toBe("status: approved (version 1)");
  });

  it("refusals and usage errors", async () => {
    expect(await cli("lan", "draft", "--index", "SIPAS", "--unit", "20", "--year", "2019")).toMatchObject({
      code: 1,
      err: ["hailong announce: The official results registry has no SIPAS result for Lạng Sơn in 2019."],
    });
    expect((await cli("lan", "show", "nope")).err).toEqual(["hailong announce: There is no announcement nope."]);
    // A card path that cannot be written is refused before anything is drafted (a retry would make a second draft).
    const before = (await cli("lan", "list")).out;
    const badOut = await cli("lan", "draft", "--index", "SIPAS", "--unit", "20", "--year", "2021", "--out", path.join(dataDir, "missing", "card.png"));
    expect(badOut.code).toBe(2);
    expect(badOut.err[0]).toBe(`hailong announce: --out: the directory ${path.join(dataDir, "missing")} does not exist`);
    expect((await cli("lan", "list")).out).toEqual(before);
    for (const argv of [[], ["frobnicate"], ["draft", "--index", "SIPAS"], ["edit", "x", "--lang", "fr", "--text", "y"], ["publish", "x", "--at", "tomorrow"], ["list", "--status", "lost"]]) {
      const r = await cli("lan", ...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err.at(-1)).toMatch(/^usage: hailong announce/m);
    }
  });

  it("list --status finds older posts of that status behind 200 newer ones of others", async () => {
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
    try {
      const row = (id: string, status: string, at: Date) => ({
        id,
        sourceKind: "official_result",
        source: { indexCode: "SIPAS", unitCode: "20", year: 2021 },
        textVi: `Bản tin ${id}`,
        textEn: `Post ${id}`,
        status,
        createdBy: "cli:lan",
        createdAt: at,
        updatedAt: at,
      });
      const newer = Date.now() + 86_400_000;
      await db.prisma.announcement.createMany({
        data: [row("old-rejected", "rejected", new Date("2020-01-01T00:00:00Z")), ...Array.from({ length: 200 }, (_, i) => row(`newer-${i}`, "draft", new Date(newer + i * 1000)))],
      });
    } finally {
      await db.close();
    }
    const listed = await cli("lan", "list", "--status", "rejected");
    expect(listed.out.map((l) => l.split("  ")[0])).toContain("old-rejected");
  });

  it("the operator is cli:<os user>", () => {
    expect(cliActor({ USER: "someone" })).toEqual({ id: "cli:someone", role: "admin" });
    expect(cliActor({}).id).toMatch(/^cli:.+/);
  });
});
