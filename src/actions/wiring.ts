// The feedback-action parts built together from what the composition root already has: the service (bot
// and CLI), the /action feature for the staff router, and the read the survey's thank-you needs.
import type { Stores } from "../store/stores.ts";
import type { Config } from "../config.ts";
import type { Translate } from "../i18n.ts";
import { randomId } from "../ids.ts";
import type { StaffFeature } from "../staff/feature.ts";
import type { StaffStore } from "../store/staff.ts";
import { createActionFeature } from "./bot-feature.ts";
import type { PublicAction } from "./public-text.ts";
import { createActionService, type ActionService } from "./service.ts";

export interface FeedbackActionsDeps {
  stores: Pick<Stores, "feedbackActions" | "agencies" | "audit">;
  config: Pick<Config, "approval" | "timeZone">;
  t: Translate;
  now: () => Date;
}

export interface FeedbackActions {
  service: ActionService;
  /** /action and /actions for the staff router (the staff store holds the dialogue and finds reviewers). */
  feature(staff: Pick<StaffStore, "setPending" | "list" | "find">): StaffFeature;
  /** An agency's approved actions, newest first: the end of its survey shows them. */
  latestApproved(agencyId: number, limit: number): Promise<PublicAction[]>;
}

export function createFeedbackActions(d: FeedbackActionsDeps): FeedbackActions {
  const { feedbackActions: store, agencies, audit } = d.stores;
  const service = createActionService({ store, agencies, audit, approval: d.config.approval, now: d.now, newId: () => randomId(6) });
  return {
    service,
    feature: (staff) => createActionFeature({ service, staff, agencies, t: d.t, timeZone: d.config.timeZone, newNonce: () => randomId(4) }),
    latestApproved: (agencyId, limit) => store.list({ statuses: ["approved"], agencyIds: [agencyId], limit }),
  };
}
