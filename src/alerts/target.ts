// What an alert is about: the overall index, one of the five elements, or one item. Stored as text in
// thresholds and claims ("index", "element:access", "item:cs_polite"), read back strictly so a row or a
// button this version does not understand is refused rather than guessed.
import { ELEMENTS, type Element } from "../survey/types.ts";

export type AlertTarget = { kind: "index" } | { kind: "element"; element: Element } | { kind: "item"; itemId: string };

const ITEM_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function targetKey(t: AlertTarget): string {
  return t.kind === "index" ? "index" : t.kind === "element" ? `element:${t.element}` : `item:${t.itemId}`;
}

export function parseTarget(key: string): AlertTarget | null {
  if (key === "index") return { kind: "index" };
  const [kind, id, ...rest] = key.split(":");
  if (rest.length || id === undefined) return null;
  if (kind === "element") return (ELEMENTS as readonly string[]).includes(id) ? { kind: "element", element: id as Element } : null;
  if (kind === "item") return ITEM_ID.test(id) ? { kind: "item", itemId: id } : null;
  return null;
}
