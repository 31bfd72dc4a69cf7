// How one simulated citizen answers a questionnaire: scores drawn around the agency's level for each
// SIPAS element (plus the person's own mood), optional questions sometimes skipped, a few typed answers
// instead of taps, now and then a correction with « Back, and a comment that matches how the visit went.
import type { Element, Item, Questionnaire } from "../survey/types.ts";
import type { Locale } from "../i18n.ts";
import { commentFor, type Mood } from "./comments.ts";
import type { DemoAgency } from "./province.ts";
import type { Draw } from "./random.ts";

export type Action =
  | { kind: "score"; score: number; typed?: string; correctedFrom?: number }
  | { kind: "choice"; index: number }
  | { kind: "skip" }
  | { kind: "text"; text: string };

export interface AnswerPlan {
  /** One action per questionnaire item, in order. */
  actions: Action[];
  /** Items answered before the citizen puts the phone away, or null when they finish in one go. */
  abandonAfter: number | null;
  /** Whether the reminder brings them back to finish. */
  returns: boolean;
}

type Score = 1 | 2 | 3 | 4 | 5;

const TYPED: Record<Locale, Record<Score, string[]>> = {
  vi: { 1: ["1", "rat khong hai long"], 2: ["2", "không hài lòng"], 3: ["3", "bình thường"], 4: ["4", "4 sao", "hài lòng"], 5: ["5", "rất hài lòng", "rat hai long"] },
  en: { 1: ["1", "very dissatisfied"], 2: ["2", "dissatisfied"], 3: ["3", "neutral"], 4: ["4", "satisfied"], 5: ["5", "very satisfied"] },
};

// Which "improve most" option a citizen tends to choose when an element disappointed them.
const REMEDY: Record<Element, string[]> = {
  access: ["premises", "information"],
  procedures: ["digital", "information"],
  civil_servants: ["attitude", "competence"],
  results: ["digital", "competence"],
  feedback: ["feedback"],
};

const clampScore = (x: number): Score => Math.min(5, Math.max(1, Math.round(x))) as Score;

function moodOf(overall: number): Mood {
  return overall >= 4 ? "good" : overall === 3 ? "mixed" : "bad";
}

export interface Respondent {
  agency: DemoAgency;
  locale: Locale;
  secondWeek: boolean;
}

function elementLevel(r: Respondent, el: Element): number {
  return r.agency.level + (r.agency.offsets[el] ?? 0) + (r.secondWeek ? (r.agency.secondWeek[el] ?? 0) : 0);
}

export function planAnswers(q: Questionnaire, r: Respondent, draw: Draw, comment?: string): AnswerPlan {
  const mood = draw.normal(0.45);
  // Most people never gave feedback and cannot judge its handling: they skip every question about it.
  const neverGaveFeedback = draw.chance(0.45);
  const elementScores: { element: Element; score: number }[] = [];
  const actions: Action[] = [];
  const likertPositions: number[] = [];
  for (const item of q.items) actions.push(actionFor(item));

  function actionFor(item: Item): Action {
    if (item.kind === "likert") {
      if (item.optional && neverGaveFeedback) return { kind: "skip" };
      let score: Score;
      if (item.element) {
        score = clampScore(elementLevel(r, item.element) + mood + draw.normal(0.75));
        elementScores.push({ element: item.element, score });
      } else {
        const mean = elementScores.reduce((s, e) => s + e.score, 0) / Math.max(1, elementScores.length);
        score = clampScore(mean + draw.normal(0.35));
      }
      likertPositions.push(actions.length);
      return draw.chance(0.04) ? { kind: "score", score, typed: draw.pick(TYPED[r.locale][score]) } : { kind: "score", score };
    }
    if (item.kind === "choice") {
      if (item.optional && draw.chance(0.2)) return { kind: "skip" };
      const weakest = [...elementScores].sort((a, b) => a.score - b.score)[0];
      const wanted = weakest && draw.chance(0.6) ? draw.pick(REMEDY[weakest.element]) : draw.pick(item.options).id;
      return { kind: "choice", index: Math.max(0, item.options.findIndex((o) => o.id === wanted)) };
    }
    const overall = [...actions].reverse().find((a): a is Extract<Action, { kind: "score" }> => a.kind === "score")?.score ?? 4;
    const feeling = moodOf(overall);
    if (comment) return { kind: "text", text: comment };
    // Unhappy citizens write more often than happy ones.
    if (!draw.chance(feeling === "good" ? 0.22 : 0.45)) return { kind: "skip" };
    return { kind: "text", text: commentFor(r.locale, feeling, draw.uniform()) };
  }

  // One in twenty-five taps a wrong score, goes « Back from the next question and corrects it.
  const correctable = likertPositions.filter((p) => p < actions.length - 1);
  if (correctable.length && draw.chance(0.04)) {
    const at = draw.pick(correctable);
    const a = actions[at] as Extract<Action, { kind: "score" }>;
    actions[at] = { kind: "score", score: a.score, correctedFrom: a.score === 5 ? 4 : a.score + 1 };
  }

  const abandons = !comment && draw.chance(0.09);
  return {
    actions,
    abandonAfter: abandons ? draw.int(1, actions.length - 2) : null,
    returns: abandons && draw.chance(0.55),
  };
}
