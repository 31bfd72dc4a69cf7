// Turns engine steps into channel-neutral messages in the respondent's language (pure).
import type { Button } from "../channels/channel.ts";
import type { Translate } from "../i18n.ts";
import { encodeButton } from "./callback-data.ts";
import type { Item, Locale, Step } from "./types.ts";

export interface RenderedQuestion {
  text: string;
  buttons: Button[][];
}

function itemHint(t: Translate, locale: Locale, item: Item): string {
  if (item.kind === "text") return t(locale, "survey.text_hint", { max: item.maxLength });
  if (item.kind === "choice") return t(locale, "survey.choice_hint");
  return t(locale, "survey.likert_hint");
}

/** The question text with its buttons: Likert = exactly five buttons "1 · …" to "5 · …". */
export function renderQuestion(
  t: Translate,
  locale: Locale,
  runId: string,
  step: Extract<Step, { kind: "question" }>,
  opts: { offerLanguageSwitch?: boolean } = {},
): RenderedQuestion {
  const { item, index, total } = step;
  const lines: string[] = [];
  if (step.reprompt) lines.push(t(locale, `survey.reprompt.${step.reprompt}`, { max: item.kind === "text" ? item.maxLength : 0 }), "");
  const header = item.element ? `${t(locale, "survey.progress", { n: index + 1, total })} · ${t(locale, `element.${item.element}`)}` : t(locale, "survey.progress", { n: index + 1, total });
  lines.push(header, "", item.text[locale], "", itemHint(t, locale, item));

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
