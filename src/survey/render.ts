// Turns engine steps into channel-neutral messages in the respondent's language (pure).
import type { Button } from "../messages.ts";
import type { Translate } from "../i18n.ts";
import { encodeButton } from "./callback-data.ts";
import type { AnswerValue, Item, Step } from "./types.ts";
import type { Locale } from "../i18n.ts";

export interface RenderedQuestion {
  text: string;
  buttons: Button[][];
}

function itemHint(t: Translate, locale: Locale, item: Item): string {
  if (item.kind === "text") return t(locale, "survey.text_hint", { max: item.maxLength });
  if (item.kind === "choice") return t(locale, "survey.choice_hint");
  return t(locale, "survey.likert_hint");
}

type QuestionStep = Extract<Step, { kind: "question" }>;

function header(t: Translate, locale: Locale, { item, index, total }: Pick<QuestionStep, "item" | "index" | "total">): string {
  const progress = t(locale, "survey.progress", { n: index + 1, total });
  return item.element ? `${progress} · ${t(locale, `element.${item.element}`)}` : progress;
}

/** An answer as its button reads ("4 · Hài lòng", "5. Số hóa"), a comment as typed, a skip as "Bỏ qua". */
export function answerLabel(t: Translate, locale: Locale, item: Item, value: AnswerValue): string {
  if ("skipped" in value) return t(locale, "survey.skip");
  if ("score" in value) return `${value.score} · ${t(locale, `scale.${value.score}`)}`;
  if ("text" in value) return value.text;
  const i = item.kind === "choice" ? item.options.findIndex((o) => o.id === value.choice) : -1;
  return i < 0 || item.kind !== "choice" ? value.choice : `${i + 1}. ${item.options[i]!.text[locale]}`;
}

/**
 * What an answered question's message becomes: the question, then "✓ 4 · Hài lòng", no buttons, so the
 * chat reads as a record of what was chosen and no old keyboard is left to tap.
 */
export function renderAnswered(t: Translate, locale: Locale, step: Pick<QuestionStep, "item" | "index" | "total">, value: AnswerValue): string {
  return [header(t, locale, step), "", step.item.text[locale], "", `✓ ${answerLabel(t, locale, step.item, value)}`].join("\n");
}

/**
 * The question text with its buttons: Likert = exactly five buttons "1 · …" to "5 · …". `previous` is the
 * answer already stored for this item (after « Back, or on resuming), shown so the citizen sees what
 * they are changing.
 */
export function renderQuestion(
  t: Translate,
  locale: Locale,
  runId: string,
  step: QuestionStep,
  opts: { offerLanguageSwitch?: boolean; previous?: AnswerValue } = {},
): RenderedQuestion {
  const { item, index } = step;
  const lines: string[] = [];
  if (step.reprompt) lines.push(t(locale, `survey.reprompt.${step.reprompt}`, { max: item.kind === "text" ? item.maxLength : 0 }), "");
  lines.push(header(t, locale, step), "", item.text[locale], "");
  if (opts.previous) lines.push(t(locale, "survey.previous_answer", { answer: answerLabel(t, locale, item, opts.previous) }));
  lines.push(itemHint(t, locale, item));

  const rows: Button[][] = [];
  if (item.kind === "likert") {
    for (let score = 1; score <= 5; score++) {
      rows.push([{ label: `${score} · ${t(locale, `scale.${score}`)}`, data: encodeButton({ kind: "answer", runId, position: index, value: String(score) }) }]);
    }
  } else if (item.kind === "choice") {
    item.options.forEach((o, i) => {
      rows.push([{ label: `${i + 1}. ${o.text[locale]}`, data: encodeButton({ kind: "answer", runId, position: index, value: o.id }) }]);
    });
  }
  const nav: Button[] = [];
  if (step.canBack) nav.push({ label: t(locale, "survey.back"), data: encodeButton({ kind: "back", runId, position: index }) });
  if (step.canSkip) nav.push({ label: t(locale, "survey.skip"), data: encodeButton({ kind: "skip", runId, position: index }) });
  if (nav.length) rows.push(nav);
  if (opts.offerLanguageSwitch) {
    const other: Locale = locale === "vi" ? "en" : "vi";
    rows.push([{ label: t(other, "language.switch_to_this"), data: encodeButton({ kind: "language", locale: other }) }]);
  }
  return { text: lines.join("\n"), buttons: rows };
}
