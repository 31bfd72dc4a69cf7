// Survey runs (the Response row holds the engine state) and their answers.
// Every state change is one SQL statement: the version check, the answer upsert and the delivery key
// are applied together or not at all, so a crash never leaves half an answer and a redelivery is a no-op.
import type { AnswerValue, Element, SurveyState } from "../survey/types.ts";
import type { Database } from "./database.ts";
import { utcText } from "./sql-values.ts";
import { createStepBatcher, type StepOutcome } from "./step-batcher.ts";

export type ResponseStatus = "active" | "completed" | "cancelled";

export interface SurveyRun {
  id: string;
  invitationId: string | null;
  respondentId: string | null;
  agencyId: number;
  channel: string;
  status: ResponseStatus;
  state: SurveyState;
  version: number;
}

export interface NewRun {
  id: string;
  /** The person starting it: created on first contact, chat id refreshed otherwise. */
  respondent: { chatId: string; locale: string };
  invitationId: string | null;
  respondentId: string;
  agencyId: number;
  procedureCode: string | null;
  channel: string;
  walkIn: boolean;
  /**
   * For a walk-in: the period [from, to) in which the person may have only one completed walk-in response
   * to this agency (src/integrity/walk-in-limit.ts); null = no limit.
   */
  walkInLimit: { from: Date; to: Date } | null;
  state: SurveyState;
  deliveryKey: string;
}

export interface StepWrite {
  runId: string;
  expectedVersion: number;
  state: SurveyState;
  status: ResponseStatus;
  deliveryKey: string;
  answer?: { itemId: string; element: Element | null; value: AnswerValue };
}

export type { StepOutcome };

const runSelect = {
  id: true,
  invitationId: true,
  respondentId: true,
  agencyId: true,
  channel: true,
  status: true,
  state: true,
  version: true,
} as const;

function toRun(r: { state: unknown; status: string } & Omit<SurveyRun, "state" | "status">): SurveyRun {
  return { ...r, status: r.status as ResponseStatus, state: r.state as SurveyState };
}

interface RunRow {
  id: string;
  invitation_id: string | null;
  respondent_id: string | null;
  agency_id: number;
  channel: string;
  status: string;
  /** jsonb: both drivers hand it back parsed. */
  state: unknown;
  version: number;
}

const fromRow = (r: RunRow): SurveyRun =>
  toRun({ id: r.id, invitationId: r.invitation_id, respondentId: r.respondent_id, agencyId: r.agency_id, channel: r.channel, status: r.status, state: r.state, version: r.version });

const FIND_ACTIVE_SQL = `
SELECT id, invitation_id, respondent_id, agency_id, channel, status, state, version
  FROM response WHERE respondent_id = $1 AND status = 'active' ORDER BY updated_at DESC LIMIT 1`;

// One statement: claim the delivery, upsert the respondent, insert the run, and only then cancel the
// person's other unfinished run. The unique invitation key refuses a second response to a dossier, except
// that a cancelled one is reopened in place: /cancel and /delete must not lock the citizen out, while the
// dossier still gets at most one row, so at most one completed response. Reopening starts over (state,
// answers, start time): the person stopped, they did not answer.
// Parameters: $1 key, $2 respondent id, $3 channel, $4 chat id, $5 locale, $6 run id, $7 invitation id,
// $8 agency id, $9 procedure code, $10 questionnaire id, $11 version, $12 walk-in, $13 state, $14 time,
// $15/$16 the walk-in limit's period (null = none). A walk-in whose person already completed one for this
// agency in that period inserts nothing (`limited`); the delivery stays claimed, so a redelivery is silent.
const START_SQL = `
WITH claim AS (
  INSERT INTO processed_update (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key
), prior AS (
  SELECT 1 FROM response x
   WHERE $12::boolean AND $15::timestamp IS NOT NULL AND x.respondent_id = $2 AND x.agency_id = $8 AND x.walk_in
     AND x.status = 'completed' AND x.completed_at >= $15::timestamp AND x.completed_at < $16::timestamp
   LIMIT 1
), who AS (
  INSERT INTO respondent (id, channel, chat_id, locale, created_at, updated_at)
  SELECT $2, $3, $4, $5, $14::timestamptz, $14::timestamptz FROM claim
  ON CONFLICT (id) DO UPDATE SET chat_id = EXCLUDED.chat_id, updated_at = EXCLUDED.updated_at
  RETURNING id
), ins AS (
  INSERT INTO response (id, invitation_id, respondent_id, agency_id, procedure_code, channel, locale,
                        questionnaire_id, questionnaire_version, walk_in, status, state, version, started_at, updated_at)
  SELECT $6, $7, who.id, $8, $9, $3, $5, $10, $11, $12, 'active', $13::jsonb, 0, $14::timestamptz, $14::timestamptz FROM who
   WHERE NOT EXISTS (SELECT 1 FROM prior)
  ON CONFLICT (invitation_id) DO UPDATE
     SET respondent_id = EXCLUDED.respondent_id, channel = EXCLUDED.channel, locale = EXCLUDED.locale,
         questionnaire_id = EXCLUDED.questionnaire_id, questionnaire_version = EXCLUDED.questionnaire_version,
         status = 'active', state = EXCLUDED.state, version = response.version + 1,
         started_at = EXCLUDED.started_at, updated_at = EXCLUDED.updated_at, completed_at = NULL
   WHERE response.status = 'cancelled'
  RETURNING id, version
), wipe AS (
  DELETE FROM answer WHERE response_id IN (SELECT id FROM ins WHERE version > 0)
), cancel AS (
  UPDATE response SET status = 'cancelled', version = version + 1, updated_at = $14::timestamptz
   WHERE respondent_id = $2 AND status = 'active' AND id NOT IN (SELECT id FROM ins) AND EXISTS (SELECT 1 FROM ins)
  RETURNING id
)
SELECT (SELECT count(*) FROM claim)::int AS fresh, (SELECT count(*) FROM ins)::int AS created,
       (SELECT id FROM ins) AS id, (SELECT version FROM ins)::int AS version, (SELECT count(*) FROM prior)::int AS limited`;

function answerColumns(a: StepWrite["answer"]): unknown[] {
  if (!a) return [null, null, null, null, null, false];
  const v = a.value;
  return [
    a.itemId,
    a.element,
    "score" in v ? v.score : null,
    "choice" in v ? v.choice : null,
    "text" in v ? v.text : null,
    "skipped" in v,
  ];
}

/** `now` is the service's clock: every time written here comes from it, so a test's clock decides the period. */
export function createResponseStore(db: Database, now: () => Date) {
  const p = db.prisma;
  const batcher = createStepBatcher(db.sql, db.sql.dialect === "pglite" ? { concurrency: 1, gatherMs: 5 } : { concurrency: 4 });
  return {
    async findActive(respondentId: string): Promise<SurveyRun | null> {
      // Raw SQL, as the writes are: with several instances nearly every answer reads its run afresh, and
      // Prisma's query compiler was a fifth of an instance's CPU on that read (bench:ingest PostgreSQL x3).
      const [r] = await db.sql.query<RunRow>(FIND_ACTIVE_SQL, [respondentId]);
      return r ? fromRow(r) : null;
    },

    /** The agency of the person's most recent run, whatever its status (what /about talks about), or null. */
    async latestAgencyOf(respondentId: string): Promise<number | null> {
      const r = await p.response.findFirst({ where: { respondentId }, orderBy: { updatedAt: "desc" }, select: { agencyId: true } });
      return r?.agencyId ?? null;
    },

    async findById(id: string): Promise<SurveyRun | null> {
      const r = await p.response.findUnique({ where: { id }, select: runSelect });
      return r ? toRun(r) : null;
    },

    /**
     * Starts a run. Any other unfinished run of the same person is cancelled (one survey at a time).
     * `walk-in-limit` when a walk-in's person already completed one for the agency in `walkInLimit`.
     * `invitation-used` when the invitation already has an active or completed response (the unique key
     * decides, not code); a cancelled one is reopened under its own id, which the returned run carries.
     */
    async start(run: NewRun): Promise<{ ok: true; run: SurveyRun } | { ok: false; reason: "invitation-used" | "walk-in-limit" | "duplicate" }> {
      const [r] = await db.sql.query<{ fresh: number; created: number; id: string | null; version: number | null; limited: number }>(START_SQL, [
        run.deliveryKey,
        run.respondentId,
        run.channel,
        run.respondent.chatId,
        run.respondent.locale,
        run.id,
        run.invitationId,
        run.agencyId,
        run.procedureCode,
        run.state.questionnaireId,
        run.state.questionnaireVersion,
        run.walkIn,
        JSON.stringify(run.state),
        now().toISOString(),
        run.walkInLimit ? utcText(run.walkInLimit.from) : null,
        run.walkInLimit ? utcText(run.walkInLimit.to) : null,
      ]);
      if (!r || r.fresh === 0) return { ok: false, reason: "duplicate" };
      if (r.limited > 0) return { ok: false, reason: "walk-in-limit" };
      if (r.created === 0 || r.id === null) return { ok: false, reason: "invitation-used" };
      return {
        ok: true,
        run: {
          id: r.id,
          invitationId: run.invitationId,
          respondentId: run.respondentId,
          agencyId: run.agencyId,
          channel: run.channel,
          status: "active",
          state: run.state,
          version: r.version ?? 0,
        },
      };
    },

    /**
     * Applies the new state and answer if the run's version still matches and the delivery is new: one
     * statement, shared with the other steps arriving at the same moment (see step-batcher.ts).
     */
    step(w: StepWrite): Promise<StepOutcome> {
      const [item, element, score, choice, txt, skipped] = answerColumns(w.answer);
      return batcher.write({
        key: w.deliveryKey,
        state: w.state,
        status: w.status,
        locale: w.state.locale,
        id: w.runId,
        ver: w.expectedVersion,
        item: item as string | null,
        element: element as string | null,
        score: score as number | null,
        choice: choice as string | null,
        txt: txt as string | null,
        skipped: skipped as boolean,
        at: now().toISOString(),
      });
    },

    async answers(runId: string) {
      return p.answer.findMany({
        where: { responseId: runId },
        orderBy: { id: "asc" },
        select: { itemId: true, element: true, score: true, choice: true, text: true, skipped: true },
      });
    },
  };
}

export type ResponseStore = ReturnType<typeof createResponseStore>;
