// GET /i/{token}: the public page behind every QR code (no API key). It offers each channel that is on;
// an unknown token is 404, an expired or already used invitation 410 (gone for good), each with a
// friendly page rather than an error body.
import { Hono } from "hono";
import type { Translate } from "../../i18n.ts";
import { telegramDeepLink } from "../../invitations/invitation-service.ts";
import { looksLikeToken, zaloOaUrl } from "../../invitations/landing-url.ts";
import { agencyPath } from "../site/layout.ts";
import type { Invitation, InvitationStore } from "../../store/invitations.ts";
import { PAGE_HEADERS } from "./html.ts";
import { renderLanding, type LandingState } from "./landing-view.ts";
import { pickLocale } from "./page-locale.ts";

export interface LandingPageDeps {
  invitations: Pick<InvitationStore, "findByToken">;
  t: Translate;
  now: () => Date;
  timeZone: string;
  /** The Telegram bot's username once known; undefined while Telegram is off. */
  telegramUsername: () => string | undefined;
  /** The Zalo Official Account id; undefined when Zalo is off or the id is not configured. */
  zaloOaId?: string;
}

/** Mirrors what the bot answers to /start with the same token, so page and chat never disagree. */
function stateOf(inv: Invitation | null, deps: LandingPageDeps): LandingState {
  const username = deps.telegramUsername();
  const onwards = {
    ...(username ? { chatUrl: telegramChatLink(username) } : {}),
    ...(deps.zaloOaId ? { zaloUrl: zaloOaUrl(deps.zaloOaId) } : {}),
  };
  if (!inv) return { kind: "unknown", ...onwards, resultsPath: "/" };
  const resultsPath = agencyPath(inv.agencyCode);
  // Only a completed response uses the link up. An active one can be resumed from the chat, and a
  // cancelled one (/cancel, /delete) is reopened by /start with the same token, as the bot does.
  if (inv.response?.status === "completed") return { kind: "used", ...onwards, resultsPath };
  if (inv.response?.status !== "active" && inv.expiresAt.getTime() <= deps.now().getTime()) return { kind: "expired", ...onwards, resultsPath };
  return {
    kind: "open",
    token: inv.token,
    agencyName: inv.agencyNameVi,
    expiresAt: inv.expiresAt,
    telegramUrl: username ? telegramDeepLink(username, inv.token) : undefined,
    zaloUrl: deps.zaloOaId ? zaloOaUrl(deps.zaloOaId) : undefined,
    resultsPath,
  };
}

const STATUS = { open: 200, unknown: 404, expired: 410, used: 410 } as const;

/** The bot's chat without a token: /start there offers the agencies (a walk-in rating). */
function telegramChatLink(username: string): string {
  return `https://t.me/${encodeURIComponent(username)}`;
}

export function createLandingPage(deps: LandingPageDeps): Hono {
  const app = new Hono();
  app.get("/i/:token", async (c) => {
    const token = c.req.param("token");
    const inv = looksLikeToken(token) ? await deps.invitations.findByToken(token) : null;
    const locale = pickLocale(c.req.query("lang"), c.req.header("accept-language"));
    const state = stateOf(inv, deps);
    const shown = state.kind === "open" && locale === "en" && inv?.agencyNameEn ? { ...state, agencyName: inv.agencyNameEn } : state;
    return c.body(renderLanding(shown, { locale, t: deps.t, timeZone: deps.timeZone }), STATUS[state.kind], PAGE_HEADERS);
  });
  return app;
}
