// The receipt label of one invitation, shared by the HTTP route and the command line.
import type { Translate } from "../i18n.ts";
import type { Invitation } from "../store/invitations.ts";
import { landingUrl } from "./landing-url.ts";
import type { QrLabel, ReceiptSize } from "./qr-code.ts";

export function invitationQrLabel(inv: Invitation, opts: { publicBaseUrl: string; t: Translate; size?: ReceiptSize }): QrLabel {
  return {
    url: landingUrl(opts.publicBaseUrl, inv.token),
    // The official Vietnamese name: receipts are printed at a Vietnamese counter.
    agencyName: inv.agencyNameVi,
    // Both languages on paper, since the citizen's language is not known when the receipt is printed.
    caption: `${opts.t("vi", "qr.scan_to_rate")} / ${opts.t("en", "qr.scan_to_rate")}`,
    size: opts.size,
  };
}
