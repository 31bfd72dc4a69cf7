// Labels for item ids and "improve" options, taken from the shipped questionnaires so a digest names an
// item the way citizens were asked about it. Callers with their own questionnaire pass their own labels.
import { listQuestionnaires } from "../survey/questionnaires/index.ts";
import type { LocalizedText } from "../survey/types.ts";

export interface DigestLabels {
  items: Record<string, LocalizedText>;
  improvements: Record<string, LocalizedText>;
}

/** The item id of the "what should we improve most" choice question. */
export const IMPROVE_ITEM_ID = "improve";

let shipped: DigestLabels | undefined;

export function shippedLabels(): DigestLabels {
  if (!shipped) {
    const items: Record<string, LocalizedText> = {};
    const improvements: Record<string, LocalizedText> = {};
    // Later versions come last in the list, so their wording wins.
    for (const q of listQuestionnaires()) {
      for (const item of q.items) {
        if (item.kind === "likert") items[item.id] = item.text;
        if (item.kind === "choice" && item.id === IMPROVE_ITEM_ID) for (const o of item.options) improvements[o.id] = o.text;
      }
    }
    shipped = { items, improvements };
  }
  return shipped;
}
