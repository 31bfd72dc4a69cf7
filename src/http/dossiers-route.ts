// POST /api/v1/dossiers: a finished dossier → its invitation (idempotent per dossierCode), and, when a contact
// is given, how the invitation was sent (`delivery`: channel, status, reason).
import { Hono } from "hono";
import { isAppError } from "../errors.ts";
import { dossierPayload } from "../invitations/dossier-payload.ts";
import type { InvitationService } from "../invitations/invitation-service.ts";
import type { Logger } from "../logger.ts";
import { readJson } from "./json-body.ts";

export const DOSSIER_BODY_LIMIT = 16 * 1024;

export function createDossiersRoutes(deps: { invitations: InvitationService; logger: Logger }): Hono {
  const app = new Hono();
  app.post("/", async (c) => {
    const body = await readJson(c, dossierPayload, DOSSIER_BODY_LIMIT);
    if (!body.ok) return body.response;
    try {
      const { created, invitation } = await deps.invitations.createForDossier(body.value);
      return c.json(invitation, created ? 201 : 200);
    } catch (e) {
      if (isAppError(e, "unknown_agency")) return c.json({ error: "unknown_agency", message: e.message, field: "agencyCode" }, 422);
      throw e;
    }
  });
  return app;
}
