// GET /api/v1/invitations/{token}/qr.png|qr.svg[?size=58|80] — the receipt label of an invitation.
// Behind the API key like the rest of /api/v1: the centre's system prints it, citizens never call it.
import { Hono, type Context } from "hono";
import type { Translate } from "../i18n.ts";
import { looksLikeToken } from "../invitations/landing-url.ts";
import { RECEIPT_WIDTHS, type QrRenderer, type ReceiptSize } from "../invitations/qr-code.ts";
import { invitationQrLabel } from "../invitations/qr-label.ts";
import type { Invitation, InvitationStore } from "../store/invitations.ts";

export interface QrRoutesDeps {
  invitations: Pick<InvitationStore, "findByToken">;
  renderer: QrRenderer;
  publicBaseUrl: string;
  t: Translate;
}

function isReceiptSize(s: string): s is ReceiptSize {
  return Object.hasOwn(RECEIPT_WIDTHS, s);
}

export function createQrRoutes(deps: QrRoutesDeps): Hono {
  const app = new Hono();

  /** The invitation and label options, or the error response to send. */
  async function resolve(c: Context): Promise<{ inv: Invitation; size: ReceiptSize } | Response> {
    const token = c.req.param("token") ?? "";
    const size = c.req.query("size") ?? "58";
    if (!isReceiptSize(size)) {
      return c.json({ error: "validation", message: `size must be ${Object.keys(RECEIPT_WIDTHS).join(" or ")} (paper width in mm).` }, 422);
    }
    const inv = looksLikeToken(token) ? await deps.invitations.findByToken(token) : null;
    if (!inv) return c.json({ error: "not_found", message: "No invitation has this token." }, 404);
    return { inv, size };
  }

  const headers = (type: string) => ({
    "content-type": type,
    // The label never changes for a token, but it names an agency: keep it out of shared caches.
    "cache-control": "private, max-age=86400",
    "x-content-type-options": "nosniff",
  });

  app.get("/:token/qr.png", async (c) => {
    const r = await resolve(c);
    if (r instanceof Response) return r;
    const png = await deps.renderer.png(invitationQrLabel(r.inv, { ...deps, size: r.size }));
    return c.body(new Uint8Array(png), 200, headers("image/png"));
  });

  app.get("/:token/qr.svg", async (c) => {
    const r = await resolve(c);
    if (r instanceof Response) return r;
    return c.body(deps.renderer.svg(invitationQrLabel(r.inv, { ...deps, size: r.size })), 200, headers("image/svg+xml; charset=utf-8"));
  });

  return app;
}
