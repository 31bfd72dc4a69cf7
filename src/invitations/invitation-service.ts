// A finished dossier becomes one invitation: a random token (never the dossier code) and deep links.
import crypto from "node:crypto";
import { AppError } from "../errors.ts";
import { randomId } from "../ids.ts";
import type { Logger } from "../logger.ts";
import type { AgencyStore } from "../store/agencies.ts";
import type { Invitation, InvitationStore } from "../store/invitations.ts";
import type { DossierPayload } from "./dossier-payload.ts";

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
  ttlDays: number;
  /** The Telegram bot's username once known; null when Telegram is off. */
  telegramUsername: () => string | undefined;
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

  return {
    view,
    /** Idempotent per dossierCode: `created` is false when the dossier was already known. */
    async createForDossier(d: DossierPayload): Promise<{ created: boolean; invitation: InvitationView }> {
      const existing = await deps.invitations.findByDossier(d.dossierCode);
      if (existing) return { created: false, invitation: view(existing) };
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
        try {
          const { invitation, created } = await deps.invitations.createOrGet({
            id: randomId(),
            token: newToken(),
            dossierCode: d.dossierCode,
            agencyId: agency.id,
            procedureCode: d.procedureCode ?? null,
            procedureName: d.procedureName ?? null,
            completedAt: new Date(d.completedAt),
            locale: d.locale ?? "vi",
            expiresAt: new Date(now.getTime() + deps.ttlDays * 86_400_000),
          });
          return { created, invitation: view(invitation) };
        } catch (e) {
          if (attempt >= 2) throw e;
        }
      }
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
