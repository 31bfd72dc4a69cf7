// Who staff are, as every part of the service sees them: the roles and the member record. A leaf, so the
// store, the digest and the announcements can name a member without importing the staff bot's router.
import type { Locale } from "../i18n.ts";

export type Role = "admin" | "official" | "comms";

/** A staff member as the core sees them (src/store/staff.ts maps the row). */
export interface StaffMember {
  id: string;
  channel: string;
  userId: string;
  chatId: string;
  displayName: string | null;
  role: Role;
  /** Agency codes (each with its subtree); empty = every agency. */
  scope: string[];
  locale: Locale;
  /** A dialogue in progress: which feature owns the person's next text, plus that feature's data. */
  pending: { feature: string; [k: string]: unknown } | null;
}
