// "You said, we did": the vocabulary of feedback actions shared by the store, the service, the bot and the
// pages. An action is what an agency changed because citizens said so, in the official's own words.
import type { Element } from "../survey/types.ts";

export const ACTION_STATUSES = ["pending", "approved", "rejected"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface FeedbackAction {
  id: string;
  agency: { id: number; code: string; nameVi: string; nameEn: string | null };
  /** The SIPAS element the feedback was about; null when it was about something else. */
  element: Element | null;
  textVi: string;
  /** Optional: English pages show the Vietnamese text (marked as such) when there is none. */
  textEn: string | null;
  status: ActionStatus;
  createdBy: string;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

/** Who acts: "telegram:<id>" or "cli:<user>", with their role (the CLI operator acts as an admin). */
export interface ActionActor {
  id: string;
  role: "admin" | "official" | "comms" | null;
  /** Agency codes (each with its subtree) an official may record actions for; empty = every agency. */
  scope: string[];
}
