// Personal data out of citizen comments before they reach officials' phones: phone numbers, e-mail
// addresses, national ID numbers and self-introductions by name. It errs on the side of hiding: a
// comment that loses a few harmless words costs little; a leaked phone number cannot be recalled.
import type { Locale } from "../i18n.ts";

export type RedactionKind = "email" | "id" | "phone" | "name";

// Placeholders stay short and bracketed so a reader sees at once that something was removed, and why.
const MASKS: Record<Locale, Record<RedactionKind, string>> = {
  vi: { email: "[email]", id: "[số giấy tờ]", phone: "[số điện thoại]", name: "[tên]" },
  en: { email: "[email]", id: "[ID number]", phone: "[phone]", name: "[name]" },
};

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

// CCCD (12 digits) and CMND (9 digits) are written without separators; a digit on either side means
// the run is part of something longer (a dossier code, an amount) and is left alone.
const NATIONAL_ID = /(?<![\d.,])(?:\d{12}|\d{9})(?![\d.,]\d)(?!\d)/g;

// Mobile 0xxxxxxxxx (10 digits), landline 02xxxxxxxxx (11), or either with +84/84 in place of the 0;
// people group the digits with spaces, dots or dashes ("0912 345 678", "091.234.5678", "+84 912 345 678").
const PHONE = /(?<![\d+])(?:\(?\+84\)?|84|0)(?:[ .-]?\d){9,10}(?![\d])/g;

// "tôi là Nguyễn Văn An, …": everything up to the next punctuation is taken to be the name. "I am" and
// "I'm" only count before a capital letter, since "I am satisfied" is how many English comments start.
const NAME_VI = /(?<![\p{L}])(tên tôi là|tôi tên là|tôi là|my name is)(\s+)([^.,;:!?()\n"“”]+)/giu;
const NAME_EN = /(?<![\p{L}])(i am|i'm|i’m)(\s+)(\p{Lu}[^.,;:!?()\n"“”]*)/giu;

/** The text with personal data replaced by placeholders in the reader's language. */
export function redact(text: string, locale: Locale): string {
  const mask = MASKS[locale];
  const keepTrailingSpace = (name: string) => mask.name + (/\s$/.test(name) ? " " : "");
  return text
    .replace(EMAIL, mask.email)
    // Phones first: "+84 912345678" ends in nine digits that would otherwise read as a CMND.
    .replace(PHONE, mask.phone)
    .replace(NATIONAL_ID, mask.id)
    .replace(NAME_VI, (_m, lead: string, gap: string, name: string) => lead + gap + keepTrailingSpace(name))
    .replace(NAME_EN, (m, lead: string, gap: string, name: string) =>
      // The case-insensitive flag would let "i am ngọc" through \p{Lu}; require the capital for real.
      /^\p{Lu}/u.test(name) ? lead + gap + keepTrailingSpace(name) : m,
    );
}
