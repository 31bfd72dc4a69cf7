// A finished dossier becomes one invitation: a random token (never the dossier code) and deep links.
import crypto from "node:crypto";
import { AppError } from "../errors.ts";
import { randomId } from "../ids.ts";
import type { Logger } from "../logger.ts";
import type { AgencyStore } from "../store/agencies.ts";
import type { Invitation, InvitationStore } from "../store/invitations.ts";
import { notSentView, recordedView, type DeliveryView, type InvitationDelivery } from "./delivery.ts";
import type { DossierContact, DossierPayload } from "./dossier-payload.ts";
import { completedAtInstant } from "./bulk/local-time.ts";

export interface InvitationView {
  token: string;
  telegramUrl: string | null;
  expiresAt: string;
}

export interface InvitationServiceDeps {
  agencies: AgencyStore;
  invitations: InvitationStore;
  logger: Logger;
  now: () => Date;
  /** TZ_DISPLAY: where a completedAt without an offset (a bare date) was written. */
  timeZone: string;
  ttlDays: number;
  /** The Telegram bot's username once known; null when Telegram is off. */
  telegramUsername: () => string | undefined;
  /** Sends invitations to a contact (Zalo); absent when no channel can send by itself. */
  delivery?: InvitationDelivery;
}

/** 16 random bytes = 128 bits, 22 base64url characters: fits Telegram's 64-char start payload. */
export function newToken(): string {
  return crypto.randomBytes(16).toString("base64url");
}

export function telegramDeepLink(username: string, token: string): string {
  return `https://t.me/${username}?start=${token}`;
}

export function createInvitationService(deps: InvitationServiceDeps) {
  function view(inv: Invitation): InvitationView {
    const username = deps.telegramUsername();
    return {
      token: inv.token,
      telegramUrl: username ? telegramDeepLink(username, inv.token) : null,
      expiresAt: inv.expiresAt.toISOString(),
    };
  }

  /**
   * A recorded delivery is reported, never redone; otherwise a contact is sent to once (even when it only
   * comes with a repeated request: nothing was sent before). Without a contact the centre uses the link.
   */
  async function deliver(inv: Invitation, contact: DossierContact | undefined): Promise<DeliveryView> {
    if (inv.delivery) return recordedView(inv.delivery);
    const telegramUrl = view(inv).telegramUrl;
    if (!contact) return notSentView(telegramUrl, "no contact given");
    if (inv.response) return { channel: "none", status: "skipped", reason: "the citizen has already answered this invitation" };
    if (inv.expiresAt.getTime() <= deps.now().getTime()) return { channel: "none", status: "skipped", reason: "the invitation has expired" };
    if (!deps.delivery) return notSentView(telegramUrl, "a contact was given but the Zalo channel is off (ZALO_* not set)");
    const out = await deps.delivery.deliver(inv, contact);
    return out.status === "skipped" ? notSentView(telegramUrl, out.reason) : out;
  }

  async function withDelivery(inv: Invitation, d: DossierPayload): Promise<InvitationView & { delivery: DeliveryView }> {
    return { ...view(inv), delivery: await deliver(inv, d.contact) };
  }

  return {
    view,
    /** Idempotent per dossierCode: `created` is false when the dossier was already known. */
    async createForDossier(d: DossierPayload): Promise<{ created: boolean; invitation: InvitationView & { delivery: DeliveryView } }> {
      const existing = await deps.invitations.findByDossier(d.dossierCode);
      if (existing) return { created: false, invitation: await withDelivery(existing, d) };
      let agency = await deps.agencies.findByCode(d.agencyCode);
      if (!agency) {
        if (!d.agencyName) {
          throw new AppError("unknown_agency", `Unknown agencyCode "${d.agencyCode}"; send agencyName as well to create it.`, { field: "agencyCode" });
        }
        agency = await deps.agencies.ensure({ code: d.agencyCode, nameVi: d.agencyName });
        deps.logger.info({ agency: agency.code }, "agency created from a dossier");
      }
      const now = deps.now();
      for (let attempt = 0; ; attempt++) {
        let stored: { invitation: Invitation; created: boolean };
        try {
          stored = await deps.invitations.createOrGet({
            id: randomId(),
            token: newToken(),
            dossierCode: d.dossierCode,
            agencyId: agency.id,
            procedureCode: d.procedureCode ?? null,
            procedureName: d.procedureName ?? null,
            completedAt: completedAtInstant(d.completedAt, deps.timeZone),
            locale: d.locale ?? "vi",
            expiresAt: new Date(now.getTime() + deps.ttlDays * 86_400_000),
          });
        } catch (e) {
          if (attempt >= 2) throw e;
          continue;
        }
        return { created: stored.created, invitation: await withDelivery(stored.invitation, d) };
      }
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
