import crypto from "node:crypto";

/** A random base64url id of `bytes` bytes (12 bytes → 16 chars, 96 bits). */
export function randomId(bytes = 12): string {
  return crypto.randomBytes(bytes).toString("base64url");
}
