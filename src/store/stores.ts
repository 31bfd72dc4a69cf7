// Every store of the service, built once on one database and handed to the parts that use them. One place
// builds them, so there is one response store (and so one group-commit batcher) per process, and a part's
// dependencies are what its factory's parameters say, not whatever it chose to open.
import { createAgencyStore } from "./agencies.ts";
import { createAlertStore } from "./alerts.ts";
import { createAnnouncementStore } from "./announcements.ts";
import { createAuditLog } from "./audit.ts";
import { createComplaintStore } from "./complaints.ts";
import type { Database } from "./database.ts";
import { createDigestJobStore } from "./digest-jobs.ts";
import { createFeedbackActionStore } from "./feedback-actions.ts";
import { createInboxStore } from "./inbox.ts";
import { createInviteCodeStore } from "./invite-codes.ts";
import { createInvitationStore } from "./invitations.ts";
import { createBulkInvitationStore } from "./invitations-bulk.ts";
import { createOAuthCredentialStore } from "./oauth-credentials.ts";
import { createOfficialResultsStore } from "./official-results.ts";
import { createOutboxStore } from "./outbox.ts";
import { createProcedureStore } from "./procedures.ts";
import { createProcessedStore } from "./processed.ts";
import { createRatingStore } from "./ratings.ts";
import { createReminderStore } from "./reminders.ts";
import { createRespondentStore } from "./respondents.ts";
import { createResponseStore } from "./responses.ts";
import { createScheduleSlotStore } from "./schedule-slots.ts";
import { createSendBudgetStore } from "./send-budget.ts";
import { createStaffStore } from "./staff.ts";
import { createSubscriptionStore } from "./subscriptions.ts";

/** `now` is the service's clock: the stores that stamp times take it from here, never from the database. */
export function createStores(db: Database, now: () => Date) {
  return {
    agencies: createAgencyStore(db),
    alerts: createAlertStore(db, now),
    announcements: createAnnouncementStore(db),
    audit: createAuditLog(db),
    bulkInvitations: createBulkInvitationStore(db),
    complaints: createComplaintStore(db, now),
    digestJobs: createDigestJobStore(db),
    feedbackActions: createFeedbackActionStore(db),
    inbox: createInboxStore(db, now),
    inviteCodes: createInviteCodeStore(db),
    invitations: createInvitationStore(db),
    oauthCredentials: createOAuthCredentialStore(db),
    officialResults: createOfficialResultsStore(db),
    outbox: createOutboxStore(db),
    procedures: createProcedureStore(db),
    processed: createProcessedStore(db),
    ratings: createRatingStore(db),
    reminders: createReminderStore(db),
    respondents: createRespondentStore(db, now),
    responses: createResponseStore(db, now),
    scheduleSlots: createScheduleSlotStore(db),
    sendBudget: createSendBudgetStore(db),
    staff: createStaffStore(db),
    subscriptions: createSubscriptionStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;
