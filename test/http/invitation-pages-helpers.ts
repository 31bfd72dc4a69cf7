// A service with Telegram (faked Bot API) and Zalo (unreachable OA API: the page only needs its OA id) on,
// and a helper that creates an invitation through the real integration API.
import { startHarness, type Harness } from "../helpers/telegram-harness.ts";

export const API_KEY = "test-key-0123456789abcdef";
export const PUBLIC_BASE_URL = "https://hailong.example.gov.vn";
export const ZALO_OA_ID = "579745863508352884";
/** Markup and quotes in a name must come out as text, on the page and on the label. */
export const TRICKY_AGENCY = `Sở "Xây dựng" <b>Lạng Sơn</b> & Co`;

export function zaloEnv(): Record<string, string> {
  return {
    ZALO_APP_ID: "1234567890",
    ZALO_APP_SECRET: "app-secret-for-tests",
    ZALO_OA_SECRET_KEY: "oa-secret-for-tests",
    ZALO_REFRESH_TOKEN: "refresh-token-for-tests",
    ZALO_OA_ID,
    ZALO_API_ROOT: "http://127.0.0.1:9",
    ZALO_OAUTH_ROOT: "http://127.0.0.1:9",
    ZALO_ZNS_ROOT: "http://127.0.0.1:9",
  };
}

export async function startPagesHarness(kind: "embedded" | "postgresql", opts: { zalo?: boolean } = {}): Promise<Harness> {
  return startHarness({ kind, env: { PUBLIC_BASE_URL, ...(opts.zalo === false ? {} : zaloEnv()) } });
}

export async function createInvitation(h: Harness, dossierCode: string, agencyName = TRICKY_AGENCY): Promise<{ token: string; telegramUrl: string; expiresAt: string }> {
  const res = await h.service.http.request("/api/v1/dossiers", {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ dossierCode, agencyCode: "LSN-SXD", agencyName, completedAt: "2026-11-27T09:30:00+07:00" }),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`creating the invitation failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: string; telegramUrl: string; expiresAt: string };
}
