// Which way an invitation reached (or did not reach) the citizen, as the dossier API reports it.
// The sending itself sits behind InvitationDelivery, so a service without Zalo needs none of it.
import type { Invitation, InvitationDelivery as RecordedDelivery } from "../store/invitations.ts";
import type { DossierContact } from "./dossier-payload.ts";

export type DeliveryChannel = "telegram-link" | "zns" | "zalo-message" | "none";
/** pending: the provider had not answered when the API had to; the outcome is recorded on the invitation. */
export type DeliveryStatus = "sent" | "failed" | "skipped" | "pending";

export interface DeliveryView {
  channel: DeliveryChannel;
  status: DeliveryStatus;
  reason: string;
}

export interface InvitationDelivery {
  /**
   * Sends a fresh invitation to the contact, at most once (the store's claim decides). Resolves within a
   * bounded wait; a send still running then finishes and records its outcome in the background.
   */
  deliver(invitation: Invitation, contact: DossierContact): Promise<DeliveryView>;
}

/** What an earlier request already did: reported again, never redone. */
export function recordedView(d: RecordedDelivery): DeliveryView {
  const channel: DeliveryChannel = d.channel === "zns" || d.channel === "zalo-message" ? d.channel : "none";
  const when = d.updatedAt ? ` at ${d.updatedAt.toISOString()}` : "";
  switch (d.status) {
    case "sent":
      return { channel, status: "sent", reason: `already sent${when}${d.deliveredAt ? `; delivered at ${d.deliveredAt.toISOString()}` : ""}` };
    case "sending":
      return { channel, status: "pending", reason: `a send started${when} has no recorded outcome yet; it is not repeated` };
    case "failed-retryable":
      return {
        channel,
        status: "failed",
        reason: `failed${when} (${d.error ?? "no detail"}); kept for a retry${d.retryAt ? ` not before ${d.retryAt.toISOString()}` : ""}`,
      };
    case "failed":
      return { channel, status: "failed", reason: `failed${when} (${d.error ?? "no detail"}); not retried` };
  }
}

/** The view when we send nothing ourselves: the centre hands out the Telegram link (or nothing exists). */
export function notSentView(telegramUrl: string | null, why: string): DeliveryView {
  return telegramUrl
    ? { channel: "telegram-link", status: "skipped", reason: `${why}; hand the citizen telegramUrl (link or QR code)` }
    : { channel: "none", status: "skipped", reason: `${why}; Telegram is off too, so there is no link to hand out` };
}
