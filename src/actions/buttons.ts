// The buttons of /action and /actions: typed actions in "x:act:…" data (src/staff/button-codec.ts). The
// recording dialogue's buttons carry its nonce, so a picker left over from an earlier /action is stale;
// review buttons carry the action's id, and the store decides whether the decision still applies.
import { buttonCodec, field, type ActionOf } from "../staff/button-codec.ts";
import type { Element } from "../survey/types.ts";

/** Button-sized names of the topics (enum values are at most 8 letters): the five SIPAS elements and "other". */
export const TOPIC_CODES = { acc: "access", proc: "procedures", civ: "civil_servants", res: "results", fb: "feedback", other: null } as const satisfies Record<
  string,
  Element | null
>;
export type TopicCode = keyof typeof TOPIC_CODES;

const dialogue = { nonce: field.id };

export const actionButtons = buttonCodec("act", {
  /** One level of the agency tree within the scope (parent 0: the scope's roots), one page of it. */
  level: { tag: "l", fields: { ...dialogue, parent: field.int, page: field.int } },
  agency: { tag: "g", fields: { ...dialogue, agency: field.int } },
  topic: { tag: "t", fields: { ...dialogue, topic: field.oneOf(...(Object.keys(TOPIC_CODES) as TopicCode[])) } },
  edit: { tag: "ev", fields: dialogue },
  english: { tag: "ee", fields: dialogue },
  submit: { tag: "s", fields: dialogue },
  discard: { tag: "x", fields: dialogue },
  approve: { tag: "ap", fields: { id: field.id } },
  reject: { tag: "rj", fields: { id: field.id } },
  takeDown: { tag: "td", fields: { id: field.id } },
});

export type ActionButton = ActionOf<typeof actionButtons>;

export function topicCodeOf(element: Element | null): TopicCode {
  const found = (Object.entries(TOPIC_CODES) as [TopicCode, Element | null][]).find(([, e]) => e === element);
  return found ? found[0] : "other";
}
