// Sends a due reminder: re-reads the facts, decides (reminders-decision.ts), and either re-asks the current
// question with its buttons (one tap continues) or repeats a Zalo invitation the citizen never opened.
// At most once: a job whose holder died mid-send is not repeated (the reminder may already be on the phone).
import type { Channel, ChannelName, SendResult } from "../messages.ts";
import type { ZaloClient } from "../channels/zalo/client.ts";
import type { Translate } from "../i18n.ts";
import type { JobHandler, JobOutcome } from "../outbox/worker.ts";
import type { InvitationStore } from "../store/invitations.ts";
import type { ClaimedJob } from "../store/outbox.ts";
import type { ReminderStore } from "../store/reminders.ts";
import type { RespondentStore } from "../store/respondents.ts";
import { currentStep } from "../survey/engine.ts";
import type { Pseudonymizer } from "../survey/pseudonym.ts";
import { getQuestionnaire } from "../survey/questionnaires/index.ts";
import { renderQuestion } from "../survey/render.ts";
import { decideReminder, type ReminderPlan } from "./reminders-decision.ts";
import { outsideQuietHours } from "./quiet-hours.ts";
import { csInvitation } from "./zalo-invite-text.ts";

export interface ReminderHandlerDeps {
  store: Pick<ReminderStore, "facts" | "isStopped">;
  invitations: Pick<InvitationStore, "findById">;
  respondents: Pick<RespondentStore, "markStopped">;
  channels: Partial<Record<ChannelName, Channel>>;
  /** For repeating an unopened Zalo invitation (an OA message with its start button). */
  zaloClient?: Pick<ZaloClient, "sendTextWithButtons">;
  pseudonymize: Pseudonymizer;
  t: Translate;
  delayMs: number;
  timeZone: string;
}

/** A retryable failure without a provider hint is tried again after this. */
const DEFAULT_RETRY_S = 300;

type Failure = Extract<SendResult, { ok: false }>;

export function createReminderHandler(deps: ReminderHandlerDeps): JobHandler {
  const { t } = deps;

  async function afterFailure(r: Failure, respondentId: string, now: Date): Promise<JobOutcome> {
    const why = `${r.failure}${r.detail ? `: ${r.detail}` : ""}`;
    if (r.failure === "recipient-stopped") {
      // Blocked (Telegram 403) or gone: remember it, so nothing else writes to them either.
      await deps.respondents.markStopped(respondentId, now);
      return { status: "cancelled", reason: `the citizen stopped the chat (${why})` };
    }
    if (r.retryable) {
      const at = outsideQuietHours(new Date(now.getTime() + (r.retryAfterSeconds ?? DEFAULT_RETRY_S) * 1000), deps.timeZone);
      return { status: "retry", at, reason: why };
    }
    return { status: "failed", reason: why };
  }

  async function sendRun(plan: Extract<ReminderPlan, { action: "send-run" }>, now: Date): Promise<JobOutcome> {
    const { run, agency } = plan;
    const channel = deps.channels[run.channel as ChannelName];
    if (!channel) return { status: "cancelled", reason: `the ${run.channel} channel is off` };
    const q = getQuestionnaire(run.state.questionnaireId, run.state.questionnaireVersion);
    if (!q) return { status: "failed", reason: `questionnaire ${run.state.questionnaireId} v${run.state.questionnaireVersion} is not shipped` };
    const step = currentStep(q, run.state);
    if (step.kind !== "question") return { status: "cancelled", reason: "nothing left to answer" };
    const locale = run.state.locale;
    const agencyName = locale === "en" && agency.nameEn ? agency.nameEn : agency.nameVi;
    const question = renderQuestion(t, locale, run.id, step, { offerLanguageSwitch: step.index === 0 });
    const r = await channel.send({
      chatId: run.chatId,
      text: `${t(locale, "reminder.run", { agency: agencyName })}\n\n${question.text}`,
      buttons: question.buttons,
      locale,
    });
    return r.ok ? { status: "sent" } : afterFailure(r, run.respondentId, now);
  }

  async function sendInvitation(plan: Extract<ReminderPlan, { action: "send-invitation" }>, now: Date): Promise<JobOutcome> {
    if (!deps.zaloClient) return { status: "cancelled", reason: "the Zalo channel is off" };
    const inv = await deps.invitations.findById(plan.invitationId);
    if (!inv) return { status: "cancelled", reason: "the invitation no longer exists" };
    const m = csInvitation(inv, deps.timeZone);
    const locale = inv.locale === "en" ? "en" : "vi";
    const r = await deps.zaloClient.sendTextWithButtons(plan.userId, `${t(locale, "reminder.invitation")}\n\n${m.text}`, [m.button]);
    return r.ok ? { status: "sent" } : afterFailure(r, deps.pseudonymize("zalo", plan.userId), now);
  }

  return {
    onAbandoned: "fail",
    maxAttempts: 5,
    async run(job: ClaimedJob, now: Date): Promise<JobOutcome> {
      const invitationId = typeof job.payload.invitationId === "string" ? job.payload.invitationId : undefined;
      const runId = typeof job.payload.runId === "string" ? job.payload.runId : undefined;
      const facts = invitationId || runId ? await deps.store.facts({ invitationId, runId }) : null;
      const recipientStopped = !facts?.run && job.recipient ? await deps.store.isStopped(deps.pseudonymize("zalo", job.recipient)) : false;
      const plan = decideReminder(facts, { now, delayMs: deps.delayMs, timeZone: deps.timeZone, recipient: job.recipient, recipientStopped });
      switch (plan.action) {
        case "cancel":
          return { status: "cancelled", reason: plan.reason };
        case "postpone":
          return { status: "postpone", at: plan.at, reason: plan.reason };
        case "send-run":
          return sendRun(plan, now);
        case "send-invitation":
          return sendInvitation(plan, now);
      }
    },
  };
}
