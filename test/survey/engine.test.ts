import { describe, expect, it } from "vitest";
import { advance, currentStep, start } from "../../src/survey/engine.ts";
import type { Questionnaire, SurveyInput, SurveyState, Transition } from "../../src/survey/types.ts";

// A small questionnaire with one item of every kind and both optional and required items.
const q: Questionnaire = {
  id: "test",
  version: 3,
  title: { vi: "Thử", en: "Test" },
  items: [
    { id: "a", kind: "likert", element: "access", text: { vi: "A?", en: "A?" }, optional: false },
    { id: "b", kind: "likert", element: "feedback", text: { vi: "B?", en: "B?" }, optional: true },
    {
      id: "c",
      kind: "choice",
      element: null,
      text: { vi: "C?", en: "C?" },
      optional: true,
      options: [
        { id: "x", text: { vi: "Thái độ", en: "Attitude" } },
        { id: "y", text: { vi: "Thông tin", en: "Information" } },
      ],
    },
    { id: "d", kind: "text", element: null, text: { vi: "D?", en: "D?" }, optional: false, maxLength: 5 },
  ],
};

const deepFrozen = <T>(v: T): T => {
  if (typeof v === "object" && v !== null) {
    Object.freeze(v);
    Object.values(v).forEach(deepFrozen);
  }
  return v;
};

function at(position: number, answers: SurveyState["answers"] = {}, completed = false): SurveyState {
  return deepFrozen({ questionnaireId: "test", questionnaireVersion: 3, locale: "vi", position, answers, completed });
}

function run(inputs: SurveyInput[], from: SurveyState = start(q, "vi").state): Transition {
  let t: Transition = { state: from, step: currentStep(q, from) };
  for (const input of inputs) t = advance(q, deepFrozen(t.state), input);
  return t;
}

const question = (position: number, extra: object = {}) => ({
  kind: "question",
  item: q.items[position],
  index: position,
  total: 4,
  canBack: position > 0,
  canSkip: q.items[position]!.optional,
  ...extra,
});

describe("start and currentStep", () => {
  it("starts at the first question with an empty state", () => {
    const t = start(q, "en");
    expect(t.state).toEqual({
      questionnaireId: "test",
      questionnaireVersion: 3,
      locale: "en",
      position: 0,
      answers: {},
      completed: false,
    });
    expect(t.step).toEqual(question(0));
    expect(t.recorded).toBeUndefined();
  });

  it("re-shows the current question and the completed step", () => {
    expect(currentStep(q, at(2))).toEqual(question(2));
    expect(currentStep(q, at(4, {}, true))).toEqual({ kind: "completed" });
  });

  it("refuses a state from another questionnaire version", () => {
    expect(() => currentStep({ ...q, version: 4 }, at(0))).toThrow(/test@3/);
    expect(() => advance({ ...q, id: "other" }, at(0), { kind: "text", text: "4" })).toThrow(/test@3/);
  });
});

type Row = {
  name: string;
  from: SurveyState;
  input: SurveyInput;
  state: Partial<SurveyState>;
  step: object;
  recorded?: unknown;
};

const rows: Row[] = [
  {
    name: "button answer on a likert item moves on",
    from: at(0),
    input: { kind: "answer", itemId: "a", value: { score: 4 } },
    state: { position: 1, answers: { a: { score: 4 } } },
    step: question(1),
    recorded: { item: q.items[0], value: { score: 4 } },
  },
  {
    name: "typed likert answer",
    from: at(0),
    input: { kind: "text", text: "rất hài lòng" },
    state: { position: 1, answers: { a: { score: 5 } } },
    step: question(1),
    recorded: { item: q.items[0], value: { score: 5 } },
  },
  {
    name: "unparseable text reprompts",
    from: at(0),
    input: { kind: "text", text: "hmm" },
    state: { position: 0, answers: {} },
    step: question(0, { reprompt: "not_understood" }),
  },
  {
    name: "out-of-range score reprompts",
    from: at(0),
    input: { kind: "answer", itemId: "a", value: { score: 6 as 5 } },
    state: { position: 0 },
    step: question(0, { reprompt: "not_understood" }),
  },
  {
    name: "a choice value on a likert item reprompts",
    from: at(0),
    input: { kind: "answer", itemId: "a", value: { choice: "x" } },
    state: { position: 0 },
    step: question(0, { reprompt: "not_understood" }),
  },
  {
    name: "skipped is not an answer value",
    from: at(1),
    input: { kind: "answer", itemId: "b", value: { skipped: true } },
    state: { position: 1, answers: {} },
    step: question(1, { reprompt: "not_understood" }),
  },
  {
    name: "skip on a required item reprompts",
    from: at(0),
    input: { kind: "skip", itemId: "a" },
    state: { position: 0, answers: {} },
    step: question(0, { reprompt: "not_optional" }),
  },
  {
    name: "skip word on a required item reprompts",
    from: at(0),
    input: { kind: "text", text: "bỏ qua" },
    state: { position: 0, answers: {} },
    step: question(0, { reprompt: "not_optional" }),
  },
  {
    name: "skip on an optional item records the skip",
    from: at(1),
    input: { kind: "skip", itemId: "b" },
    state: { position: 2, answers: { b: { skipped: true } } },
    step: question(2),
    recorded: { item: q.items[1], value: { skipped: true } },
  },
  {
    name: "skip word on an optional item records the skip",
    from: at(1),
    input: { kind: "text", text: "bo qua" },
    state: { position: 2, answers: { b: { skipped: true } } },
    step: question(2),
    recorded: { item: q.items[1], value: { skipped: true } },
  },
  {
    name: "choice by button",
    from: at(2),
    input: { kind: "answer", itemId: "c", value: { choice: "y" } },
    state: { position: 3, answers: { c: { choice: "y" } } },
    step: question(3),
    recorded: { item: q.items[2], value: { choice: "y" } },
  },
  {
    name: "choice by number",
    from: at(2),
    input: { kind: "text", text: "1" },
    state: { position: 3, answers: { c: { choice: "x" } } },
    step: question(3),
    recorded: { item: q.items[2], value: { choice: "x" } },
  },
  {
    name: "choice by folded label",
    from: at(2),
    input: { kind: "text", text: "thong tin" },
    state: { position: 3, answers: { c: { choice: "y" } } },
    step: question(3),
    recorded: { item: q.items[2], value: { choice: "y" } },
  },
  {
    name: "unknown option id reprompts",
    from: at(2),
    input: { kind: "answer", itemId: "c", value: { choice: "z" } },
    state: { position: 2 },
    step: question(2, { reprompt: "not_understood" }),
  },
  {
    name: "out-of-range option number reprompts",
    from: at(2),
    input: { kind: "text", text: "3" },
    state: { position: 2 },
    step: question(2, { reprompt: "not_understood" }),
  },
  {
    name: "text answer on the last item completes, trimmed and in NFC",
    from: at(3),
    input: { kind: "text", text: "  Tốt\n".normalize("NFD") },
    state: { position: 4, completed: true, answers: { d: { text: "Tốt" } } },
    step: { kind: "completed" },
    recorded: { item: q.items[3], value: { text: "Tốt" } },
  },
  {
    name: "text length counts code points after NFC",
    from: at(3),
    input: { kind: "text", text: "Ượờểễ".normalize("NFD") },
    state: { position: 4, completed: true, answers: { d: { text: "Ượờểễ" } } },
    step: { kind: "completed" },
    recorded: { item: q.items[3], value: { text: "Ượờểễ" } },
  },
  {
    name: "astral characters count once",
    from: at(3),
    input: { kind: "text", text: "😀😀😀😀😀" },
    state: { position: 4, completed: true },
    step: { kind: "completed" },
    recorded: { item: q.items[3], value: { text: "😀😀😀😀😀" } },
  },
  {
    name: "too long text reprompts",
    from: at(3),
    input: { kind: "text", text: "abcdef" },
    state: { position: 3, completed: false },
    step: question(3, { reprompt: "too_long" }),
  },
  {
    name: "blank text reprompts",
    from: at(3),
    input: { kind: "text", text: "  \n " },
    state: { position: 3 },
    step: question(3, { reprompt: "not_understood" }),
  },
  {
    name: "too long text by button reprompts",
    from: at(3),
    input: { kind: "answer", itemId: "d", value: { text: "abcdef" } },
    state: { position: 3 },
    step: question(3, { reprompt: "too_long" }),
  },
  {
    name: "back at the first question changes nothing",
    from: at(0),
    input: { kind: "back", itemId: "a" },
    state: { position: 0 },
    step: question(0),
  },
  {
    name: "back keeps answers",
    from: at(2, { a: { score: 3 }, b: { skipped: true } }),
    input: { kind: "back", itemId: "c" },
    state: { position: 1, answers: { a: { score: 3 }, b: { skipped: true } } },
    step: question(1),
  },
  {
    name: "back word goes back",
    from: at(3, { a: { score: 3 } }),
    input: { kind: "text", text: "quay lại" },
    state: { position: 2, answers: { a: { score: 3 } } },
    step: question(2),
  },
  {
    name: "a button from an earlier question is stale",
    from: at(2, { a: { score: 3 } }),
    input: { kind: "answer", itemId: "a", value: { score: 1 } },
    state: { position: 2, answers: { a: { score: 3 } } },
    step: { kind: "stale", current: question(2) },
  },
  {
    name: "a stale skip button",
    from: at(2),
    input: { kind: "skip", itemId: "b" },
    state: { position: 2, answers: {} },
    step: { kind: "stale", current: question(2) },
  },
  {
    name: "a stale back button",
    from: at(2),
    input: { kind: "back", itemId: "b" },
    state: { position: 2 },
    step: { kind: "stale", current: question(2) },
  },
  {
    name: "answering after completion is stale",
    from: at(4, { d: { text: "ok" } }, true),
    input: { kind: "answer", itemId: "d", value: { text: "again" } },
    state: { position: 4, completed: true, answers: { d: { text: "ok" } } },
    step: { kind: "stale", current: null },
  },
  {
    name: "typing after completion is stale",
    from: at(4, {}, true),
    input: { kind: "text", text: "5" },
    state: { position: 4, completed: true },
    step: { kind: "stale", current: null },
  },
  {
    name: "back after completion is stale",
    from: at(4, {}, true),
    input: { kind: "back", itemId: "d" },
    state: { position: 4, completed: true },
    step: { kind: "stale", current: null },
  },
  {
    name: "language change mid-way keeps position and answers",
    from: at(2, { a: { score: 2 } }),
    input: { kind: "language", locale: "en" },
    state: { locale: "en", position: 2, answers: { a: { score: 2 } } },
    step: question(2),
  },
  {
    name: "language change after completion",
    from: at(4, { a: { score: 2 } }, true),
    input: { kind: "language", locale: "en" },
    state: { locale: "en", position: 4, completed: true, answers: { a: { score: 2 } } },
    step: { kind: "completed" },
  },
];

describe("advance", () => {
  it.each(rows)("$name", ({ from, input, state, step, recorded }) => {
    const t = advance(q, from, input);
    expect(t.state).toMatchObject(state);
    expect(t.step).toEqual(step);
    if (recorded === undefined) expect(t).not.toHaveProperty("recorded");
    else expect(t.recorded).toEqual(recorded);
  });

  it("drops stray fields from button values", () => {
    const value = { score: 4, choice: "x" } as unknown as { score: 4 };
    expect(advance(q, at(0), { kind: "answer", itemId: "a", value }).state.answers).toEqual({ a: { score: 4 } });
  });
});

describe("whole runs", () => {
  it("answers everything and completes", () => {
    const t = run([
      { kind: "text", text: "4" },
      { kind: "answer", itemId: "b", value: { score: 5 } },
      { kind: "text", text: "2" },
      { kind: "text", text: "Nhanh" },
    ]);
    expect(t.state).toEqual({
      questionnaireId: "test",
      questionnaireVersion: 3,
      locale: "vi",
      position: 4,
      completed: true,
      answers: { a: { score: 4 }, b: { score: 5 }, c: { choice: "y" }, d: { text: "Nhanh" } },
    });
    expect(t.step).toEqual({ kind: "completed" });
  });

  it("re-answering after back overwrites the earlier answer", () => {
    const t = run([
      { kind: "text", text: "4" },
      { kind: "skip", itemId: "b" },
      { kind: "back", itemId: "c" },
      { kind: "text", text: "1" },
    ]);
    expect(t.state.position).toBe(2);
    expect(t.state.answers).toEqual({ a: { score: 4 }, b: { score: 1 } });
    expect(t.recorded).toEqual({ item: q.items[1], value: { score: 1 } });
  });

  it("switching language mid-way keeps answers and continues", () => {
    const t = run([
      { kind: "text", text: "hai long" },
      { kind: "language", locale: "en" },
      { kind: "text", text: "very satisfied" },
      { kind: "language", locale: "vi" },
    ]);
    expect(t.state).toMatchObject({ locale: "vi", position: 2, answers: { a: { score: 4 }, b: { score: 5 } } });
    expect(t.step).toEqual(question(2));
  });

  it("never mutates the input state", () => {
    const from = at(1, { a: { score: 4 } });
    const snapshot = structuredClone(from);
    for (const input of [
      { kind: "answer", itemId: "b", value: { score: 2 } },
      { kind: "skip", itemId: "b" },
      { kind: "back", itemId: "b" },
      { kind: "text", text: "3" },
      { kind: "language", locale: "en" },
    ] satisfies SurveyInput[]) {
      const t = advance(q, from, input);
      expect(t.state).not.toBe(from);
    }
    expect(from).toEqual(snapshot);
  });

  it("keeps states JSON-serialisable", () => {
    const t = run([{ kind: "text", text: "4" }, { kind: "skip", itemId: "b" }]);
    expect(JSON.parse(JSON.stringify(t.state))).toEqual(t.state);
  });
});
