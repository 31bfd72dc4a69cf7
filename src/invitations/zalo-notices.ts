// Zalo events that are not turns of a conversation: a ZBS service rating becomes the invitation's overall
// answer, an unfollow stops reminders to that person (a follow lifts it), and a delivery receipt dates the
// invitation. Every write is idempotent, so the inbox may hand the same notice over twice.
import type { ZaloNotice } from "../channels/zalo/to-inbound.ts";
import { isLocale } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import type { InvitationStore } from "../store/invitations.ts";
import type { RatingStore } from "../store/ratings.ts";
import type { RespondentStore } from "../store/respondents.ts";
import type { Pseudonymizer } from "../survey/pseudonym.ts";
import { getQuestionnaire } from "../survey/questionnaires/index.ts";
import type { SurveyState } from "../survey/types.ts";

/** The item a one-question rating answers: both shipped forms end with it. */
export const RATING_ITEM_ID = "overall";

export interface ZaloNoticeRouterDeps {
  invitations: Pick<InvitationStore, "findById" | "markDelivered">;
  respondents: Pick<RespondentStore, "markStopped" | "clearStopped">;
  ratings: Pick<RatingStore, "recordAnswer">;
  pseudonymize: Pseudonymizer;
  logger: Logger;
  now: () => Date;
  newId: () => string;
  defaultQuestionnaire: string;
}

export function createZaloNoticeRouter(deps: ZaloNoticeRouterDeps): (notice: ZaloNotice) => Promise<void> {
  const log = deps.logger.child({ component: "zalo-notices" });

  async function rating(n: Extract<ZaloNotice, { kind: "rating" }>): Promise<void> {
    if (!n.trackingId) {
      log.info({ msgId: n.msgId }, "Zalo rating without tracking_id: it cannot be tied to an invitation; ignored");
      return;
    }
    const inv = await deps.invitations.findById(n.trackingId);
    if (!inv) {
      log.warn({ trackingId: n.trackingId }, "Zalo rating for an unknown invitation; ignored");
      return;
    }
    const q = getQuestionnaire(inv.questionnaireId) ?? getQuestionnaire(deps.defaultQuestionnaire);
    if (!q || !q.items.some((i) => i.id === RATING_ITEM_ID)) {
      log.error({ invitationId: inv.id, questionnaire: inv.questionnaireId }, `questionnaire has no "${RATING_ITEM_ID}" item; Zalo rating not recorded`);
      return;
    }
    // The payload schema admits only whole stars 1–5, the same scale as our Likert items.
    const score = n.rate as 1 | 2 | 3 | 4 | 5;
    const state: SurveyState = {
      questionnaireId: q.id,
      questionnaireVersion: q.version,
      locale: isLocale(inv.locale) ? inv.locale : "vi",
      position: q.items.length,
      answers: { [RATING_ITEM_ID]: { score } },
      completed: true,
    };
    const outcome = await deps.ratings.recordAnswer({
      invitationId: inv.id,
      newResponseId: deps.newId(),
      itemId: RATING_ITEM_ID,
      score,
      channel: "zalo",
      state,
      at: n.submittedAt ?? deps.now(),
    });
    log.info({ invitationId: inv.id, outcome }, "Zalo rating recorded");
  }

  return async (notice) => {
    switch (notice.kind) {
      case "rating":
        return rating(notice);
      case "unfollowed":
        await deps.respondents.markStopped(deps.pseudonymize("zalo", notice.userId), notice.at.getTime() > 0 ? notice.at : deps.now());
        return;
      case "followed":
        await deps.respondents.clearStopped(deps.pseudonymize("zalo", notice.userId));
        return;
      case "delivered": {
        const matched = await deps.invitations.markDelivered({
          ...(notice.trackingId ? { trackingId: notice.trackingId } : {}),
          messageId: notice.msgId,
          at: notice.deliveredAt ?? deps.now(),
        });
        if (matched) log.debug({ trackingId: notice.trackingId }, "invitation delivered");
        return;
      }
    }
  };
}
