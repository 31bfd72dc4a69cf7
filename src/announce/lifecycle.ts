// Who may do what to an announcement, and when: pure decisions, no I/O. The store repeats the status and
// version conditions in its UPDATEs, so these rules also hold against a racing instance.
//
//   draft ──submit──▶ pending ──approve──▶ approved ──publish──▶ publishing ──▶ published
//     ▲                  │                    │  ▲
//     │               reject               schedule│unschedule
//     │                  ▼                    ▼  │
//     └──── edit ──── rejected            scheduled ──(due)──▶ publishing
//   (an edit from draft, pending, approved, scheduled or rejected voids any approval: back to draft)
//   discard: any state before publishing → cancelled
import type { Role } from "../staff/types.ts";
import type { Actor, Announcement, AnnouncementStatus, ApprovalRule } from "./types.ts";

export type Step = "draft" | "edit" | "submit" | "approve" | "reject" | "discard" | "publish" | "schedule" | "unschedule";

export type Refusal =
  | { reason: "not_allowed" }
  | { reason: "admin_only" }
  | { reason: "second_person" }
  | { reason: "not_found" }
  | { reason: "stale_version"; version: number }
  | { reason: "wrong_status"; status: AnnouncementStatus; step: Step }
  | { reason: "not_approved" }
  | { reason: "in_past" }
  | { reason: "empty_text" }
  | { reason: "too_long"; length: number; max: number }
  | { reason: "no_targets" }
  /** Something broke while publishing (redrawing the picture, the database); the log has the details. */
  | { reason: "failed"; detail: string };

export type Decision = { ok: true } | { ok: false; refusal: Refusal };

/** Roles that write and publish posts; approving is the admins' alone. */
export const WRITERS: readonly Role[] = ["comms", "admin"];

/**
 * Per language, in characters: both languages, the blank line between them and a link stay within Zalo's
 * 2,000-character message, and most posts within Telegram's 1,024-character photo caption.
 */
export const MAX_TEXT_CHARS = 950;
/** A rejection's reason, in characters: a few sentences the author reads in their chat. */
export const MAX_REASON_CHARS = 500;

// The statuses each step starts from: decide() checks them, the store's guarded UPDATEs repeat them.
/** The statuses whose text may still change: an edit voids any approval and returns the post to draft. */
export const EDITABLE: readonly AnnouncementStatus[] = ["draft", "pending", "approved", "scheduled", "rejected"];
export const SUBMITTABLE: readonly AnnouncementStatus[] = ["draft", "rejected"];
export const DISCARDABLE: readonly AnnouncementStatus[] = ["draft", "pending", "approved", "scheduled", "rejected"];
/** Published or scheduled from (and only when approved as it stands). */
export const PUBLISHABLE: readonly ("approved" | "scheduled")[] = ["approved", "scheduled"];
/** Past the point of publishing: under way, done, or discarded. Publishing these is the wrong step, not an unapproved one. */
const BEYOND_PUBLISHING: readonly AnnouncementStatus[] = ["publishing", "published", "cancelled"];

const ok: Decision = { ok: true };
const no = (refusal: Refusal): Decision => ({ ok: false, refusal });

export function mayAnnounce(actor: Actor): boolean {
  return actor.role !== null && WRITERS.includes(actor.role);
}

/** An approval counts only for the exact text it was given to. */
export function approvedAsIs(a: Announcement): boolean {
  return a.approvedBy !== null && a.approvedVersion === a.version;
}

export interface StepContext {
  actor: Actor;
  rule: ApprovalRule;
  /** The version the actor saw (buttons carry it); a different current version means they acted on old text. */
  seenVersion?: number;
  /** Everyone who wrote any of the text (author and editors), for the second-person rule. */
  writers?: readonly string[];
  /** Edit: the new text. */
  text?: string;
  /** Reject: the reason for the author, when one is given (the bot always asks; the CLI may give none). */
  reason?: string;
  /** Schedule: when, and the time now. */
  publishAt?: Date;
  now?: Date;
}

function textProblem(text: string, max = MAX_TEXT_CHARS): Decision {
  const length = [...text.normalize("NFC")].length;
  if (text.trim() === "") return no({ reason: "empty_text" });
  if (length > max) return no({ reason: "too_long", length, max });
  return ok;
}

/** Whether `step` may happen to `a` (null: it does not exist; for "draft" nothing exists yet). */
export function decide(step: Step, a: Announcement | null, c: StepContext): Decision {
  const { actor } = c;
  if (step === "approve" || step === "reject") {
    if (actor.role !== "admin") return no({ reason: actor.role === "comms" ? "admin_only" : "not_allowed" });
  } else if (!mayAnnounce(actor)) {
    return no({ reason: "not_allowed" });
  }
  if (step === "draft") return ok;
  if (!a) return no({ reason: "not_found" });
  if (c.seenVersion !== undefined && c.seenVersion !== a.version) return no({ reason: "stale_version", version: a.version });
  const wrong = no({ reason: "wrong_status", status: a.status, step });
  switch (step) {
    case "edit":
      if (!EDITABLE.includes(a.status)) return wrong;
      return textProblem(c.text ?? "");
    case "submit":
      return SUBMITTABLE.includes(a.status) ? ok : wrong;
    case "approve":
    case "reject":
      if (a.status !== "pending") return wrong;
      if (step === "approve" && c.rule === "second-person") {
        const writers = new Set([a.createdBy, ...(c.writers ?? [])]);
        if (writers.has(actor.id)) return no({ reason: "second_person" });
      }
      return step === "reject" && c.reason !== undefined ? textProblem(c.reason, MAX_REASON_CHARS) : ok;
    case "discard":
      return DISCARDABLE.includes(a.status) ? ok : wrong;
    case "unschedule":
      return a.status === "scheduled" ? ok : wrong;
    case "publish":
    case "schedule": {
      const refusal = publishRefusal(a, step);
      if (refusal) return no(refusal);
      if (step === "schedule" && (!c.publishAt || !c.now || c.publishAt.getTime() <= c.now.getTime())) return no({ reason: "in_past" });
      return ok;
    }
  }
}

/**
 * Why `a` cannot be published (or scheduled) as it stands, or null: it is past publishing, not at the
 * `version` the caller means to send (when given), or not in one of `from` with an approval of this text.
 * decide() asks it for the bot and the CLI; the publisher asks it again right before sending.
 */
export function publishRefusal(
  a: Announcement,
  step: "publish" | "schedule",
  o: { from?: readonly AnnouncementStatus[]; version?: number } = {},
): Refusal | null {
  if (BEYOND_PUBLISHING.includes(a.status)) return { reason: "wrong_status", status: a.status, step };
  if (o.version !== undefined && a.version !== o.version) return { reason: "stale_version", version: a.version };
  const from: readonly AnnouncementStatus[] = o.from ?? PUBLISHABLE;
  if (!from.includes(a.status) || !approvedAsIs(a)) return { reason: "not_approved" };
  return null;
}
