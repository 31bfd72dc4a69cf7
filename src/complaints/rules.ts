// What a complaint may hold and when the survey offers one (pure). Citizens type on cheap phones and
// officials on desktops; both get the same caps, said in the reply rather than cut silently.
import { textFault } from "../text-input.ts";
import type { LowScore } from "../store/complaints.ts";
import type { Questionnaire, SurveyState } from "../survey/types.ts";

/** A complaint's and a reply's text, in code points after NFC (one chat message reads comfortably). */
export const MAX_COMPLAINT_CHARS = 1000;
export const MAX_REPLY_CHARS = 1000;
/** Scores at or below this on a 1–5 item make the survey offer a complaint ("không hài lòng" and worse). */
export const LOW_SCORE = 2;
/** How long the bot waits for the text (or the optional phone number) after the offer was taken. */
export const DIALOGUE_HOURS = 24;

/** The Likert answers of a finished survey at 1–2, in questionnaire order: the offer is made when there is one. */
export function lowScoresOf(q: Questionnaire, state: SurveyState): LowScore[] {
  return q.items.flatMap((item) => {
    const v = state.answers[item.id];
    return item.kind === "likert" && v && "score" in v && v.score <= LOW_SCORE ? [{ itemId: item.id, element: item.element, score: v.score }] : [];
  });
}

export type TextCheck = { ok: true; text: string } | { ok: false; reason: "empty" | "too_long" | "bad_text"; length?: number };

/**
 * A typed complaint or reply: NFC, trimmed; refused when empty, over `max`, or holding what cannot be
 * stored (NUL, lone surrogates). Line breaks are kept (people write paragraphs); other control
 * characters are dropped, as they are invisible and only break what shows the text later.
 */
export function checkText(raw: string, max: number): TextCheck {
  if (textFault(raw) !== undefined) return { ok: false, reason: "bad_text" };
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const text = raw.normalize("NFC").replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, "").trim();
  if (text === "") return { ok: false, reason: "empty" };
  const length = [...text].length;
  if (length > max) return { ok: false, reason: "too_long", length };
  return { ok: true, text };
}

/**
 * A Vietnamese phone number as people type it (spaces, dots, dashes, +84 or 0): mobiles 0[35789]… and
 * landlines 02…, both 10 digits nationally. Returns the national form "0xxxxxxxxx", or null.
 */
export function parsePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()]/g, "");
  let national: string;
  if (/^\+84\d+$/.test(compact)) national = compact.slice(3);
  else if (/^0084\d+$/.test(compact)) national = compact.slice(4);
  else if (/^84\d{9}$/.test(compact)) national = compact.slice(2);
  else if (/^0\d+$/.test(compact)) national = compact.slice(1);
  else return null;
  return /^(?:[35789]\d{8}|2\d{9})$/.test(national) ? `0${national}` : null;
}

/** Looks like someone typing a number (so a wrong one gets "check the number", not "send a number"). */
export function looksLikePhone(input: string): boolean {
  return /^[\s+().\-\d]{6,}$/.test(input.trim());
}
