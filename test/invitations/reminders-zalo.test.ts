// Zalo invitations on a real database with a scripted Zalo client: a send recorded as failed-retryable is
// retried once when due (never at night, by one claimer), and an OA-message invitation that was delivered but
// never opened gets one reminder with its start button, unless the follower unfollowed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZaloClient } from "../../src/channels/zalo/client.ts";
import { createTranslator } from "../../src/i18n.ts";
import { reminderKey, createReminderScheduler, REMINDER_KIND } from "../../src/invitations/reminders.ts";
import { createReminderHandler } from "../../src/invitations/reminders-handler.ts";
import { createDeliveryRetrySweep } from "../../src/invitations/reminders-retry.ts";
import { silentLogger } from "../../src/logger.ts";
import { createOutboxWorker, type OutboxWorker } from "../../src/outbox/worker.ts";
import { createInvitationStore, type InvitationStore } from "../../src/store/invitations.ts";
import { createOutboxStore } from "../../src/store/outbox.ts";
import { createReminderStore } from "../../src/store/reminders.ts";
import { createRespondentStore } from "../../src/store/respondents.ts";
import { createPseudonymizer } from "../../src/survey/pseudonym.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const HOUR = 3_600_000;
const TZ = "Asia/Ho_Chi_Minh";

describe.each(await databaseKinds())("Zalo invitation retries and reminders on %s", (kind) => {
  let tdb: TestDatabase;
  let invitations: InvitationStore;
  let worker: OutboxWorker;
  const clock = { now: new Date("2026-11-27T03:00:00Z") };
  const calls: { userId: string; text: string; payload: string }[] = [];
  let answer: () => Awaited<ReturnType<ZaloClient["sendTextWithButtons"]>> = () => ({ ok: true, messageId: "m" });
  const client: Pick<ZaloClient, "sendTextWithButtons" | "sendTemplateByPhone"> = {
    async sendTextWithButtons(userId, text, buttons) {
      calls.push({ userId, text, payload: buttons[0]!.payload });
      return answer();
    },
    async sendTemplateByPhone() {
      throw new Error("no ZNS in this test");
    },
  };
  const pseudonymize = createPseudonymizer("a-test-secret-that-is-long-enough-000");
  let seq = 0;

  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    invitations = createInvitationStore(tdb.db);
    const logger = silentLogger();
    const now = () => clock.now;
    const scheduler = createReminderScheduler({ outbox: createOutboxStore(tdb.db), delayHours: 24, timeZone: TZ, now, logger });
    const store = createReminderStore(tdb.db);
    worker = createOutboxWorker({
      store: createOutboxStore(tdb.db),
      now,
      logger,
      sweeps: [createDeliveryRetrySweep({ store, invitations, client, znsConfigured: false, reminders: scheduler, logger, now, timeZone: TZ })],
      handlers: {
        [REMINDER_KIND]: createReminderHandler({
          store,
          invitations,
          respondents: createRespondentStore(tdb.db, now),
          channels: {},
          zaloClient: client,
          pseudonymize,
          t: createTranslator(),
          delayMs: scheduler.delayMs,
          timeZone: TZ,
        }),
      },
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await tdb?.dispose();
  });

  /** An invitation whose OA message failed at `failedAt` with a retry due at `retryAt`. */
  async function failedInvitation(userId: string, failedAt: Date, retryAt: Date) {
    const agency = await tdb.db.prisma.agency.upsert({ where: { code: "Z-A" }, create: { code: "Z-A", nameVi: "UBND xã Zalo" }, update: {} });
    const id = `inv-${kind}-${++seq}`;
    const { invitation } = await invitations.createOrGet({
      id,
      token: `tok-${kind}-${seq}-0123456789abcdef`,
      dossierCode: `HS-Z-${kind}-${seq}`,
      agencyId: agency.id,
      completedAt: failedAt,
      locale: "vi",
      expiresAt: new Date(failedAt.getTime() + 7 * 24 * HOUR),
    });
    await invitations.claimDelivery(id, "zalo-message", failedAt);
    await invitations.recordDelivery(id, { channel: "zalo-message", status: "failed-retryable", at: failedAt, retryAt, recipient: userId, error: "rate limited" });
    return invitation;
  }
  const mine = (userId: string) => calls.filter((c) => c.userId === userId);

  it("retries a due failed-retryable send once, then reminds the unopened invitation once, with its button", async () => {
    clock.now = new Date("2026-11-27T03:00:00Z");
    const inv = await failedInvitation("zu-1", clock.now, new Date(clock.now.getTime() + HOUR));
    await worker.runDue();
    expect(mine("zu-1")).toHaveLength(0); // not due yet
    clock.now = new Date(clock.now.getTime() + HOUR);
    await Promise.all([worker.runDue(), worker.runDue()]);
    expect(mine("zu-1")).toHaveLength(1);
    expect((await invitations.findById(inv.id))!.delivery).toMatchObject({ status: "sent", retryAt: null });
    const job = await createOutboxStore(tdb.db).find(reminderKey({ invitationId: inv.id }));
    expect(job).toMatchObject({ status: "pending", recipient: "zu-1", runAt: new Date("2026-11-28T04:00:00Z") });

    clock.now = new Date("2026-11-28T04:00:00Z");
    await worker.runDue();
    await worker.runDue();
    const sent = mine("zu-1");
    expect(sent).toHaveLength(2);
    expect(sent[1]!.text).toContain("Nhắc lại");
    expect(sent[1]!.payload).toBe(`/start ${inv.token}`);
    expect(await createOutboxStore(tdb.db).find(reminderKey({ invitationId: inv.id }))).toMatchObject({ status: "sent", recipient: null });
  });

  it("does not retry at night: the retry waits for 07:00", async () => {
    clock.now = new Date("2026-11-27T15:00:00Z"); // 22:00 local
    await failedInvitation("zu-2", clock.now, clock.now);
    await worker.runDue();
    expect(mine("zu-2")).toHaveLength(0);
    clock.now = new Date("2026-11-28T00:00:00Z"); // 07:00 local
    await worker.runDue();
    expect(mine("zu-2")).toHaveLength(1);
  });

  it("sends no reminder to a follower who unfollowed", async () => {
    clock.now = new Date("2026-11-27T03:00:00Z");
    const inv = await failedInvitation("zu-3", clock.now, clock.now);
    await worker.runDue();
    expect(mine("zu-3")).toHaveLength(1);
    // What the Zalo notice router does on user_unfollow: the respondent row is created on first contact.
    await tdb.db.prisma.respondent.create({ data: { id: pseudonymize("zalo", "zu-3"), channel: "zalo", chatId: "zu-3", stoppedAt: clock.now } });
    clock.now = new Date(clock.now.getTime() + 25 * HOUR);
    await worker.runDue();
    expect(mine("zu-3")).toHaveLength(1);
    expect(await createOutboxStore(tdb.db).find(reminderKey({ invitationId: inv.id }))).toMatchObject({ status: "cancelled", recipient: null });
  });

  it("keeps a send that fails again for another retry, with the recorded outcome", async () => {
    clock.now = new Date("2026-11-27T04:00:00Z");
    const inv = await failedInvitation("zu-4", clock.now, clock.now);
    answer = () => ({ ok: false, failure: "rate-limited", retryable: true, retryAfterSeconds: 600, detail: "zalo -32" });
    try {
      await worker.runDue();
    } finally {
      answer = () => ({ ok: true, messageId: "m" });
    }
    expect((await invitations.findById(inv.id))!.delivery).toMatchObject({
      status: "failed-retryable",
      retryAt: new Date(clock.now.getTime() + 600_000),
    });
    clock.now = new Date(clock.now.getTime() + 600_000);
    await worker.runDue();
    expect(mine("zu-4")).toHaveLength(2);
    expect((await invitations.findById(inv.id))!.delivery?.status).toBe("sent");
  });
});
