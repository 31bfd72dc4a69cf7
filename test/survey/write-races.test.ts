// A write that loses a version race (another instance moved the run between our read and our write) is
// retried once after a fresh read, for an answer and for /cancel alike; a run that keeps moving on every
// write makes the event give up instead of retrying without end. The races are real: a second writer
// steps the run through the same store just before each of the service's own writes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/messages.ts";
import { createTranslator } from "../../src/i18n.ts";
import { randomId } from "../../src/ids.ts";
import { silentLogger } from "../../src/logger.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { createInvitationStore } from "../../src/store/invitations.ts";
import { createProcessedStore } from "../../src/store/processed.ts";
import { createRespondentStore } from "../../src/store/respondents.ts";
import { createResponseStore, type ResponseStore } from "../../src/store/responses.ts";
import { createPseudonymizer } from "../../src/survey/pseudonym.ts";
import { createSurveyService } from "../../src/survey/survey-service.ts";
import { testClock } from "../helpers/clock.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const t = createTranslator();

describe.each(await databaseKinds())("survey writes that lose a version race (%s)", (kind) => {
  let db: TestDatabase;
  const clock = testClock();
  let agencyId: number;
  let delivery = 0;
  let citizen = 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    agencyId = (await createAgencyStore(db.db).ensure({ code: "LSN-STP", nameVi: "Sở Tư pháp" })).id;
  });
  afterAll(async () => db?.dispose());

  /** The real response store, with another writer that moves the run before each of the first `races` writes. */
  function racing(races: number) {
    const responses = createResponseStore(db.db, clock.now);
    let left = races;
    const writes = { count: 0 };
    const store: ResponseStore = {
      ...responses,
      async step(w) {
        writes.count++;
        if (left-- > 0) {
          const run = await responses.findById(w.runId);
          const moved = await responses.step({ runId: w.runId, expectedVersion: run!.version, state: run!.state, status: "active", deliveryKey: `other-instance:${randomId()}` });
          expect(moved).toBe("applied");
        }
        return responses.step(w);
      },
    };
    return { store, writes, arm: (n: number) => (left = n) };
  }

  /** One citizen with a survey started from their invitation; the race starts only after that. */
  async function startedSurvey() {
    const race = racing(0);
    const service = createSurveyService({
      agencies: createAgencyStore(db.db),
      invitations: createInvitationStore(db.db),
      respondents: createRespondentStore(db.db, clock.now),
      responses: race.store,
      processed: createProcessedStore(db.db),
      pseudonymize: createPseudonymizer("a-test-secret-of-at-least-32-characters"),
      t,
      logger: silentLogger(),
      now: clock.now,
      newId: () => randomId(9),
      defaultQuestionnaire: "sipas-short",
    });
    const userId = String(9000 + ++citizen);
    const token = randomId();
    await createInvitationStore(db.db).createOrGet({
      id: randomId(),
      token,
      dossierCode: `HS-RACE-${citizen}`,
      agencyId,
      completedAt: clock.now(),
      locale: "vi",
      expiresAt: new Date(clock.now().getTime() + 7 * 86_400_000),
    });
    const send = (payload: InboundEvent["payload"]) =>
      service.handle({ channel: "telegram", userId, chatId: userId, deliveryKey: `telegram:${++delivery}`, payload });
    const opened = await send({ kind: "command", command: "start", args: token });
    expect(opened.at(-1)?.buttons?.length).toBeGreaterThan(0);
    const runOf = () => db.db.prisma.response.findFirstOrThrow({ where: { invitation: { token } }, select: { status: true, version: true } });
    return { ...race, send, runOf };
  }

  it("/cancel after one lost race reads the run again and cancels it", async () => {
    const s = await startedSurvey();
    s.arm(1);
    const replies = await s.send({ kind: "command", command: "cancel", args: "" });
    expect(replies.map((r) => r.text)).toContain(t("vi", "cancel.done"));
    expect(s.writes.count).toBe(2);
    expect((await s.runOf()).status).toBe("cancelled");
  });

  it("/cancel on a run that moves on every write gives up after that one retry", async () => {
    const s = await startedSurvey();
    s.arm(Number.POSITIVE_INFINITY);
    await expect(s.send({ kind: "command", command: "cancel", args: "" })).rejects.toThrow(/keeps changing underneath/);
    expect(s.writes.count).toBe(2);
    expect((await s.runOf()).status).toBe("active");
  });

  it("an answer is bounded the same way: one retry after a lost race, then it gives up", async () => {
    const s = await startedSurvey();
    s.arm(1);
    await s.send({ kind: "text", text: "4" });
    expect(s.writes.count).toBe(2);
    s.writes.count = 0;
    s.arm(Number.POSITIVE_INFINITY);
    await expect(s.send({ kind: "text", text: "5" })).rejects.toThrow(/keeps changing underneath/);
    expect(s.writes.count).toBe(2);
  });
});
