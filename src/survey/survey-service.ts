// The one impure orchestrator of the survey: load the run → engine decides → save → replies.
// Channels translate provider payloads to InboundEvents and send what this returns.
import type { InboundEvent, OutboundMessage } from "../messages.ts";
import { clipText } from "../format.ts";
import type { Translate } from "../i18n.ts";
import { isLocale, localeFromHint } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import type { SurveyCounters } from "../metrics/types.ts";
import type { AgencyStore } from "../store/agencies.ts";
import type { InvitationStore } from "../store/invitations.ts";
import type { ProcessedStore } from "../store/processed.ts";
import type { RespondentStore } from "../store/respondents.ts";
import type { ResponseStore, SurveyRun } from "../store/responses.ts";
import { decodeButton, type ButtonAction } from "./callback-data.ts";
import { advance, currentStep, start } from "./engine.ts";
import type { Pseudonymizer } from "./pseudonym.ts";
import { getQuestionnaire } from "./questionnaires/index.ts";
import { firstLevel, levelView, looksLikeSearch, searchView } from "./agency-picker.ts";
import type { PublicAction } from "../actions/public-text.ts";
import { renderAbout, type AboutFacts, type AboutSource } from "./about.ts";
import { eraseConfirmation, greeting, languageChooser, nameIn, THANK_YOU_ACTIONS, thankYou } from "./menus-render.ts";
import { renderQuestion } from "./render.ts";
import { LiveKeyboards } from "./live-keyboards.ts";
import { renderAnswered } from "./render.ts";
import { RunCache } from "./run-cache.ts";
import type { SurveyHandler } from "./survey-service.types.ts";
import type { Questionnaire, Step, SurveyInput, Transition } from "./types.ts";
import type { Locale } from "../i18n.ts";
import { formatDate } from "../format.ts";
import { DEFAULT_WALK_IN_LIMIT_PERIOD, walkInPeriod, type WalkInLimitPeriod } from "../integrity/walk-in-limit.ts";
import type { Period } from "../indices/period.ts";
import type { CitizenContext, ComplaintCitizen } from "../complaints/citizen.ts";

export interface SurveyServiceDeps {
  agencies: AgencyStore;
  invitations: InvitationStore;
  respondents: RespondentStore;
  responses: ResponseStore;
  processed: ProcessedStore;
  pseudonymize: Pseudonymizer;
  t: Translate;
  logger: Logger;
  now: () => Date;
  newId: () => string;
  defaultQuestionnaire: string;
  /** Schedules the one reminder of a started run (src/invitations/reminders.ts); never throws. */
  reminders?: { runStarted(run: SurveyRun, at: Date): Promise<void> };
  metrics?: SurveyCounters;
  /** The figures /about quotes (the public results site's); without it /about explains without figures. */
  about?: AboutSource;
  /** An agency's approved "you said, we did" actions, newest first, for the thank-you. */
  actions?: { latestApproved(agencyId: number, limit: number): Promise<PublicAction[]> };
  /** The time zone dates in messages are shown in (TZ_DISPLAY). */
  timeZone?: string;
  /** One walk-in response per person per agency in this period (HAILONG_WALKIN_LIMIT_PERIOD); default a month. */
  walkInLimitPeriod?: WalkInLimitPeriod;
  /** The complaint offered after a low score (src/complaints/citizen.ts); without it no offer is made. */
  complaints?: ComplaintCitizen;
  /** /delete: wipes the person's complaints' text and contact (src/store/complaints.ts eraseRespondent). */
  eraseComplaints?: (respondentId: string) => Promise<unknown>;
}

/** Fresh reads a write that lost a version race gets before the event gives up (see retryAfterConflict). */
const CONFLICT_RETRIES = 1;

interface Ctx {
  event: InboundEvent;
  respondentId: string;
  locale: Locale;
}

export function createSurveyService(deps: SurveyServiceDeps): SurveyHandler & { forgetCache(): void } {
  const { t, logger } = deps;
  let cache = new RunCache();
  const live = new LiveKeyboards();

  const msg = (ctx: Ctx, text: string, buttons?: OutboundMessage["buttons"]): OutboundMessage => ({
    chatId: ctx.event.chatId,
    text,
    buttons,
    locale: ctx.locale,
  });

  const pressedMessage = (ctx: Ctx): string | undefined => (ctx.event.payload.kind === "button" ? ctx.event.payload.messageId : undefined);

  /**
   * Appends edits that take the buttons off these messages (a pressed one, the respondent's live question),
   * unless a reply already edits them. Only Telegram events carry message ids and only Telegram reports
   * sent ones, so Zalo, whose OA API cannot edit a sent message, never gets an edit: its old buttons stay
   * and a tap on one is answered as a stale button.
   */
  function retire(ctx: Ctx, replies: OutboundMessage[], ids: (string | undefined)[]): OutboundMessage[] {
    const edited = new Set(replies.flatMap((r) => (r.editOf ? [r.editOf] : [])));
    const out = [...replies];
    const tracked = live.get(ctx.respondentId);
    for (const id of ids) {
      if (id === undefined) continue;
      if (tracked?.messageId === id) live.take(ctx.respondentId);
      if (edited.has(id)) continue;
      edited.add(id);
      out.push({ chatId: ctx.event.chatId, text: "", locale: ctx.locale, editOf: id, keyboardOnly: true });
    }
    return out;
  }

  const liveQuestion = (ctx: Ctx): string | undefined => live.get(ctx.respondentId)?.messageId;

  function questionnaireOf(run: SurveyRun): Questionnaire {
    const q = getQuestionnaire(run.state.questionnaireId, run.state.questionnaireVersion);
    if (!q) throw new Error(`questionnaire ${run.state.questionnaireId} v${run.state.questionnaireVersion} is not shipped`);
    return q;
  }

  /** `fresh`: skip the cache, whose run another instance may have moved on since. */
  async function activeRun(respondentId: string, fresh = false): Promise<SurveyRun | null> {
    const cached = fresh ? undefined : cache.get(respondentId);
    if (cached !== undefined) return cached;
    const run = await deps.responses.findActive(respondentId);
    cache.set(respondentId, run);
    return run;
  }

  function renderStep(ctx: Ctx, run: SurveyRun, step: Step, prefix?: string): OutboundMessage[] {
    const locale = run.state.locale;
    const c = { ...ctx, locale };
    if (step.kind === "completed") return [msg(c, t(locale, "survey.completed"))];
    if (step.kind === "stale") {
      if (!step.current || step.current.kind === "completed") return [msg(c, t(locale, "survey.stale_finished"))];
      return renderStep(ctx, run, step.current, t(locale, "survey.stale"));
    }
    const q = renderQuestion(t, locale, run.id, step, { offerLanguageSwitch: step.index === 0, previous: run.state.answers[step.item.id] });
    const m = msg(c, prefix ? `${prefix}\n\n${q.text}` : q.text, q.buttons);
    m.onSent = (messageId) => live.set(ctx.respondentId, { messageId, runId: run.id, position: step.index });
    return [m];
  }

  /** The current question again (after /help, /start while a survey runs), retiring the keyboard it replaces. */
  function repeatQuestion(ctx: Ctx, run: SurveyRun, before: OutboundMessage[], prefix?: string): OutboundMessage[] {
    return retire(ctx, [...before, ...renderStep(ctx, run, currentStep(questionnaireOf(run), run.state), prefix)], [liveQuestion(ctx)]);
  }

  /**
   * A version race means another instance (or a redelivered event) moved the run between our read and our
   * write: one fresh read settles that. A second race on the same event is not contention but a fault,
   * and retrying without end would hold the chat's queue, so the event gives up.
   */
  function retryAfterConflict(ctx: Ctx, run: SurveyRun, attempt: number, again: (attempt: number) => Promise<OutboundMessage[]>): Promise<OutboundMessage[]> {
    cache.forget(ctx.respondentId);
    if (attempt >= CONFLICT_RETRIES) throw new Error(`survey run ${run.id} keeps changing underneath; giving up on this event`);
    return again(attempt + 1);
  }

  /** Applies an engine input to the respondent's run, persisting before replying; retries once on a version race. */
  async function applyInput(ctx: Ctx, input: SurveyInput, attempt = 0, fresh = false): Promise<OutboundMessage[]> {
    const run = await activeRun(ctx.respondentId, fresh);
    // With several instances the cached run may be behind: the citizen answered the last question on
    // another one, so this input looks stale (or finds no run) only here. Only a write checks the version,
    // and these paths write nothing: read the run fresh once before answering from the cache.
    if (!fresh && (!run || !advance(questionnaireOf(run), run.state, input).recorded)) {
      const current = await activeRun(ctx.respondentId, true);
      if (current?.version !== run?.version || current?.id !== run?.id) return applyInput(ctx, input, attempt, true);
    }
    if (!run) {
      if (await alreadyHandled(ctx)) return [];
      // A complaint waiting for its text or phone number takes the text before any agency search does.
      const forComplaint = input.kind === "text" && deps.complaints ? await deps.complaints.onText(citizen(ctx), input.text) : null;
      if (forComplaint) return forComplaint;
      // With no survey running, a typed name is a search for the agency to rate (a walk-in).
      if (input.kind === "text" && looksLikeSearch(input.text)) {
        const found = searchView(t, ctx.locale, await deps.agencies.listAll(), input.text);
        if (found) return [msg(ctx, found.text, found.buttons)];
        return [msg(ctx, `${t(ctx.locale, "start.search_none", { query: clipText(input.text.trim(), 40) })}\n\n${t(ctx.locale, "survey.no_active")}`)];
      }
      return [msg(ctx, t(ctx.locale, "survey.no_active"))];
    }
    const q = questionnaireOf(run);
    const tr: Transition = advance(q, run.state, input);
    const changed = tr.recorded !== undefined || JSON.stringify(tr.state) !== JSON.stringify(run.state);
    const pressed = pressedMessage(ctx);
    if (!changed) {
      // Nothing to store (re-prompt, stale button): a redelivery of this event stays silent.
      if (await alreadyHandled(ctx)) return [];
      // The question is sent again below, so the pressed (stale) keyboard and the one it repeats go.
      return retire(ctx, renderStep(ctx, run, tr.step), [pressed, liveQuestion(ctx)]);
    }
    const status = tr.state.completed ? "completed" : "active";
    const outcome = await deps.responses.step({
      runId: run.id,
      expectedVersion: run.version,
      state: tr.state,
      status,
      deliveryKey: ctx.event.deliveryKey,
      answer: tr.recorded ? { itemId: tr.recorded.item.id, element: tr.recorded.item.element, value: tr.recorded.value } : undefined,
    });
    if (outcome === "duplicate") return [];
    if (outcome === "conflict") return retryAfterConflict(ctx, run, attempt, (next) => applyInput(ctx, input, next));
    if (tr.recorded) deps.metrics?.answerStored(ctx.event.channel);
    if (status === "completed") deps.metrics?.surveyCompleted(ctx.event.channel);
    const next: SurveyRun = { ...run, state: tr.state, version: run.version + 1, status };
    cache.set(ctx.respondentId, status === "active" ? next : null);
    if (input.kind === "language") await deps.respondents.setLocale(ctx.respondentId, input.locale);
    const replies = tr.step.kind === "completed" ? await closing(ctx, next) : renderStep(ctx, next, tr.step);
    return afterStep(ctx, run, tr, replies, pressed);
  }

  /**
   * What happens to the message the citizen answered: an answer is written into it ("✓ 4 · Hài lòng") and
   * its buttons go; a language switch tapped on the question redraws it in place; anything else (« Back, a
   * choice from the /language menu) takes the buttons off the messages the new question replaces.
   */
  function afterStep(ctx: Ctx, before: SurveyRun, tr: Transition, replies: OutboundMessage[], pressed: string | undefined): OutboundMessage[] {
    const tracked = live.get(ctx.respondentId);
    const trackedHere = tracked && tracked.runId === before.id && tracked.position === before.state.position ? tracked.messageId : undefined;
    if (tr.recorded) {
      const target = pressed ?? trackedHere;
      const q = questionnaireOf(before);
      const edit: OutboundMessage[] = target
        ? [
            {
              chatId: ctx.event.chatId,
              locale: tr.state.locale,
              editOf: target,
              text: renderAnswered(t, tr.state.locale, { item: tr.recorded.item, index: before.state.position, total: q.items.length }, tr.recorded.value),
            },
          ]
        : [];
      // A question of this run from before its current position was moved past on another instance, which
      // nearly always edited it (it was tapped): taking its buttons off again was a wasted call, 0.7 per
      // answer with three instances. Forgotten without an edit; in the rare case it was answered by typing
      // on the other instance its buttons stay, and a tap on them is answered as a stale button.
      const behind = tracked !== undefined && tracked.runId === before.id && tracked.position < before.state.position;
      if (behind) live.take(ctx.respondentId);
      return retire(ctx, [...replies, ...edit], [target, behind ? undefined : tracked?.messageId]);
    }
    const question = replies.find((r) => r.buttons?.length);
    if (tr.state.locale !== before.state.locale && pressed && pressed === trackedHere && question) {
      question.editOf = pressed;
      delete question.onSent;
      return replies;
    }
    return retire(ctx, replies, [pressed, tracked?.messageId]);
  }

  /** The thank-you, with what the agency did about earlier feedback; the answers are stored, so a failed read only drops those lines. */
  async function closing(ctx: Ctx, run: SurveyRun): Promise<OutboundMessage[]> {
    const locale = run.state.locale;
    const actions = deps.actions
      ? await deps.actions.latestApproved(run.agencyId, THANK_YOU_ACTIONS).catch((e: unknown) => {
          logger.warn({ err: e, agencyId: run.agencyId }, "feedback actions for the thank-you could not be read");
          return [];
        })
      : [];
    const offer = deps.complaints?.offer(citizen({ ...ctx, locale }), run, questionnaireOf(run));
    return [msg({ ...ctx, locale }, thankYou(t, locale, actions, deps.timeZone ?? "Asia/Ho_Chi_Minh")), ...(offer ? [offer] : [])];
  }

  const citizen = (ctx: Ctx): CitizenContext => ({ respondentId: ctx.respondentId, channel: ctx.event.channel, chatId: ctx.event.chatId, locale: ctx.locale });

  /** /about: the survey explained, with the figure of the agency being rated or last rated; during a survey its question follows. */
  async function about(ctx: Ctx): Promise<OutboundMessage[]> {
    const run = await activeRun(ctx.respondentId);
    const agencyId = run ? run.agencyId : await deps.responses.latestAgencyOf(ctx.respondentId);
    const agency = agencyId === null ? null : await deps.agencies.findById(agencyId);
    let facts: AboutFacts | null = null;
    try {
      facts = deps.about ? await deps.about.facts(agency?.code ?? null) : null;
    } catch (e) {
      // The explanation matters more than the number: it goes out without the figure.
      logger.warn({ err: e }, "figures for /about could not be read");
    }
    const text = msg(ctx, renderAbout(t, ctx.locale, facts));
    return run ? repeatQuestion(ctx, run, [text]) : [text];
  }

  async function alreadyHandled(ctx: Ctx): Promise<boolean> {
    return !(await deps.processed.claim(ctx.event.deliveryKey));
  }

  async function startRun(
    ctx: Ctx,
    opts: {
      agencyId: number;
      agencyName: string;
      questionnaireId: string;
      invitationId: string | null;
      procedureCode: string | null;
      walkIn: boolean;
      greeting: string;
    },
  ): Promise<OutboundMessage[]> {
    const q = getQuestionnaire(opts.questionnaireId) ?? getQuestionnaire(deps.defaultQuestionnaire);
    if (!q) throw new Error(`no questionnaire ${opts.questionnaireId} nor default ${deps.defaultQuestionnaire}`);
    const first = start(q, ctx.locale);
    const limit = opts.walkIn ? walkInPeriod(deps.now(), deps.walkInLimitPeriod ?? DEFAULT_WALK_IN_LIMIT_PERIOD, deps.timeZone ?? "Asia/Ho_Chi_Minh") : null;
    const started = await deps.responses.start({
      id: deps.newId(),
      respondent: { chatId: ctx.event.chatId, locale: ctx.locale },
      invitationId: opts.invitationId,
      respondentId: ctx.respondentId,
      agencyId: opts.agencyId,
      procedureCode: opts.procedureCode,
      channel: ctx.event.channel,
      walkIn: opts.walkIn,
      walkInLimit: limit,
      state: first.state,
      deliveryKey: ctx.event.deliveryKey,
    });
    if (!started.ok) {
      if (started.reason === "duplicate") return [];
      if (started.reason === "walk-in-limit" && limit) return [walkInRefusal(ctx, opts.agencyName, limit)];
      return [msg(ctx, t(ctx.locale, "start.already_answered"))];
    }
    cache.set(ctx.respondentId, started.run);
    deps.metrics?.surveyStarted(ctx.event.channel);
    await deps.reminders?.runStarted(started.run, deps.now());
    logger.info({ runId: started.run.id, agencyId: opts.agencyId, walkIn: opts.walkIn, channel: ctx.event.channel }, "survey started");
    // Starting cancels any other unfinished run, so its question's buttons go (and the picker's, if tapped).
    return retire(ctx, renderStep(ctx, started.run, first.step, opts.greeting), [pressedMessage(ctx), liveQuestion(ctx)]);
  }

  /** The person already rated this agency in the period: thanked, told when they may rate it again, and pointed to a dossier's link. */
  function walkInRefusal(ctx: Ctx, agency: string, period: Period): OutboundMessage {
    // period.to is the local midnight that starts the next period: the first day they may rate again.
    const next = formatDate(period.to, ctx.locale, deps.timeZone ?? "Asia/Ho_Chi_Minh");
    return msg(ctx, t(ctx.locale, "start.walk_in_limit", { agency, period: t(ctx.locale, `start.walk_in_period.${period.kind}`), next }));
  }

  async function onStart(ctx: Ctx, token: string): Promise<OutboundMessage[]> {
    if (!token) return onStartWithoutToken(ctx);
    const inv = /^[A-Za-z0-9_-]{1,64}$/.test(token) ? await deps.invitations.findForStart(token) : null;
    if (!inv) {
      logger.info({ channel: ctx.event.channel }, "start with an unknown token");
      return [msg(ctx, t(ctx.locale, "start.unknown_token"))];
    }
    // The invitation's language wins over the app's until the citizen chooses.
    const locale: Locale = isLocale(inv.locale) ? inv.locale : ctx.locale;
    const c = { ...ctx, locale };
    // A cancelled response does not count as an answer: starting again reopens it (see ResponseStore.start).
    if (inv.response && inv.response.status !== "cancelled") {
      if (inv.response.status === "active" && inv.response.respondentId === ctx.respondentId) {
        // The same /start delivered again (Telegram's redelivery, to this or another instance) was the one
        // that started this run: it stays silent, as redelivered answers do.
        if (await alreadyHandled(ctx)) return [];
        const run = await deps.responses.findById(inv.response.id);
        if (run) {
          cache.set(ctx.respondentId, run);
          return repeatQuestion(c, run, [], t(run.state.locale, "start.resume"));
        }
      }
      return [msg(c, t(locale, "start.already_answered"))];
    }
    if (inv.expiresAt.getTime() <= deps.now().getTime()) return [msg(c, t(locale, "start.expired"))];
    const q = getQuestionnaire(inv.questionnaireId) ?? getQuestionnaire(deps.defaultQuestionnaire);
    return startRun(c, {
      agencyId: inv.agencyId,
      questionnaireId: inv.questionnaireId,
      agencyName: nameIn(locale, { nameVi: inv.agencyNameVi, nameEn: inv.agencyNameEn }),
      invitationId: inv.id,
      procedureCode: inv.procedureCode,
      walkIn: false,
      greeting: greeting(t, locale, {
        agency: nameIn(locale, { nameVi: inv.agencyNameVi, nameEn: inv.agencyNameEn }),
        procedure: inv.procedureName,
        total: q?.items.length ?? 0,
      }),
    });
  }

  async function onStartWithoutToken(ctx: Ctx): Promise<OutboundMessage[]> {
    const run = await activeRun(ctx.respondentId);
    if (run) return repeatQuestion(ctx, run, [], t(run.state.locale, "start.resume"));
    return agencyLevel(ctx, 0, 0);
  }

  /** One level of the agency tree (0: the first); a tap on the picker redraws it in place. */
  async function agencyLevel(ctx: Ctx, parentId: number, page: number): Promise<OutboundMessage[]> {
    const all = await deps.agencies.listAll();
    if (all.length === 0) return [msg(ctx, t(ctx.locale, "start.no_agencies"))];
    const known = parentId !== 0 && all.some((a) => a.id === parentId);
    const view = levelView(t, ctx.locale, all, known ? parentId : firstLevel(all), known ? page : parentId === 0 ? page : 0, t(ctx.locale, "start.walk_in"));
    const pressed = pressedMessage(ctx);
    return [{ ...msg(ctx, view.text, view.buttons), ...(pressed ? { editOf: pressed } : {}) }];
  }

  async function onButton(ctx: Ctx, action: ButtonAction): Promise<OutboundMessage[]> {
    switch (action.kind) {
      case "answer":
      case "skip":
      case "back": {
        let run = await activeRun(ctx.respondentId);
        // Another instance may have finished that run or started this one since it was cached here.
        if (!run || run.id !== action.runId) run = await activeRun(ctx.respondentId, true);
        if (!run || run.id !== action.runId) {
          if (await alreadyHandled(ctx)) return [];
          const text = run ? t(run.state.locale, "survey.stale_other_run") : t(ctx.locale, "survey.stale_finished");
          if (!run) return retire(ctx, [msg(ctx, text)], [pressedMessage(ctx)]);
          return retire(ctx, repeatQuestion(ctx, run, [msg(ctx, text)]), [pressedMessage(ctx)]);
        }
        const q = questionnaireOf(run);
        const item = q.items[action.position];
        if (!item) return applyInput(ctx, { kind: "back", itemId: "\u0000stale" });
        if (action.kind === "skip") return applyInput(ctx, { kind: "skip", itemId: item.id });
        if (action.kind === "back") return applyInput(ctx, { kind: "back", itemId: item.id });
        const value = item.kind === "likert" && /^[1-5]$/.test(action.value)
          ? { score: Number(action.value) as 1 | 2 | 3 | 4 | 5 }
          : { choice: action.value };
        return applyInput(ctx, { kind: "answer", itemId: item.id, value });
      }
      case "language":
        return changeLanguage(ctx, action.locale);
      case "agency": {
        const agency = await deps.agencies.findById(action.agencyId);
        if (!agency) return [msg(ctx, t(ctx.locale, "button.invalid"))];
        const q = getQuestionnaire(agency.questionnaireId) ?? getQuestionnaire(deps.defaultQuestionnaire);
        return startRun(ctx, {
          agencyId: agency.id,
          agencyName: nameIn(ctx.locale, agency),
          questionnaireId: agency.questionnaireId,
          invitationId: null,
          procedureCode: null,
          walkIn: true,
          greeting: greeting(t, ctx.locale, { agency: nameIn(ctx.locale, agency), total: q?.items.length ?? 0 }),
        });
      }
      case "agency-level":
        return agencyLevel(ctx, action.parentId, action.page);
      case "complaint": {
        if (!deps.complaints) return [msg(ctx, t(ctx.locale, "button.invalid"))];
        // Taking the offer writes a row: a redelivered tap must not answer twice.
        if (await alreadyHandled(ctx)) return [];
        return retire(ctx, await deps.complaints.onButton(citizen(ctx), action.op, action.ref), [pressedMessage(ctx)]);
      }
      case "delete":
        return action.confirm
          ? retire(ctx, await eraseMe(ctx), [pressedMessage(ctx), liveQuestion(ctx)])
          : retire(ctx, [msg(ctx, t(ctx.locale, "delete.kept"))], [pressedMessage(ctx)]);
    }
  }

  async function changeLanguage(ctx: Ctx, locale: Locale): Promise<OutboundMessage[]> {
    const run = await activeRun(ctx.respondentId);
    if (run) return applyInput({ ...ctx, locale }, { kind: "language", locale });
    await deps.respondents.setLocale(ctx.respondentId, locale);
    return retire(ctx, [msg({ ...ctx, locale }, t(locale, "language.changed"))], [pressedMessage(ctx)]);
  }

  async function eraseMe(ctx: Ctx): Promise<OutboundMessage[]> {
    // Complaints first: their link to the person is the respondent id, which the erasure below removes.
    await deps.eraseComplaints?.(ctx.respondentId);
    const n = await deps.respondents.erase(ctx.respondentId);
    cache.forget(ctx.respondentId);
    logger.info({ channel: ctx.event.channel, responses: n }, "respondent erased on request");
    return [msg(ctx, t(ctx.locale, "delete.done"))];
  }

  /** /cancel: the running survey ends, its answers kept as a cancelled response; raced like an answer. */
  async function cancelRun(ctx: Ctx, attempt = 0): Promise<OutboundMessage[]> {
    const run = await activeRun(ctx.respondentId);
    if (!run) return [msg(ctx, t(ctx.locale, "cancel.nothing"))];
    const outcome = await deps.responses.step({
      runId: run.id,
      expectedVersion: run.version,
      state: run.state,
      status: "cancelled",
      deliveryKey: ctx.event.deliveryKey,
    });
    cache.forget(ctx.respondentId);
    if (outcome === "duplicate") return [];
    if (outcome === "conflict") return retryAfterConflict(ctx, run, attempt, (next) => cancelRun(ctx, next));
    return retire(ctx, [msg(ctx, t(ctx.locale, "cancel.done"))], [liveQuestion(ctx)]);
  }

  async function onCommand(ctx: Ctx, command: string, args: string): Promise<OutboundMessage[]> {
    switch (command) {
      case "start":
        return onStart(ctx, args.trim());
      case "language":
        return [msg(ctx, t(ctx.locale, "language.choose"), languageChooser())];
      case "help": {
        // During a survey the citizen asked because they are stuck: the question they are on comes again.
        const help = msg(ctx, t(ctx.locale, "help.text"));
        const run = await activeRun(ctx.respondentId);
        return run ? repeatQuestion(ctx, run, [help]) : [help];
      }
      case "privacy":
        return [msg(ctx, t(ctx.locale, "privacy.text"))];
      case "about":
        return about(ctx);
      case "cancel":
        return cancelRun(ctx);
      case "delete":
        return [msg(ctx, t(ctx.locale, "delete.confirm"), eraseConfirmation(t, ctx.locale))];
      default:
        return [msg(ctx, t(ctx.locale, "command.unknown"))];
    }
  }

  async function localeOf(respondentId: string, event: InboundEvent): Promise<Locale> {
    const cached = cache.get(respondentId);
    if (cached) return cached.state.locale;
    const r = await deps.respondents.find(respondentId);
    return r && isLocale(r.locale) ? r.locale : localeFromHint(event.languageHint);
  }

  return {
    forgetCache() {
      cache = new RunCache();
    },
    async handle(event) {
      const respondentId = deps.pseudonymize(event.channel, event.userId);
      const p = event.payload;
      // A deep link carries its own language (the invitation's): skip the lookup on this hot path.
      const linkStart = p.kind === "command" && p.command.toLowerCase() === "start" && p.args.trim() !== "";
      const locale = linkStart ? localeFromHint(event.languageHint) : await localeOf(respondentId, event);
      const ctx: Ctx = { event, respondentId, locale };
      if (p.kind === "command") return onCommand(ctx, p.command.toLowerCase(), p.args);
      if (p.kind === "button") {
        const action = decodeButton(p.data);
        if (!action) {
          logger.warn({ channel: event.channel }, "button with data that is not ours");
          return [msg(ctx, t(ctx.locale, "button.invalid"))];
        }
        return onButton(ctx, action);
      }
      return applyInput(ctx, { kind: "text", text: p.text });
    },
  };
}
