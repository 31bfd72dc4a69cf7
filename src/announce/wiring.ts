// The announcement parts built together from what the composition root already has: the service (bot and
// CLI), the outbox handler of scheduled publications, and the /announce staff feature.
import type { Stores } from "../store/stores.ts";
import type { Channel, ChannelName } from "../messages.ts";
import type { Config } from "../config.ts";
import type { Translate } from "../i18n.ts";
import { randomId } from "../ids.ts";
import type { Logger } from "../logger.ts";
import type { JobHandler } from "../outbox/worker.ts";
import type { StaffFeature } from "../staff/feature.ts";
import type { Database } from "../store/database.ts";
import type { StaffStore } from "../store/staff.ts";
import { createAnnounceFeature } from "./bot-feature.ts";
import { draftFromSource } from "./draft.ts";
import { createAnnouncementJobHandler } from "./publish-job.ts";
import { createPublisher, type PublisherDeps } from "./publisher.ts";
import { createAnnouncementService, type AnnouncementService } from "./service.ts";
import { createSourceCatalog } from "./source-catalog.ts";
import type { AnnouncementSource } from "./types.ts";

export interface AnnouncementsDeps {
  db: Database;
  stores: Pick<Stores, "announcements" | "audit" | "outbox" | "officialResults" | "agencies">;
  config: Pick<Config, "announce" | "approval" | "timeZone" | "minN">;
  t: Translate;
  logger: Logger;
  now: () => Date;
  /** Read when publishing (the bot may be built after these parts). */
  channels: () => Partial<Record<ChannelName, Channel>>;
  broadcast?: PublisherDeps["broadcast"];
  permalink?: PublisherDeps["permalink"];
}

export interface Announcements {
  service: AnnouncementService;
  /** Register under ANNOUNCEMENT_JOB_KIND ("announcement") in the outbox worker's handlers. */
  jobHandler: JobHandler;
  /** The /announce feature for the staff router (needs the staff store for dialogues and notifications). */
  feature(staff: Pick<StaffStore, "setPending" | "list" | "find">): StaffFeature;
}

export function createAnnouncements(d: AnnouncementsDeps): Announcements {
  const { announcements: store, audit } = d.stores;
  const draft = (source: AnnouncementSource) => draftFromSource(d, source, { timeZone: d.config.timeZone, minN: d.config.minN, now: d.now, t: d.t });
  const publisher = createPublisher({
    store,
    audit,
    channels: d.channels,
    targets: d.config.announce,
    draft,
    t: d.t,
    logger: d.logger,
    now: d.now,
    ...(d.broadcast ? { broadcast: d.broadcast } : {}),
    ...(d.permalink ? { permalink: d.permalink } : {}),
  });
  const service = createAnnouncementService({
    store,
    audit,
    outbox: d.stores.outbox,
    draft,
    publisher,
    approval: d.config.approval,
    now: d.now,
    newId: () => randomId(6),
    logger: d.logger,
  });
  return {
    service,
    jobHandler: createAnnouncementJobHandler({ publisher, store, audit, logger: d.logger }),
    feature: (staff) =>
      createAnnounceFeature({
        service,
        staff,
        catalog: createSourceCatalog(d.stores, d.now),
        draft,
        approval: d.config.approval,
        t: d.t,
        timeZone: d.config.timeZone,
        logger: d.logger,
      }),
  };
}
