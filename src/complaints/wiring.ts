// The complaint parts built together from what the composition root already has: the citizen's side for
// the survey, the /complaints feature for the staff router, the outbox jobs (notices, delivery retries)
// and the erasure /delete runs.
import type { Translate } from "../i18n.ts";
import { randomId } from "../ids.ts";
import type { Logger } from "../logger.ts";
import type { Channel, ChannelName } from "../messages.ts";
import type { JobHandler } from "../outbox/worker.ts";
import type { StaffFeature } from "../staff/feature.ts";
import type { StaffStore } from "../store/staff.ts";
import type { Stores } from "../store/stores.ts";
import { getQuestionnaire } from "../survey/questionnaires/index.ts";
import { createComplaintFeature } from "./bot-feature.ts";
import { createComplaintCitizen, type ComplaintCitizen } from "./citizen.ts";
import { COMPLAINT_DELIVERY_KIND, createComplaintDelivery } from "./delivery.ts";
import { COMPLAINT_NOTICE_KIND, createComplaintNotice } from "./notice.ts";

export interface ComplaintsDeps {
  stores: Pick<Stores, "complaints" | "agencies" | "outbox" | "responses" | "staff">;
  t: Translate;
  logger: Logger;
  now: () => Date;
  timeZone: string;
  /** The channels that are on, read at send time: they start after these parts are built. */
  channels: () => Partial<Record<ChannelName, Channel>>;
  /** Runs due outbox jobs now, so a notice goes out at once rather than at the next poll. */
  kick?: () => void;
}

export interface Complaints {
  citizen: ComplaintCitizen;
  /** /delete: the person's complaints lose their text, contact and link to them. */
  erase(respondentId: string): Promise<number>;
  feature(staff: Pick<StaffStore, "setPending">): StaffFeature;
  jobHandlers: Record<string, JobHandler>;
}

export function createComplaints(d: ComplaintsDeps): Complaints {
  const { complaints: store, agencies, outbox, responses, staff } = d.stores;
  const logger = d.logger.child({ component: "complaints" });
  const newId = () => randomId(8);
  const delivery = createComplaintDelivery({ store, agencies, outbox, channels: d.channels, kick: d.kick, t: d.t, logger, now: d.now });
  const notice = createComplaintNotice({
    store,
    agencies,
    staff,
    outbox,
    telegram: () => d.channels().telegram,
    kick: d.kick,
    t: d.t,
    logger,
    now: d.now,
    timeZone: d.timeZone,
  });
  const citizen = createComplaintCitizen({
    store,
    findRun: (id) => responses.findById(id),
    questionnaireOf: (run) => getQuestionnaire(run.state.questionnaireId, run.state.questionnaireVersion),
    announce: notice.announce,
    t: d.t,
    logger,
    now: d.now,
    newId,
  });
  return {
    citizen,
    erase: (respondentId) => store.eraseRespondent(respondentId),
    feature: (staffStore) => createComplaintFeature({ store, agencies, staff: staffStore, delivery, t: d.t, timeZone: d.timeZone, newId }),
    jobHandlers: { [COMPLAINT_NOTICE_KIND]: notice.jobHandler, [COMPLAINT_DELIVERY_KIND]: delivery.jobHandler },
  };
}
