// What officials read about a complaint, in their language (pure). A card in full for staff whose scope
// covers the agency; for anyone else the same card without the text, the contact or the scores, so no
// one outside the agency learns what a citizen wrote or how to reach them.
import { formatDateTime, formatInteger } from "../format.ts";
import type { Locale, Translate } from "../i18n.ts";
import type { Button, OutboundMessage } from "../messages.ts";
import type { Agency } from "../store/agencies.ts";
import type { Complaint } from "../store/complaints.ts";
import { complaintButtons } from "./buttons.ts";

export interface StaffView {
  t: Translate;
  locale: Locale;
  timeZone: string;
}

export const agencyName = (a: Pick<Agency, "nameVi" | "nameEn"> | undefined, locale: Locale): string =>
  !a ? "?" : locale === "en" && a.nameEn ? a.nameEn : a.nameVi;

function statusLine(v: StaffView, c: Complaint): string {
  const key = c.status === "open" ? (c.replies > 0 ? "status_open_replied" : "status_open") : `status_${c.status}`;
  return v.t(v.locale, `complaint.staff.${key}`, { n: formatInteger(c.replies, v.locale) });
}

function head(v: StaffView, c: Complaint, agency: Agency | undefined): string {
  const at = formatDateTime(c.submittedAt ?? c.createdAt, v.locale, v.timeZone);
  return v.t(v.locale, "complaint.staff.card_head", { id: c.id, agency: agencyName(agency, v.locale), at });
}

/** The full card: what the citizen wrote, which answers were low, how they may be contacted, where it stands. */
export function fullCard(v: StaffView, c: Complaint, agency: Agency | undefined): string {
  const { t, locale } = v;
  const low = c.lowScores.map((s) => `${s.element ? t(locale, `element.${s.element}`) : t(locale, "complaint.staff.overall")} (${s.score})`).join(", ");
  const contact = c.contactPhone ? t(locale, "complaint.staff.contact_phone", { phone: c.contactPhone }) : t(locale, "complaint.staff.contact_chat");
  return [head(v, c, agency), t(locale, "complaint.staff.low_scores", { scores: low }), "", `«${c.text ?? ""}»`, "", contact, statusLine(v, c)].join("\n");
}

/** The card as staff outside the agency's scope see it: that it exists and where it stands, nothing more. */
export function redactedCard(v: StaffView, c: Complaint, agency: Agency | undefined): string {
  return [head(v, c, agency), statusLine(v, c), v.t(v.locale, "complaint.staff.redacted")].join("\n");
}

/** Reply and resolve, only while the complaint is open. */
export function cardButtons(v: StaffView, c: Complaint): Button[][] {
  if (c.status !== "open") return [];
  return [
    [
      { label: v.t(v.locale, c.replies > 0 ? "complaint.staff.reply_more_button" : "complaint.staff.reply_button"), data: complaintButtons.encode({ kind: "reply", id: c.id }) },
      { label: v.t(v.locale, "complaint.staff.resolve_button"), data: complaintButtons.encode({ kind: "resolve", id: c.id }) },
    ],
  ];
}

export function cardMessage(chatId: string, v: StaffView, c: Complaint, agency: Agency | undefined, lead?: string): OutboundMessage {
  const body = fullCard(v, c, agency);
  const buttons = cardButtons(v, c);
  return { chatId, locale: v.locale, text: lead ? `${lead}\n\n${body}` : body, ...(buttons.length ? { buttons } : {}) };
}
