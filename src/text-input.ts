// The one rule for text that comes from outside (API bodies and query strings, imported files, webhooks)
// before it can reach PostgreSQL or a renderer. PostgreSQL refuses U+0000 in text and "\u0000" in jsonb,
// and a lone UTF-16 surrogate has no UTF-8 form (drivers either fail or silently store U+FFFD): both must
// be refused where the caller can still be told which field is wrong, not found later as a 500.
import type { z } from "zod";

/** "text": anything storable (free text, payloads); "line": a one-line name or code, no control characters. */
export type TextKind = "text" | "line";

// Without the u flag the pattern sees UTF-16 code units, so an unpaired half of a surrogate pair matches.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 controls (tab and line breaks included: a name is printed on one line), DEL and the C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_RUN = /[\u0000-\u001f\u007f-\u009f]+/g;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/** Why this text must be refused, or undefined when it is fine. */
export function textFault(value: string, kind: TextKind = "text"): string | undefined {
  if (value.includes("\u0000")) return "contains a NUL character (U+0000), which cannot be stored";
  if (LONE_SURROGATE.test(value)) return "contains a lone UTF-16 surrogate, which is not valid Unicode text";
  if (kind === "line" && CONTROL.test(value)) return "contains a control character or a line break";
  return undefined;
}

/** A zod refinement applying textFault: `z.string().superRefine(refuseBadText("line"))`. */
export function refuseBadText(kind: TextKind = "text"): (value: string, ctx: z.RefinementCtx<string>) => void {
  return (value, ctx) => {
    const fault = textFault(value, kind);
    if (fault !== undefined) ctx.addIssue({ code: "custom", message: fault, input: value });
  };
}

/** The first string (or object key) in a parsed JSON value that textFault refuses, with its path. */
export function findBadText(value: unknown, path: string[] = []): { path: string; reason: string } | undefined {
  if (typeof value === "string") {
    const reason = textFault(value);
    return reason === undefined ? undefined : { path: path.join(".") || "(body)", reason };
  }
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const keyReason = textFault(key);
    if (keyReason !== undefined) return { path: [...path, "(key)"].join("."), reason: keyReason };
    const found = findBadText(inner, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * A string safe to draw on one line: control characters and line breaks become one space, lone surrogates
 * are dropped, runs of spaces collapse. For rendering what is already stored, where refusing is no option.
 */
export function cleanLine(value: string): string {
  return value.replace(LONE_SURROGATES, "").replace(CONTROL_RUN, " ").replace(/ {2,}/g, " ").trim();
}
