// Two instances write the same survey steps at the same moment (Telegram delivered each update to both),
// each gathering them into one statement in its own order. Every step is stored once and neither instance
// sees an error: a batch locks its runs in one order, so two batches never wait on each other in a circle
// (PostgreSQL would abort one as a deadlock, and the citizens in it would be told something went wrong).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { createResponseStore } from "../../src/store/responses.ts";
import { start } from "../../src/survey/engine.ts";
import { getQuestionnaire } from "../../src/survey/questionnaires/index.ts";
import { testClock } from "../helpers/clock.ts";
import { createPgDatabase, postgresAvailable, tempDir } from "../helpers/databases.ts";

const RUNS = 40;
const ROUNDS = 15;
const pgUp = await postgresAvailable();

describe.skipIf(!pgUp)("steps written by two instances at once on PostgreSQL", () => {
  const clock = testClock();
  const dbs: Database[] = [];
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const created = await createPgDatabase();
    drop = created.drop;
    for (let i = 0; i < 2; i++) dbs.push(await openDatabase({ databaseUrl: created.url, dataDir: tempDir(), poolSize: 5 }));
  }, 60_000);
  afterAll(async () => {
    for (const d of dbs) await d.close();
    await drop();
  });

  it("stores each step once, whichever instance wins, with no deadlock", async () => {
    const [a, b] = dbs.map((d) => createResponseStore(d, clock.now));
    const agencyId = (await createAgencyStore(dbs[0]!).ensure({ code: "LSN-STP", nameVi: "Sở Tư pháp" })).id;
    const q = getQuestionnaire("sipas-short")!;
    const runs: { id: string; state: ReturnType<typeof start>["state"] }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const state = start(q, "vi").state;
      const started = await a!.start({
        id: `run-${i}`,
        respondent: { chatId: String(8000 + i), locale: "vi" },
        invitationId: null,
        respondentId: `resp-${i}`,
        agencyId,
        procedureCode: null,
        channel: "telegram",
        walkIn: true,
        walkInLimit: null,
        state,
        deliveryKey: `start-${i}`,
      });
      expect(started.ok).toBe(true);
      runs.push({ id: `run-${i}`, state });
    }
    for (let round = 0; round < ROUNDS; round++) {
      const write = (store: typeof a, r: (typeof runs)[number]) =>
        store!.step({ runId: r.id, expectedVersion: round, state: r.state, status: "active", deliveryKey: `tap-${r.id}-${round}` });
      // Queued in one turn, so each instance sends all of them in one statement: one forwards, one backwards.
      const forwards = runs.map((r) => write(a, r));
      const backwards = [...runs].reverse().map((r) => write(b, r)).reverse();
      const outcomes = await Promise.all([...forwards, ...backwards]);
      for (let i = 0; i < RUNS; i++) {
        const pair = [outcomes[i], outcomes[RUNS + i]].sort();
        expect(pair, `round ${round}, run ${i}`).toEqual(["applied", "duplicate"]);
      }
    }
    const versions = await dbs[0]!.sql.query<{ version: number }>(`SELECT version FROM response ORDER BY id`);
    expect(versions.every((v) => v.version === ROUNDS)).toBe(true);
  }, 120_000);
});
