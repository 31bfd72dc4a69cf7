// A rating given outside the chat (a ZBS "Đánh giá dịch vụ" template) recorded as one answer of the
// invitation's response. The unique keys decide, not code: one response per invitation, one answer per item,
// so a rating delivered twice (or racing a chat survey for the same invitation) is stored once.
import type { SurveyState } from "../survey/types.ts";
import type { Database } from "./database.ts";
import { isUniqueViolation } from "./errors.ts";

export interface RatingAnswer {
  invitationId: string;
  /** Used only when the invitation has no response yet. */
  newResponseId: string;
  itemId: string;
  score: 1 | 2 | 3 | 4 | 5;
  channel: string;
  /** The state of the completed response created for a rating-only invitation. */
  state: SurveyState;
  at: Date;
}

/**
 * created: a completed response holding only this answer; added: the invitation's response lacked the item;
 * kept: it already had an answer for it (the citizen's own answer in the chat, or the same rating before).
 */
export type RatingOutcome = "created" | "added" | "kept" | "unknown-invitation";

export function createRatingStore(db: Database) {
  const p = db.prisma;

  async function once(r: RatingAnswer): Promise<RatingOutcome> {
    return p.$transaction(async (tx) => {
      const inv = await tx.invitation.findUnique({
        where: { id: r.invitationId },
        select: { agencyId: true, procedureCode: true, locale: true, response: { select: { id: true } } },
      });
      if (!inv) return "unknown-invitation";
      if (inv.response) {
        const added = await tx.answer.createMany({
          data: [{ responseId: inv.response.id, itemId: r.itemId, element: null, score: r.score, answeredAt: r.at }],
          skipDuplicates: true,
        });
        return added.count === 1 ? "added" : "kept";
      }
      await tx.response.create({
        data: {
          id: r.newResponseId,
          invitationId: r.invitationId,
          respondentId: null,
          agencyId: inv.agencyId,
          procedureCode: inv.procedureCode,
          channel: r.channel,
          locale: r.state.locale,
          questionnaireId: r.state.questionnaireId,
          questionnaireVersion: r.state.questionnaireVersion,
          status: "completed",
          state: r.state as object,
          startedAt: r.at,
          updatedAt: r.at,
          completedAt: r.at,
          answers: { create: [{ itemId: r.itemId, element: null, score: r.score, answeredAt: r.at }] },
        },
        select: { id: true },
      });
      return "created";
    });
  }

  return {
    async recordAnswer(r: RatingAnswer): Promise<RatingOutcome> {
      try {
        return await once(r);
      } catch (e) {
        // A response for the invitation appeared meanwhile (the citizen started in the chat, or a twin
        // delivery of the rating): take the "response exists" path once more.
        if (!isUniqueViolation(e)) throw e;
        return once(r);
      }
    },
  };
}

export type RatingStore = ReturnType<typeof createRatingStore>;
