// The announcement as the core sees it: a bilingual post drafted from official figures, its approval pinned to
// one version of the text.
import type { Role } from "../staff/types.ts";

export type AnnouncementStatus = "draft" | "pending" | "approved" | "scheduled" | "publishing" | "published" | "rejected" | "cancelled";

export const ANNOUNCEMENT_STATUSES: readonly AnnouncementStatus[] = [
  "draft",
  "pending",
  "approved",
  "scheduled",
  "publishing",
  "published",
  "rejected",
  "cancelled",
];

/** What a post was drafted from: figures are always read again from here, never retyped. */
export type AnnouncementSource =
  | { kind: "official_result"; indexCode: string; unitCode: string; year: number }
  /** An agency's satisfaction index over a reporting period ("2026-11", "2026-Q4"). */
  | { kind: "index_report"; agencyCode: string; period: string };

export interface Announcement {
  id: string;
  source: AnnouncementSource;
  textVi: string;
  textEn: string;
  status: AnnouncementStatus;
  /** Audit actor of the author ("telegram:<id>", "cli:<user>"). */
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  publishAt: Date | null;
  publishedAt: Date | null;
  version: number;
  approvedVersion: number | null;
  /** The last rejection (kept after later edits, so the author still sees why): who, when, and the reason typed. */
  rejectedBy: string | null;
  rejectedAt: Date | null;
  rejectionReason: string | null;
}

export type TextLang = "vi" | "en";

/** Who acts: the audit log's name for them and their staff role (null: no role at all). */
export interface Actor {
  id: string;
  role: Role | null;
}

/** How approval works (HAILONG_APPROVAL): any admin, or an admin who did not write the text. */
export type ApprovalRule = "admin" | "second-person";
