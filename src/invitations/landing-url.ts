// The one URL printed on receipts and encoded in QR codes: a small public page that offers every
// channel (Telegram, Zalo), so a receipt printed today still works when a centre adds a channel later.

export function landingUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/i/${encodeURIComponent(token)}`;
}

/** Opens the Official Account's chat in the Zalo app (or its web page when the app is missing). */
export function zaloOaUrl(oaId: string): string {
  return `https://zalo.me/${encodeURIComponent(oaId)}`;
}

/** Invitation tokens are 22 base64url characters; anything else cannot be one, so no lookup is needed. */
export function looksLikeToken(s: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(s);
}
