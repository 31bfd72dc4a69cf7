// Respondents are stored under a keyed HMAC of channel + provider user id: stable for us, meaningless
// to anyone who reads the database without the server secret.
import crypto from "node:crypto";

export type Pseudonymizer = (channel: string, userId: string) => string;

export function createPseudonymizer(secret: string): Pseudonymizer {
  return (channel, userId) =>
    crypto.createHmac("sha256", secret).update(`${channel}:${userId}`).digest("base64url").slice(0, 32);
}
