// The shape of an invite code: 12 symbols of Crockford's base-32 (60 bits), shown as K7QM-3XTP-9RWA so it
// can be read aloud over the phone and typed on one. Reading forgives what people do to codes: any case,
// spaces, dots or dashes (a phone may turn - into –), O for 0 and I or L for 1 (the alphabet has no I, L, O or U).
import crypto from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const INVITE_CODE_LENGTH = 12;

/** A fresh code in its canonical form (no dashes). 256 is a multiple of 32, so `byte & 31` is unbiased. */
export function newInviteCode(randomBytes: (n: number) => Buffer = crypto.randomBytes): string {
  return [...randomBytes(INVITE_CODE_LENGTH)].map((b) => ALPHABET[b & 31]).join("");
}

/** K7QM3XTP9RWA → K7QM-3XTP-9RWA */
export function formatInviteCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

/** What someone typed → the canonical code, or null when it cannot be one. */
export function parseInviteCode(typed: string): string | null {
  const s = typed
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_.·\u2010-\u2015]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (s.length !== INVITE_CODE_LENGTH) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}
