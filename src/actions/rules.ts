// Who may do what with a feedback action, and what its text must be (pure). Officials and admins record
// actions for agencies in their scope; comms and admins decide them, under the same approval rule as
// announcements (HAILONG_APPROVAL=second-person: never the action's own author).
import { textFault } from "../text-input.ts";
import type { ActionActor, ActionStatus, FeedbackAction } from "./types.ts";

/** Short enough to read on a cheap phone at the end of a survey, and in a list on the site. */
export const MAX_ACTION_TEXT = 280;

export type ApprovalRule = "admin" | "second-person";

export type ActionRefusal =
  | { reason: "not_allowed" }
  | { reason: "unknown_agency"; agency: string }
  | { reason: "out_of_scope"; agency: string }
  | { reason: "not_found" }
  | { reason: "wrong_status"; status: ActionStatus }
  | { reason: "own_action" }
  | { reason: "empty_text" }
  | { reason: "too_long"; max: number; length: number }
  | { reason: "bad_text" };

/** The agencies an actor acts for: admins every agency, whatever their scope says (as src/staff/scope.ts). */
export const actorScope = (a: ActionActor): string[] => (a.role === "admin" ? [] : a.scope);

export const mayRecord = (a: ActionActor): boolean => a.role === "official" || a.role === "admin";
export const mayReview = (a: ActionActor): boolean => a.role === "comms" || a.role === "admin";

/**
 * The text as it will be shown: one paragraph (line breaks and runs of spaces become one space, since the
 * thank-you message and the site show it inline), or why it cannot be.
 */
export function cleanActionText(raw: string): { ok: true; text: string } | { ok: false; refusal: ActionRefusal } {
  const text = raw.normalize("NFC").replace(/\s+/g, " ").trim();
  if (text === "") return { ok: false, refusal: { reason: "empty_text" } };
  if (textFault(text, "line") !== undefined) return { ok: false, refusal: { reason: "bad_text" } };
  const length = [...text].length;
  if (length > MAX_ACTION_TEXT) return { ok: false, refusal: { reason: "too_long", max: MAX_ACTION_TEXT, length } };
  return { ok: true, text };
}

export type Decision = "approve" | "reject" | "takeDown";

/**
 * The status each decision starts from. Taking an approved action down is its own step rather than a
 * rejection, so a reviewer's "Reject" tapped a moment after someone else approved does not unpublish it.
 */
export const DECIDABLE: Record<Decision, { from: ActionStatus; to: ActionStatus }> = {
  approve: { from: "pending", to: "approved" },
  reject: { from: "pending", to: "rejected" },
  takeDown: { from: "approved", to: "rejected" },
};

export function decide(step: Decision, a: FeedbackAction | null, actor: ActionActor, rule: ApprovalRule): ActionRefusal | null {
  if (!mayReview(actor)) return { reason: "not_allowed" };
  if (!a) return { reason: "not_found" };
  if (DECIDABLE[step].from !== a.status) return { reason: "wrong_status", status: a.status };
  if (step === "approve" && rule === "second-person" && a.createdBy === actor.id) return { reason: "own_action" };
  return null;
}
