// The survey as a pure state machine: the same state and input always give the same transition, so
// any instance can take the next update and a replay after a crash decides exactly as before.
import { isBackWord, isSkipWord, parseChoice, parseLikert } from "./parse-answer.ts";
import type { AnswerValue, Item, Questionnaire, RepromptReason, Step, SurveyInput, SurveyState, Transition } from "./types.ts";
import type { Locale } from "../i18n.ts";

export function start(q: Questionnaire, locale: Locale): Transition {
  const state: SurveyState = {
    questionnaireId: q.id,
    questionnaireVersion: q.version,
    locale,
    position: 0,
    answers: {},
    completed: q.items.length === 0,
  };
  return { state, step: currentStep(q, state) };
}

export function currentStep(q: Questionnaire, state: SurveyState): Step {
  assertSameQuestionnaire(q, state);
  const item = q.items[state.position];
  if (state.completed || item === undefined) return { kind: "completed" };
  return {
    kind: "question",
    item,
    index: state.position,
    total: q.items.length,
    canBack: state.position > 0,
    canSkip: item.optional,
  };
}

export function advance(q: Questionnaire, state: SurveyState, input: SurveyInput): Transition {
  assertSameQuestionnaire(q, state);
  if (input.kind === "language") {
    const next = { ...state, locale: input.locale };
    return { state: next, step: currentStep(q, next) };
  }

  const item = state.completed ? undefined : q.items[state.position];
  if (item === undefined) return { state, step: { kind: "stale", current: null } };
  if (input.kind !== "text" && input.itemId !== item.id) {
    return { state, step: { kind: "stale", current: currentStep(q, state) } };
  }

  switch (input.kind) {
    case "answer": {
      const checked = checkValue(item, input.value);
      return "reprompt" in checked ? reprompt(q, state, checked.reprompt) : record(q, state, item, checked.value);
    }
    case "skip":
      return skip(q, state, item);
    case "back":
      return back(q, state);
    case "text":
      return fromText(q, state, item, input.text);
  }
}

function fromText(q: Questionnaire, state: SurveyState, item: Item, text: string): Transition {
  if (isBackWord(text)) return back(q, state);
  if (isSkipWord(text)) return skip(q, state, item);
  switch (item.kind) {
    case "likert": {
      const score = parseLikert(text);
      return score === null ? reprompt(q, state, "not_understood") : record(q, state, item, { score });
    }
    case "choice": {
      const choice = parseChoice(item, text);
      return choice === null ? reprompt(q, state, "not_understood") : record(q, state, item, { choice });
    }
    case "text": {
      const checked = checkText(item.maxLength, text);
      return "reprompt" in checked ? reprompt(q, state, checked.reprompt) : record(q, state, item, checked.value);
    }
  }
}

type Checked = { value: AnswerValue } | { reprompt: RepromptReason };

// Rebuilds the value from its known field so stray properties in decoded callback data never get stored.
function checkValue(item: Item, value: AnswerValue): Checked {
  const v = value as Partial<Record<"score" | "choice" | "text", unknown>>;
  switch (item.kind) {
    case "likert":
      return v.score === 1 || v.score === 2 || v.score === 3 || v.score === 4 || v.score === 5
        ? { value: { score: v.score } }
        : { reprompt: "not_understood" };
    case "choice":
      return typeof v.choice === "string" && item.options.some((o) => o.id === v.choice)
        ? { value: { choice: v.choice } }
        : { reprompt: "not_understood" };
    case "text":
      return typeof v.text === "string" ? checkText(item.maxLength, v.text) : { reprompt: "not_understood" };
  }
}

// Lengths are counted in code points after NFC, so a Vietnamese letter typed as base + marks counts once.
function checkText(maxLength: number, raw: string): Checked {
  const text = raw.normalize("NFC").trim();
  if (text === "") return { reprompt: "not_understood" };
  if ([...text].length > maxLength) return { reprompt: "too_long" };
  return { value: { text } };
}

function skip(q: Questionnaire, state: SurveyState, item: Item): Transition {
  return item.optional ? record(q, state, item, { skipped: true }) : reprompt(q, state, "not_optional");
}

function back(q: Questionnaire, state: SurveyState): Transition {
  if (state.position === 0) return { state, step: currentStep(q, state) };
  const next = { ...state, position: state.position - 1 };
  return { state: next, step: currentStep(q, next) };
}

function record(q: Questionnaire, state: SurveyState, item: Item, value: AnswerValue): Transition {
  const position = state.position + 1;
  const next: SurveyState = {
    ...state,
    position,
    answers: { ...state.answers, [item.id]: value },
    completed: position >= q.items.length,
  };
  return { state: next, step: currentStep(q, next), recorded: { item, value } };
}

function reprompt(q: Questionnaire, state: SurveyState, reason: RepromptReason): Transition {
  const step = currentStep(q, state);
  return { state, step: step.kind === "question" ? { ...step, reprompt: reason } : step };
}

// A run stays on the version it started with; pairing it with another questionnaire is a caller bug.
function assertSameQuestionnaire(q: Questionnaire, state: SurveyState): void {
  if (state.questionnaireId !== q.id || state.questionnaireVersion !== q.version) {
    throw new Error(
      `survey state is for ${state.questionnaireId}@${state.questionnaireVersion}, not ${q.id}@${q.version}`,
    );
  }
}
