// Survey runs (the Response row holds the engine state) and their answers.
// Every state change is one SQL statement: the version check, the answer upsert and the delivery key
// are applied together or not at all, so a crash never leaves half an answer and a redelivery is a no-op.
import type { AnswerValue, Element, SurveyState } from "../survey/types.ts";
import type { Database } from "./database.ts";
import { isUniqueViolation } from "./errors.ts";

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
  invitationId: string | null;
  respondentId: string;
  agencyId: number;
  procedureCode: string | null;
  channel: string;
  walkIn: boolean;
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

export type StepOutcome = "applied" | "duplicate" | "conflict";

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

// Parameters: $1 key, $2 state, $3 status, $4 locale, $5 id, $6 version, $7..$12 answer columns.
const STEP_SQL = `
WITH upd AS (
  UPDATE response
     SET state = $2::jsonb, version = version + 1, status = $3, locale = $4, updated_at = now(),
         completed_at = CASE WHEN $3 = 'completed' THEN COALESCE(completed_at, now()) ELSE completed_at END
   WHERE id = $5 AND version = $6
     AND NOT EXISTS (SELECT 1 FROM processed_update WHERE key = $1)
  RETURNING id
), seen AS (
  INSERT INTO processed_update (key) SELECT $1 FROM upd ON CONFLICT DO NOTHING RETURNING key
), ans AS (
  INSERT INTO answer (response_id, item_id, element, score, choice, text, skipped, answered_at)
  SELECT id, $7, $8, $9, $10, $11, $12, now() FROM upd WHERE $7::text IS NOT NULL
  ON CONFLICT (response_id, item_id) DO UPDATE
     SET element = EXCLUDED.element, score = EXCLUDED.score, choice = EXCLUDED.choice,
         text = EXCLUDED.text, skipped = EXCLUDED.skipped, answered_at = EXCLUDED.answered_at
  RETURNING 1
)
SELECT (SELECT count(*) FROM upd)::int AS applied, (SELECT count(*) FROM seen)::int AS keyed`;

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

export function createResponseStore(db: Database) {
  const p = db.prisma;
  return {
    async findActive(respondentId: string): Promise<SurveyRun | null> {
      const r = await p.response.findFirst({
        where: { respondentId, status: "active" },
        orderBy: { updatedAt: "desc" },
        select: runSelect,
      });
      return r ? toRun(r) : null;
    },

    async findById(id: string): Promise<SurveyRun | null> {
      const r = await p.response.findUnique({ where: { id }, select: runSelect });
      return r ? toRun(r) : null;
    },

    /**
     * Starts a run. Any other unfinished run of the same person is cancelled (one survey at a time).
     * `invitation-used` when the invitation already has a response (the unique key decides, not code).
     */
    async start(run: NewRun): Promise<{ ok: true; run: SurveyRun } | { ok: false; reason: "invitation-used" | "duplicate" }> {
      try {
        return await p.$transaction(async (tx) => {
          const fresh = await tx.processedUpdate.createMany({ data: [{ key: run.deliveryKey }], skipDuplicates: true });
          if (fresh.count === 0) return { ok: false as const, reason: "duplicate" as const };
          await tx.response.updateMany({
            where: { respondentId: run.respondentId, status: "active" },
            data: { status: "cancelled", version: { increment: 1 }, updatedAt: new Date() },
          });
          const created = await tx.response.create({
            data: {
              id: run.id,
              invitationId: run.invitationId,
              respondentId: run.respondentId,
              agencyId: run.agencyId,
              procedureCode: run.procedureCode,
              channel: run.channel,
              locale: run.state.locale,
              questionnaireId: run.state.questionnaireId,
              questionnaireVersion: run.state.questionnaireVersion,
              walkIn: run.walkIn,
              state: run.state as object,
            },
            select: runSelect,
          });
          return { ok: true as const, run: toRun(created) };
        });
      } catch (e) {
        if (isUniqueViolation(e)) return { ok: false, reason: "invitation-used" };
        throw e;
      }
    },

    /** One round trip: applies the new state and answer if the version still matches and the delivery is new. */
    async step(w: StepWrite): Promise<StepOutcome> {
      const rows = await db.sql.query<{ applied: number }>(STEP_SQL, [
        w.deliveryKey,
        JSON.stringify(w.state),
        w.status,
        w.state.locale,
        w.runId,
        w.expectedVersion,
        ...answerColumns(w.answer),
      ]);
      if (rows[0]?.applied === 1) return "applied";
      const seen = await db.sql.query(`SELECT 1 FROM processed_update WHERE key = $1`, [w.deliveryKey]);
      return seen.length > 0 ? "duplicate" : "conflict";
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
