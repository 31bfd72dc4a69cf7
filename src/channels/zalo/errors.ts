// Zalo answers errors with HTTP 200 and `error != 0`. This file is the one place that decides what each code
// means for us: the SendResult failure kind, whether a later retry can succeed, and when.
import type { SendFailureKind } from "../../messages.ts";

/** A failed Zalo call, shaped like the failing half of SendResult plus the provider's code. */
export interface ZaloFailure {
  ok: false;
  failure: SendFailureKind;
  retryable: boolean;
  retryAfterSeconds?: number;
  detail?: string;
  /** Zalo's error code when Zalo answered; absent for network/HTTP problems. */
  code?: number;
}

/** Access-token errors: refresh once and retry once (-124 is the ZNS host's spelling). */
export const TOKEN_ERROR_CODES: ReadonlySet<number> = new Set([-216, -220, -124]);

const VIETNAM_OFFSET_MS = 7 * 3600_000; // Asia/Ho_Chi_Minh has no DST.

/** Seconds from `now` until the next 06:00 in Vietnam, when ZNS/promotional night blocks end. */
export function secondsUntilMorning(now: number): number {
  const local = now + VIETNAM_OFFSET_MS;
  const day = Math.floor(local / 86_400_000) * 86_400_000;
  let six = day + 6 * 3600_000;
  if (local >= six) six += 86_400_000;
  return Math.ceil((six - local) / 1000);
}

/** Seconds from `now` until the next midnight in Vietnam, when daily ZNS quotas reset. */
export function secondsUntilMidnight(now: number): number {
  const local = now + VIETNAM_OFFSET_MS;
  const next = (Math.floor(local / 86_400_000) + 1) * 86_400_000;
  return Math.ceil((next - local) / 1000);
}

type Rule = { failure: SendFailureKind; retryable: boolean; retryAfter?: (now: number) => number; why: string };

const RULES = new Map<number, Rule>();
const rule = (codes: number[], r: Rule) => codes.forEach((c) => RULES.set(c, r));

// The OA's rate limit is per minute (4,000 req/min), so a minute is the natural wait.
rule([-32], { failure: "rate-limited", retryable: true, retryAfter: () => 60, why: "app rate limit exceeded" });
// The 7-day interaction window: no CS message can reach this person until they write to the OA again.
rule([-230, -232], { failure: "window-expired", retryable: false, why: "user has not interacted with the OA recently" });
// The person left or cannot be reached through this OA: like Telegram's 403 "bot was blocked".
rule([-213], { failure: "recipient-stopped", retryable: false, why: "user is not a follower of the OA" });
rule([-227], { failure: "recipient-stopped", retryable: false, why: "user banned or inactive for more than 45 days" });
rule([-217, -244], { failure: "recipient-stopped", retryable: false, why: "user blocked or restricted messages" });
rule([-114, -118, -119], { failure: "recipient-stopped", retryable: false, why: "user cannot receive template messages" });
rule([-139, -140, -141], { failure: "recipient-stopped", retryable: false, why: "user refused this content, is not eligible, or refused this OA" });
// Night windows: ZNS (-133) and promotional (-234) sends are refused 22:00–06:00; resend in the morning.
rule([-133, -234], { failure: "quiet-hours", retryable: true, retryAfter: secondsUntilMorning, why: "night window (22:00–06:00)" });
// Daily quotas reset at midnight; balance/wallet problems need a human.
rule([-144, -147], { failure: "quota", retryable: true, retryAfter: secondsUntilMidnight, why: "daily OA or template quota reached" });
rule([-115, -136, -137, -1381, -126], { failure: "quota", retryable: false, why: "out of quota or balance, or no Zalo Cloud Account linked" });
// Our own request or configuration is wrong: retrying the same call cannot help.
rule([-108], { failure: "bad-request", retryable: false, why: "invalid phone number" });
rule([-117], { failure: "bad-request", retryable: false, why: "no permission for this template" });
rule([-131, -146], { failure: "bad-request", retryable: false, why: "template not approved or disabled" });
rule([-127], { failure: "bad-request", retryable: false, why: "development mode sends only to OA/app admins" });
rule([-1121, -1122], { failure: "bad-request", retryable: false, why: "template parameter too long or missing" });
rule([-249], { failure: "bad-request", retryable: false, why: "template cannot be sent by user id" });
rule([-201, -240], { failure: "bad-request", retryable: false, why: "invalid parameters or retired API" });
rule([-216, -220, -124], { failure: "unknown", retryable: true, retryAfter: () => 300, why: "access token rejected even after a refresh" });

/** Maps a Zalo error code (error != 0) to a typed failure. */
export function classifyZaloError(code: number, message: string | undefined, now: number): ZaloFailure {
  const r = RULES.get(code);
  const detail = `zalo ${code}${message ? ` ${message}` : ""}${r ? ` (${r.why})` : ""}`;
  if (!r) {
    // Unknown codes are not retried: a loop of blind retries against an unknown refusal helps nobody.
    return { ok: false, failure: "unknown", retryable: false, detail, code };
  }
  const out: ZaloFailure = { ok: false, failure: r.failure, retryable: r.retryable, detail, code };
  if (r.retryAfter) out.retryAfterSeconds = r.retryAfter(now);
  return out;
}

/** HTTP-level problems: Zalo was not reached, or answered with something other than its JSON envelope. */
export function transportFailure(status: number | undefined, detail: string): ZaloFailure {
  if (status === 429) return { ok: false, failure: "rate-limited", retryable: true, retryAfterSeconds: 60, detail };
  if (status !== undefined && status >= 400 && status < 500) return { ok: false, failure: "bad-request", retryable: false, detail };
  return { ok: false, failure: "unreachable", retryable: true, detail };
}
