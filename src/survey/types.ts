// Channel-neutral survey vocabulary shared by the questionnaire data, the engine and the service.
import type { Locale } from "../i18n.ts";


/** The five SIPAS elements (QĐ 2640/QĐ-BNV structure, kept by QĐ 1001/QĐ-BNV for services). */
export const ELEMENTS = ["access", "procedures", "civil_servants", "results", "feedback"] as const;
export type Element = (typeof ELEMENTS)[number];

export type LocalizedText = { vi: string; en: string };

export type LikertItem = {
  id: string;
  kind: "likert";
  /** null for the separate overall-satisfaction item, which is reported on its own. */
  element: Element | null;
  text: LocalizedText;
  optional: boolean;
};

export type ChoiceItem = {
  id: string;
  kind: "choice";
  element: null;
  text: LocalizedText;
  optional: boolean;
  options: { id: string; text: LocalizedText }[];
};

export type TextItem = {
  id: string;
  kind: "text";
  element: null;
  text: LocalizedText;
  optional: boolean;
  maxLength: number;
};

export type Item = LikertItem | ChoiceItem | TextItem;

export interface Questionnaire {
  id: string;
  version: number;
  title: LocalizedText;
  items: Item[];
}

export type AnswerValue =
  | { score: 1 | 2 | 3 | 4 | 5 }
  | { choice: string }
  | { text: string }
  | { skipped: true };

/** JSON-serialisable, stored in Response.state; a run stays on the questionnaire version it started with. */
export interface SurveyState {
  questionnaireId: string;
  questionnaireVersion: number;
  locale: Locale;
  /** Index of the current item; equals items.length once completed. */
  position: number;
  answers: Record<string, AnswerValue>;
  completed: boolean;
}

export type SurveyInput =
  /** A tapped button. itemId is the item the button belonged to; a different item means a stale keyboard. */
  | { kind: "answer"; itemId: string; value: AnswerValue }
  /** Typed text, parsed against the current item. */
  | { kind: "text"; text: string }
  | { kind: "skip"; itemId: string }
  | { kind: "back"; itemId: string }
  | { kind: "language"; locale: Locale };

export type RepromptReason = "not_understood" | "too_long" | "not_optional";

export type Step =
  | {
      kind: "question";
      item: Item;
      /** 0-based position and total count, for "Câu 2/8". */
      index: number;
      total: number;
      canBack: boolean;
      canSkip: boolean;
      reprompt?: RepromptReason;
    }
  | { kind: "completed" }
  /** A button from an earlier question or a finished survey: nothing changed. */
  | { kind: "stale"; current: Step | null };

/** What the engine decided; `recorded` is the answer (or skip) to persist with the new state. */
export interface Transition {
  state: SurveyState;
  step: Step;
  recorded?: { item: Item; value: AnswerValue };
}
