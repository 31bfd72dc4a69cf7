// A walk-in (no invitation) counts once per person per agency per period: the second one in the same
// month is refused kindly in the citizen's language, another agency or the next period is welcome, and a
// dossier's invitation is not limited by walk-ins. Runs the real survey service on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/messages.ts";
import { createTranslator } from "../../src/i18n.ts";
import { randomId } from "../../src/ids.ts";
import { walkInPeriod } from "../../src/integrity/walk-in-limit.ts";
import { silentLogger } from "../../src/logger.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { createInvitationStore } from "../../src/store/invitations.ts";
import { createProcessedStore } from "../../src/store/processed.ts";
import { createRespondentStore } from "../../src/store/respondents.ts";
import { createResponseStore } from "../../src/store/responses.ts";
import { encodeButton } from "../../src/survey/callback-data.ts";
import { createPseudonymizer } from "../../src/survey/pseudonym.ts";
import { getQuestionnaire } from "../../src/survey/questionnaires/index.ts";
import { createSurveyService } from "../../src/survey/survey-service.ts";
import type { WalkInLimitPeriod } from "../../src/integrity/walk-in-limit.ts";
import { testClock, testNow } from "../helpers/clock.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const t = createTranslator();
const TZ = "Asia/Ho_Chi_Minh";

describe("walk-in limit periods", () => {
  it("are the calendar week, month or quarter holding the moment, in Vietnam time", () => {
    // 23:30 on 30 Nov 2026 in Hà Nội is still November there (16:30 UTC).
    const at = new Date("2026-11-30T16:30:00Z");
    expect(walkInPeriod(at, "month", TZ).label).toBe("2026-11");
    expect(walkInPeriod(at, "quarter", TZ).label).toBe("2026-Q4");
    expect(walkInPeriod(at, "week", TZ).label).toBe("2026-W49");
    expect(walkInPeriod(new Date("2026-11-30T17:00:00Z"), "month", TZ).label).toBe("2026-12");
  });
});

describe.each(await databaseKinds())("one walk-in per person per agency per period (%s)", (kind) => {
  let db: TestDatabase;
  let agencyA: number;
  let agencyB: number;
  let delivery = 0;
  let citizen = 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const agencies = createAgencyStore(db.db);
    agencyA = (await agencies.ensure({ code: "LSN-STP", nameVi: "Sở Tư pháp", nameEn: "Department of Justice" })).id;
    agencyB = (await agencies.ensure({ code: "LSN-SXD", nameVi: "Sở Xây dựng" })).id;
  });
  afterAll(async () => db?.dispose());

  function citizenWith(period: WalkInLimitPeriod = "month", languageHint?: string) {
    const clock = testClock();
    const service = createSurveyService({
      agencies: createAgencyStore(db.db),
      invitations: createInvitationStore(db.db),
      respondents: createRespondentStore(db.db, clock.now),
      responses: createResponseStore(db.db, clock.now),
      processed: createProcessedStore(db.db),
      pseudonymize: createPseudonymizer("a-test-secret-of-at-least-32-characters"),
      t,
      logger: silentLogger(),
      now: clock.now,
      newId: () => randomId(9),
      defaultQuestionnaire: "sipas-short",
      timeZone: TZ,
      walkInLimitPeriod: period,
    });
    const userId = String(7000 + ++citizen);
    const send = (payload: InboundEvent["payload"]) =>
      service.handle({ channel: "telegram", userId, chatId: userId, deliveryKey: `telegram:${++delivery}`, payload, languageHint });
    const activeRun = () =>
      db.db.prisma.response.findFirst({ where: { status: "active", respondent: { chatId: userId } }, select: { id: true, state: true } });
    /** Taps 5 on every scored question and skips the optional others, until the run is completed. */
    async function finish(): Promise<void> {
      const q = getQuestionnaire("sipas-short")!;
      for (let guard = 0; guard < 20; guard++) {
        const run = await activeRun();
        if (!run) return;
        const position = (run.state as { position: number }).position;
        const item = q.items[position]!;
        clock.advance(6_000);
        await send({
          kind: "button",
          data: encodeButton(item.kind === "likert" ? { kind: "answer", runId: run.id, position, value: "5" } : { kind: "skip", runId: run.id, position }),
        });
      }
      throw new Error("the survey did not finish");
    }
    const walkIn = (agencyId: number) => send({ kind: "button", data: encodeButton({ kind: "agency", agencyId }) });
    return { clock, send, walkIn, finish, activeRun };
  }

  it("refuses a second walk-in to the same agency in the month, kindly, and says from when it is welcome again", async () => {
    const c = citizenWith();
    const first = await c.walkIn(agencyA);
    expect(first.at(-1)?.buttons?.length).toBeGreaterThan(0);
    await c.finish();
    const again = await c.walkIn(agencyA);
    expect(again).toHaveLength(1);
    const month = walkInPeriod(c.clock.now(), "month", TZ);
    const next = new Date(month.to.getTime() + 7 * 3_600_000).toISOString().slice(0, 10).split("-").reverse().join("/");
    expect(again[0]!.text).toBe(t("vi", "start.walk_in_limit", { agency: "Sở Tư pháp", period: "tháng", next }));
    expect(again[0]!.buttons ?? []).toHaveLength(0);
    expect(await c.activeRun()).toBeNull();
  });

  it("speaks English to a citizen whose app is in English", async () => {
    const c = citizenWith("month", "en");
    await c.walkIn(agencyA);
    await c.finish();
    const again = await c.walkIn(agencyA);
    expect(again[0]!.text).toContain("You have already rated Department of Justice this month");
  });

  it("welcomes the same person at another agency, and at the same agency in the next period", async () => {
    const c = citizenWith();
    await c.walkIn(agencyA);
    await c.finish();
    const other = await c.walkIn(agencyB);
    expect(other.at(-1)?.buttons?.length).toBeGreaterThan(0);
    await c.finish();
    c.clock.advance(walkInPeriod(c.clock.now(), "month", TZ).to.getTime() - c.clock.now().getTime() + 60_000);
    const nextMonth = await c.walkIn(agencyA);
    expect(nextMonth.at(-1)?.buttons?.length).toBeGreaterThan(0);
  });

  it("counts only completed walk-ins: a cancelled one may be started again", async () => {
    const c = citizenWith();
    await c.walkIn(agencyA);
    await c.send({ kind: "command", command: "cancel", args: "" });
    const again = await c.walkIn(agencyA);
    expect(again.at(-1)?.buttons?.length).toBeGreaterThan(0);
  });

  it("does not limit a dossier's invitation, which stays one response per dossier", async () => {
    const c = citizenWith("quarter");
    await c.walkIn(agencyA);
    await c.finish();
    const token = randomId();
    await createInvitationStore(db.db).createOrGet({
      id: randomId(),
      token,
      dossierCode: `HS-WALKIN-${citizen}`,
      agencyId: agencyA,
      completedAt: testNow(),
      locale: "vi",
      expiresAt: new Date(c.clock.now().getTime() + 7 * 86_400_000),
    });
    const opened = await c.send({ kind: "command", command: "start", args: token });
    expect(opened.at(-1)?.buttons?.length).toBeGreaterThan(0);
    await c.finish();
    const reused = await c.send({ kind: "command", command: "start", args: token });
    expect(reused[0]!.text).toBe(t("vi", "start.already_answered"));
  });
});
