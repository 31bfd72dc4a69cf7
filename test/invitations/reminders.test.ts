// Reminders end to end with a fake clock, on the embedded default and on PostgreSQL: one reminder after the
// delay that continues the survey in one tap, never at night, none once the citizen finished, cancelled,
// erased themselves, blocked the bot, left the channel or let the invitation expire; exactly once across a
// restart; exactly once with two instances on one PostgreSQL database.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reminderKey } from "../../src/invitations/reminders.ts";
import type { Service } from "../../src/main.ts";
import { createRespondentStore } from "../../src/store/respondents.ts";
import { createPgDatabase, databaseKinds, postgresAvailable, tempDir } from "../helpers/databases.ts";
import { advance, baseEnv, boot, citizen, fakeBotApi, HOUR, invite, isReminder, type FakeBotApi } from "./reminders-helpers.ts";

const kinds = await databaseKinds();

async function dataFor(kind: "embedded" | "postgresql") {
  const dataDir = tempDir();
  const pg = kind === "postgresql" ? await createPgDatabase() : undefined;
  return {
    env: baseEnv(dataDir, pg ? { DATABASE_URL: pg.url } : {}),
    async dispose() {
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe.each(kinds)("reminders on %s", (kind) => {
  const clock = { now: new Date("2026-11-27T03:00:00Z") };
  let api: FakeBotApi;
  let service: Service;
  let data: Awaited<ReturnType<typeof dataFor>>;
  let chat = 3000;

  beforeAll(async () => {
    data = await dataFor(kind);
    api = fakeBotApi();
    service = await boot(data.env, clock, api);
  });
  afterAll(async () => {
    await service?.stop();
    await data?.dispose();
  });

  /** An invited citizen who started at `startAt` and answered the first question. */
  async function startedCitizen(startAt: string) {
    clock.now = new Date(startAt);
    const inv = await invite(service);
    const c = citizen(service, api, ++chat);
    await c.command(`/start ${inv.token}`);
    await c.tap("4");
    expect(c.messages().at(-1)!.text).toContain("Câu 2/8");
    return { c, inv, job: () => service.outbox.store.find(reminderKey({ invitationId: inv.id })) };
  }
  const reminders = (c: ReturnType<typeof citizen>) => c.messages().filter(isReminder);

  it("sends one reminder after 24 h, carrying the current question so one tap continues", async () => {
    const { c, job } = await startedCitizen("2026-11-27T03:00:00Z"); // 10:00 local
    advance(clock, 24 * HOUR - 60_000);
    await service.outbox.runDue();
    expect(reminders(c)).toHaveLength(0);
    advance(clock, 60_000);
    await service.outbox.runDue();
    const [r] = reminders(c);
    expect(reminders(c)).toHaveLength(1);
    expect(r!.text).toContain("UBND xã Tân Thanh");
    expect(r!.text).toContain("Câu 2/8");
    expect(r!.buttons.flat().filter((b) => /^[1-5] · /.test(b.text))).toHaveLength(5);
    const [next] = await c.tap("5");
    expect(next!.text).toContain("Câu 3/8");
    advance(clock, 3 * 24 * HOUR);
    await service.outbox.runDue();
    expect(reminders(c)).toHaveLength(1);
    expect(await job()).toMatchObject({ status: "sent" });
  });

  it("moves a reminder that would land at night to 07:00 the next morning", async () => {
    const { c, job } = await startedCitizen("2026-11-27T15:30:00Z"); // 22:30 local
    expect((await job())!.runAt.toISOString()).toBe("2026-11-29T00:00:00.000Z"); // 07:00 local, 28 → 29 Nov
    clock.now = new Date("2026-11-28T23:59:00Z"); // 06:59 local
    await service.outbox.runDue();
    expect(reminders(c)).toHaveLength(0);
    clock.now = new Date("2026-11-29T00:00:00Z");
    await service.outbox.runDue();
    expect(reminders(c)).toHaveLength(1);
  });

  it("holds a reminder that came due in the evening but found the worker late, past 21:00", async () => {
    const { c, job } = await startedCitizen("2026-11-27T13:30:00Z"); // 20:30 local: due 20:30 next day, allowed
    expect((await job())!.runAt.toISOString()).toBe("2026-11-28T13:30:00.000Z");
    clock.now = new Date("2026-11-28T14:05:00Z"); // 21:05 local: the worker only now gets to it
    await service.outbox.runDue();
    expect(reminders(c)).toHaveLength(0);
    expect((await job())!.runAt.toISOString()).toBe("2026-11-29T00:00:00.000Z");
    clock.now = new Date("2026-11-29T00:00:00Z");
    await service.outbox.runDue();
    expect(reminders(c)).toHaveLength(1);
  });

  it("sends none after the survey was completed", async () => {
    const { c, job } = await startedCitizen("2026-11-27T03:00:00Z");
    for (let i = 0; i < 10 && !c.messages().at(-1)!.text.startsWith("Cảm ơn"); i++) {
      const buttons = c.messages().at(-1)!.buttons.flat().map((b) => b.text);
      await c.tap(buttons.some((b) => b.startsWith("4")) ? "4" : buttons.some((b) => b.startsWith("1.")) ? "1." : "Bỏ qua");
    }
    expect(c.messages().at(-1)!.text).toMatch(/^Cảm ơn/);
    advance(clock, 25 * HOUR);
    await service.outbox.runDue();
    expect(reminders(c)).toHaveLength(0);
    expect(await job()).toMatchObject({ status: "cancelled", lastError: "the survey was completed" });
  });

  it("sends none after /cancel", async () => {
    const { c, job } = await startedCitizen("2026-11-27T03:00:00Z");
    await c.command("/cancel");
    advance(clock, 25 * HOUR);
    await service.outbox.runDue();
    expect(reminders(c)).toHaveLength(0);
    expect(await job()).toMatchObject({ status: "cancelled" });
  });

  it("sends none after /delete", async () => {
    const { c, job } = await startedCitizen("2026-11-27T03:00:00Z");
    await c.command("/delete");
    await c.tap("Xóa dữ liệu");
    advance(clock, 25 * HOUR);
    await service.outbox.runDue();
    expect(reminders(c)).toHaveLength(0);
    expect((await job())?.status).toBe("cancelled");
  });

  it("tries a blocked chat once (403), remembers the block, and never again", async () => {
    const { c, job, inv } = await startedCitizen("2026-11-27T03:00:00Z");
    const id = String(chat);
    api.blocked.add(id);
    advance(clock, 25 * HOUR);
    await service.outbox.runDue();
    expect(api.refused.filter((x) => x === id)).toHaveLength(1);
    expect(await job()).toMatchObject({ status: "cancelled" });
    const r = await service.db.prisma.response.findUniqueOrThrow({ where: { invitationId: inv.id }, select: { respondent: { select: { stoppedAt: true } } } });
    expect(r.respondent?.stoppedAt).not.toBeNull();
    advance(clock, 3 * 24 * HOUR);
    await service.outbox.runDue();
    expect(api.refused.filter((x) => x === id)).toHaveLength(1);
    expect(reminders(c)).toHaveLength(0);
  });

  it("sends none to someone who left the channel (unfollow marks the respondent stopped)", async () => {
    const { c, job, inv } = await startedCitizen("2026-11-27T03:00:00Z");
    const r = await service.db.prisma.response.findUniqueOrThrow({ where: { invitationId: inv.id }, select: { respondentId: true } });
    await createRespondentStore(service.db, () => clock.now).markStopped(r.respondentId!, clock.now);
    advance(clock, 25 * HOUR);
    await service.outbox.runDue();
    expect(reminders(c)).toHaveLength(0);
    expect(await job()).toMatchObject({ status: "cancelled", lastError: expect.stringContaining("left the channel") });
  });

  it("sends none once the invitation has expired", async () => {
    clock.now = new Date("2026-11-27T03:00:00Z");
    const inv = await invite(service); // valid 7 days
    advance(clock, 6 * 24 * HOUR + 2 * HOUR); // started 2 h before the last day ends: due after expiry
    const c = citizen(service, api, ++chat);
    await c.command(`/start ${inv.token}`);
    advance(clock, 24 * HOUR);
    await service.outbox.runDue();
    expect(reminders(c)).toHaveLength(0);
    expect(await service.outbox.store.find(reminderKey({ invitationId: inv.id }))).toMatchObject({ status: "cancelled", lastError: "the invitation expired" });
  });

  it("reminds a walk-in survey too (no invitation), once", async () => {
    clock.now = new Date("2026-11-27T03:00:00Z");
    const c = citizen(service, api, ++chat);
    await c.command("/start");
    await c.tap("UBND xã Tân Thanh");
    advance(clock, 24 * HOUR);
    await service.outbox.runDue();
    await service.outbox.runDue();
    expect(reminders(c)).toHaveLength(1);
    expect(reminders(c)[0]!.text).toContain("Câu 1/8");
  });
});

describe.each(kinds)("reminders across a restart on %s", (kind) => {
  it("a reminder scheduled before a restart is sent once by the new process", async () => {
    const data = await dataFor(kind);
    const clock = { now: new Date("2026-11-27T03:00:00Z") };
    const apiA = fakeBotApi();
    const a = await boot(data.env, clock, apiA);
    let b: Service | undefined;
    let c2: Service | undefined;
    try {
      const inv = await invite(a);
      await citizen(a, apiA, 4001).command(`/start ${inv.token}`);
      await a.stop();

      const apiB = fakeBotApi();
      b = await boot(data.env, clock, apiB);
      advance(clock, 24 * HOUR);
      await b.outbox.runDue();
      await b.outbox.runDue();
      const onB = citizen(b, apiB, 4001);
      expect(onB.messages().filter(isReminder)).toHaveLength(1);
      expect((await onB.tap("4"))[0]!.text).toContain("Câu 2/8");
      await b.stop();

      const apiC = fakeBotApi();
      c2 = await boot(data.env, clock, apiC);
      advance(clock, 48 * HOUR);
      await c2.outbox.runDue();
      expect(apiC.sent).toHaveLength(0);
      expect(apiA.sent.filter(isReminder)).toHaveLength(0);
    } finally {
      await a.stop();
      await b?.stop();
      await c2?.stop();
      await data.dispose();
    }
  });
});

describe.runIf(await postgresAvailable())("reminders with two instances on one PostgreSQL", () => {
  it("sends each reminder exactly once while both workers run", async () => {
    const data = await dataFor("postgresql");
    const clock = { now: new Date("2026-11-27T03:00:00Z") };
    const apis = [fakeBotApi(), fakeBotApi()] as const;
    // Both poll every 5 ms, so their claims really do race.
    const services = [await boot(data.env, clock, apis[0], 5), await boot(data.env, clock, apis[1], 5)] as const;
    try {
      const citizens = 12;
      for (let i = 0; i < citizens; i++) {
        const s = services[i % 2]!;
        const inv = await invite(s);
        await citizen(s, apis[i % 2]!, 5000 + i).command(`/start ${inv.token}`);
      }
      advance(clock, 24 * HOUR);
      await Promise.all([services[0].outbox.runDue(), services[1].outbox.runDue(), services[0].outbox.runDue(), services[1].outbox.runDue()]);
      const deadline = Date.now() + 10_000;
      while ((await services[0].outbox.store.backlog(clock.now)).pending > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // One more tick on each, queued behind any tick still running: a wrong second send would happen here.
      await Promise.all([services[0].outbox.runDue(), services[1].outbox.runDue()]);
      const sent = [...apis[0].sent, ...apis[1].sent].filter(isReminder);
      expect(sent).toHaveLength(citizens);
      expect(new Set(sent.map((m) => m.chat_id)).size).toBe(citizens);
    } finally {
      for (const s of services) await s.stop();
      await data.dispose();
    }
  });
});
