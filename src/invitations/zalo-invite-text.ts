// What the citizen receives on Zalo: the ZNS template parameters (documented in docs/zalo-setup.md §4.1, the
// template must declare exactly these) and the OA message used inside the 7-day window. Both carry the
// invitation token: Zalo has no documented way to open an OA chat with a prefilled payload, so the citizen
// taps the button (OA message) or sends "bắt đầu <token>" (ZNS), which the channel reads as /start <token>.
import type { Invitation } from "../store/invitations.ts";

function agencyName(inv: Invitation): string {
  return inv.locale === "en" && inv.agencyNameEn ? inv.agencyNameEn : inv.agencyNameVi;
}

/** dd/mm/yyyy in the display time zone, as Vietnamese readers write dates. */
export function displayDate(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, day: "2-digit", month: "2-digit", year: "numeric" }).format(d);
}

/** The words that start the survey in the chat, in the invitation's language. */
export function startText(inv: Invitation): string {
  return `${inv.locale === "en" ? "/start" : "bắt đầu"} ${inv.token}`;
}

export function znsTemplateData(inv: Invitation, timeZone: string): Record<string, string> {
  return {
    agency_name: agencyName(inv),
    dossier_code: inv.dossierCode,
    token: inv.token,
    start_text: startText(inv),
    expires_on: displayDate(inv.expiresAt, timeZone),
  };
}

export function csInvitation(inv: Invitation, timeZone: string): { text: string; button: { title: string; payload: string } } {
  const vars = { agency: agencyName(inv), dossier: inv.dossierCode, start: startText(inv), until: displayDate(inv.expiresAt, timeZone) };
  const text =
    inv.locale === "en"
      ? `${vars.agency} thanks you for using our service (dossier ${vars.dossier}). Please take a minute to rate it: ` +
        `tap "Start the survey" below, or send: ${vars.start}\nThis invitation is valid until ${vars.until}.`
      : `${vars.agency} cảm ơn Ông/Bà đã sử dụng dịch vụ (hồ sơ ${vars.dossier}). Mời Ông/Bà dành một phút đánh giá: ` +
        `bấm "Bắt đầu khảo sát" bên dưới, hoặc gửi tin nhắn: ${vars.start}\nLời mời có hiệu lực đến ${vars.until}.`;
  // A hidden query button sends its payload as the citizen's message: the same /start the Telegram link makes.
  return { text, button: { title: inv.locale === "en" ? "Start the survey" : "Bắt đầu khảo sát", payload: `/start ${inv.token}` } };
}
