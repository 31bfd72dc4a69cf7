import crypto from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// 248 = 4 × 62: bytes at or above it are dropped so every letter is equally likely.
const LIMIT = 248;

/**
 * A random id with at least `bytes` × 8 bits, in letters and digits only (12 bytes → 17 chars).
 * People type these ids into the CLI (`hailong staff revoke ID`); base64url ids that began with
 * "-" were read as options, so ids never contain "-" or "_".
 */
export function randomId(bytes = 12): string {
  const length = Math.ceil((bytes * 8) / Math.log2(ALPHABET.length));
  let out = "";
  while (out.length < length) {
    for (const b of crypto.randomBytes(length - out.length + 4)) {
      if (b >= LIMIT) continue;
      out += ALPHABET[b % ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}
