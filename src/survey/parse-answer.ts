// Typed replies → answers. Citizens type with or without diacritics, on keyboards that send NFC or
// NFD, so everything is compared in a folded form. Whole-string matches only: a substring search
// would read "không hài lòng" as "hài lòng".
import type { ChoiceItem } from "./types.ts";

type Score = 1 | 2 | 3 | 4 | 5;

// Nobody types a rating or an option in more than a few words; longer input is a comment, not an answer.
const MAX_ANSWER_LENGTH = 100;

/**
 * Accent- and case-insensitive form: NFD with combining marks removed (which also drops emoji
 * variation selectors and the keycap mark), đ→d, lower case, single spaces, no punctuation at either end.
 */
export function foldText(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/gu, " ")
    .replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, "");
}

const PHRASES: ReadonlyMap<string, Score> = new Map<string, Score>([
  ["rat khong hai long", 1],
  ["hoan toan khong hai long", 1],
  ["very dissatisfied", 1],
  ["very unsatisfied", 1],
  ["khong hai long", 2],
  ["chua hai long", 2],
  ["dissatisfied", 2],
  ["unsatisfied", 2],
  ["not satisfied", 2],
  ["binh thuong", 3],
  ["tam duoc", 3],
  ["neutral", 3],
  ["ok", 3],
  ["okay", 3],
  ["hai long", 4],
  ["satisfied", 4],
  ["rat hai long", 5],
  ["very satisfied", 5],
]);

const DIGIT = /^([1-5])$/;
const DIGIT_WITH_UNIT = /^([1-5]) ?(?:sao|diem|d|stars?|points?|\/ ?5)$/;
// What a citizen copies from a button label such as "4 – Hài lòng"; the words must agree with the digit.
const DIGIT_WITH_PHRASE = /^([1-5]) ?[-–—:.)]? ?(\p{L}[\p{L} ]*)$/u;
const STARS = /^[⭐★🌟]{1,5}$/u;

/** A 1–5 satisfaction score from typed text, or null when the text is not clearly one. */
export function parseLikert(text: string): Score | null {
  if (text.length > MAX_ANSWER_LENGTH) return null;

  const compact = text.normalize("NFC").replace(/[\s\uFE0F]/gu, "");
  if (STARS.test(compact)) return [...compact].length as Score;

  const folded = foldText(text);
  const phrase = PHRASES.get(folded);
  if (phrase !== undefined) return phrase;

  const plain = DIGIT.exec(folded) ?? DIGIT_WITH_UNIT.exec(folded);
  if (plain) return Number(plain[1]) as Score;

  const labelled = DIGIT_WITH_PHRASE.exec(folded);
  if (labelled) {
    const score = Number(labelled[1]) as Score;
    return PHRASES.get(labelled[2]!) === score ? score : null;
  }
  return null;
}

/** The id of the option the text names, by its 1-based number or its label in either language. */
export function parseChoice(item: ChoiceItem, text: string): string | null {
  if (text.length > MAX_ANSWER_LENGTH) return null;
  const folded = foldText(text);
  if (/^\d{1,2}$/.test(folded)) {
    return item.options[Number(folded) - 1]?.id ?? null;
  }
  if (folded === "") return null;
  const match = item.options.find(
    (o) => foldText(o.text.vi) === folded || foldText(o.text.en) === folded,
  );
  return match?.id ?? null;
}

const SKIP_WORDS = new Set(["bo qua", "skip"]);
const BACK_WORDS = new Set(["quay lai", "tro lai", "back"]);

export function isSkipWord(text: string): boolean {
  return text.length <= MAX_ANSWER_LENGTH && SKIP_WORDS.has(foldText(text));
}

export function isBackWord(text: string): boolean {
  return text.length <= MAX_ANSWER_LENGTH && BACK_WORDS.has(foldText(text));
}
