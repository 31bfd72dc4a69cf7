// The citizen's side of a complaint. The offer comes once, under the thank-you of a survey that scored an
// item 1–2, rather than right after the low answer: the survey stays the same minute-long run of taps for
// everyone, the scores are stored before anything is asked, and one offer covers several low answers.
// Declining is one tap; taking it asks for the text, then offers (never requires) a phone number, with
// "a reply in this chat is enough" as one tap. The survey service hands us taps and, when no survey runs,
// typed text; everything else about the person stays the survey's.
import type { Translate, Locale } from "../i18n.ts";
import type { ChannelName, OutboundMessage } from "../messages.ts";
import type { Logger } from "../logger.ts";
import type { ComplaintStore } from "../store/complaints.ts";
import { encodeButton, type ComplaintOp } from "../survey/callback-data.ts";
import type { Questionnaire, SurveyState } from "../survey/types.ts";
import { checkText, DIALOGUE_HOURS, looksLikePhone, lowScoresOf, MAX_COMPLAINT_CHARS, parsePhone } from "./rules.ts";

export interface CitizenContext {
  respondentId: string;
  channel: ChannelName;
  chatId: string;
  locale: Locale;
}

/** A finished survey as the offer needs it. */
export interface FinishedRun {
  id: string;
  agencyId: number;
  respondentId: string | null;
  status: string;
  state: SurveyState;
}

export interface ComplaintCitizen {
  /** The one offer under the thank-you, or null when no item scored 1–2. */
  offer(ctx: CitizenContext, run: FinishedRun, q: Questionnaire): OutboundMessage | null;
  onButton(ctx: CitizenContext, op: ComplaintOp, ref: string): Promise<OutboundMessage[]>;
  /** Text typed while no survey runs: the complaint's text or phone number, or null when no complaint waits for it. */
  onText(ctx: CitizenContext, text: string): Promise<OutboundMessage[] | null>;
}

export interface ComplaintCitizenDeps {
  store: Pick<ComplaintStore, "draft" | "forResponse" | "awaitingInput" | "submit" | "setContact" | "dropDraft">;
  /** The survey run a describe button names, to check it is this person's finished survey. */
  findRun(id: string): Promise<FinishedRun | null>;
  questionnaireOf(run: FinishedRun): Questionnaire | undefined;
  /** Tells the agency's officials (an outbox job: once across instances); never throws. */
  announce(complaintId: string): Promise<void>;
  t: Translate;
  logger: Logger;
  now: () => Date;
  newId: () => string;
}

export function createComplaintCitizen(d: ComplaintCitizenDeps): ComplaintCitizen {
  const { t } = d;
  const msg = (ctx: CitizenContext, text: string, buttons?: OutboundMessage["buttons"]): OutboundMessage => ({ chatId: ctx.chatId, text, locale: ctx.locale, ...(buttons ? { buttons } : {}) });
  const button = (ctx: CitizenContext, key: string, op: ComplaintOp, ref: string) => ({ label: t(ctx.locale, key), data: encodeButton({ kind: "complaint", op, ref }) });
  const since = () => new Date(d.now().getTime() - DIALOGUE_HOURS * 3_600_000);
  const stopButton = (ctx: CitizenContext, id: string) => [[button(ctx, "complaint.citizen.stop_button", "stop", id)]];
  const chatButton = (ctx: CitizenContext, id: string) => [[button(ctx, "complaint.citizen.chat_enough", "chat", id)]];

  async function describe(ctx: CitizenContext, runId: string): Promise<OutboundMessage[]> {
    const run = await d.findRun(runId);
    const q = run && d.questionnaireOf(run);
    // Only the person's own finished survey with a low score: a forged or someone else's run id is stale.
    const low = run && q && run.respondentId === ctx.respondentId && run.status === "completed" ? lowScoresOf(q, run.state) : [];
    if (!run || low.length === 0) return [msg(ctx, t(ctx.locale, "complaint.citizen.stale"))];
    const existing = await d.store.forResponse(run.id);
    if (existing && existing.status !== "drafting") return [msg(ctx, t(ctx.locale, "complaint.citizen.already_sent"))];
    const c = existing ?? (await d.store.draft({ id: d.newId(), responseId: run.id, respondentId: ctx.respondentId, agencyId: run.agencyId, channel: ctx.channel, locale: ctx.locale, lowScores: low }));
    return [msg(ctx, t(ctx.locale, "complaint.citizen.ask_text", { max: MAX_COMPLAINT_CHARS }), stopButton(ctx, c.id))];
  }

  async function waiting(ctx: CitizenContext, ref: string) {
    const c = await d.store.awaitingInput(ctx.respondentId, since());
    return c && c.id === ref ? c : null;
  }

  async function submitText(ctx: CitizenContext, id: string, raw: string): Promise<OutboundMessage[]> {
    const checked = checkText(raw, MAX_COMPLAINT_CHARS);
    if (!checked.ok) {
      const key = `complaint.citizen.text_${checked.reason}`;
      return [msg(ctx, t(ctx.locale, key, { max: MAX_COMPLAINT_CHARS, length: checked.length ?? 0 }), stopButton(ctx, id))];
    }
    const c = await d.store.submit(id, checked.text);
    if (!c) return [msg(ctx, t(ctx.locale, "complaint.citizen.already_sent"))];
    d.logger.info({ complaintId: c.id, agencyId: c.agencyId, channel: ctx.channel }, "complaint submitted");
    await d.announce(c.id);
    return [msg(ctx, t(ctx.locale, "complaint.citizen.sent"), chatButton(ctx, c.id))];
  }

  async function contact(ctx: CitizenContext, id: string, raw: string): Promise<OutboundMessage[]> {
    const phone = parsePhone(raw);
    if (!phone) {
      const key = looksLikePhone(raw) ? "complaint.citizen.phone_invalid" : "complaint.citizen.phone_expected";
      return [msg(ctx, t(ctx.locale, key), chatButton(ctx, id))];
    }
    await d.store.setContact(id, phone);
    return [msg(ctx, t(ctx.locale, "complaint.citizen.phone_saved", { phone }))];
  }

  return {
    offer(ctx, run, q) {
      if (lowScoresOf(q, run.state).length === 0) return null;
      return msg(ctx, t(ctx.locale, "complaint.citizen.offer"), [
        [button(ctx, "complaint.citizen.describe_button", "describe", run.id)],
        [button(ctx, "complaint.citizen.decline_button", "decline", run.id)],
      ]);
    },

    async onButton(ctx, op, ref) {
      switch (op) {
        case "describe":
          return describe(ctx, ref);
        case "decline":
          // Nothing is stored for a declined offer: there is nothing to keep.
          return [msg(ctx, t(ctx.locale, "complaint.citizen.declined"))];
        case "stop": {
          const c = await waiting(ctx, ref);
          if (!c || c.status !== "drafting") return [msg(ctx, t(ctx.locale, "complaint.citizen.stale"))];
          await d.store.dropDraft(c.id);
          return [msg(ctx, t(ctx.locale, "complaint.citizen.stopped"))];
        }
        case "chat": {
          const c = await waiting(ctx, ref);
          if (!c || c.status !== "open") return [msg(ctx, t(ctx.locale, "complaint.citizen.stale"))];
          await d.store.setContact(c.id, null);
          return [msg(ctx, t(ctx.locale, "complaint.citizen.chat_saved"))];
        }
      }
    },

    async onText(ctx, text) {
      const c = await d.store.awaitingInput(ctx.respondentId, since());
      if (!c) return null;
      return c.status === "drafting" ? submitText(ctx, c.id, text) : contact(ctx, c.id, text);
    },
  };
}
