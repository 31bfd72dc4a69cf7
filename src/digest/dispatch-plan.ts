// What to do with one due digest row, decided from the facts read when it is due (not when it was planned):
// the member may have been revoked, unsubscribed, blocked the bot or changed frequency since the fan-out.
// Pure.
import { parsePeriod, type Period } from "../indices/period.ts";
import { effectiveScope, resolveSelection, type RegistryAgency } from "../staff/scope.ts";
import { DIGEST_ROLES, type DigestTarget } from "../store/subscriptions.ts";
import type { DigestJobPayload, PartState } from "../store/digest-jobs.ts";
import type { Locale } from "../i18n.ts";

export type RowPlan =
  | { action: "cancel"; reason: string }
  | { action: "fail"; reason: string }
  | {
      action: "send";
      chatId: string;
      /** [] = every agency (an unrestricted scope with nothing chosen). */
      agencyCodes: string[];
      period: Period;
      languages: Locale[];
      /** Parts recorded by earlier holders of the row. */
      parts: Record<string, PartState>;
    };

export function readPayload(p: Record<string, unknown>): DigestJobPayload | null {
  if (typeof p.slot !== "string" || typeof p.period !== "string" || typeof p.staffId !== "string") return null;
  const parts: Record<string, PartState> = {};
  if (p.parts && typeof p.parts === "object") {
    for (const [k, v] of Object.entries(p.parts as Record<string, unknown>)) if (v === "sending" || v === "sent") parts[k] = v;
  }
  return { slot: p.slot, period: p.period, staffId: p.staffId, parts };
}

export function planRow(
  payload: DigestJobPayload | null,
  target: DigestTarget | undefined,
  o: { registry: RegistryAgency[]; timeZone: string; channel: string },
): RowPlan {
  if (!payload) return { action: "fail", reason: "not a digest job payload" };
  if (!target || target.revoked) return { action: "cancel", reason: "the staff member no longer has a role" };
  if (!(DIGEST_ROLES as readonly string[]).includes(target.role)) return { action: "cancel", reason: `role ${target.role} gets no digests` };
  if (target.stopped) return { action: "cancel", reason: "the chat has blocked the bot" };
  if (target.channel !== o.channel) return { action: "cancel", reason: `no ${target.channel} channel for digests` };
  const sub = target.subscription;
  if (!sub?.active) return { action: "cancel", reason: "unsubscribed" };
  let period: Period;
  try {
    period = parsePeriod(payload.period, o.timeZone);
  } catch {
    return { action: "fail", reason: `unknown period ${payload.period}` };
  }
  if ((period.kind === "week") !== (sub.frequency === "weekly")) return { action: "cancel", reason: `the subscription is ${sub.frequency} now` };
  const agencyCodes = resolveSelection(sub.agencies, o.registry, effectiveScope(target));
  if (agencyCodes === null) return { action: "cancel", reason: "no agency of the member's scope exists any more" };
  return { action: "send", chatId: target.chatId, agencyCodes, period, languages: sub.languages, parts: payload.parts ?? {} };
}
