// Builds the outbox worker with the reminder handler and, when Zalo is on, the retry of Zalo invitation sends:
// the reminder parts together in one place, so the composition root only hands over what it already has.
import type { Stores } from "../store/stores.ts";
import type { Channel, ChannelName } from "../messages.ts";
import type { ZaloClient } from "../channels/zalo/client.ts";
import type { Translate } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import { createOutboxWorker, type JobHandler, type OutboxWorker, type Sweep } from "../outbox/worker.ts";
import type { InvitationStore } from "../store/invitations.ts";
import type { RespondentStore } from "../store/respondents.ts";
import type { Pseudonymizer } from "../survey/pseudonym.ts";
import { createReminderHandler } from "./reminders-handler.ts";
import { createDeliveryRetrySweep } from "./reminders-retry.ts";
import { REMINDER_KIND, type ReminderScheduler } from "./reminders.ts";

export interface ReminderWorkerDeps {
  stores: Pick<Stores, "reminders" | "outbox">;
  scheduler: ReminderScheduler;
  invitations: InvitationStore;
  respondents: RespondentStore;
  pseudonymize: Pseudonymizer;
  t: Translate;
  logger: Logger;
  now: () => Date;
  timeZone: string;
  telegram?: Channel;
  zalo?: { client: ZaloClient; channel: Channel; znsConfigured: boolean };
  intervalMs?: number;
  /** Other job kinds run by the same worker (e.g. scheduled announcements). */
  extraHandlers?: Record<string, JobHandler>;
}

export function createReminderWorker(d: ReminderWorkerDeps): OutboxWorker {
  const store = d.stores.reminders;
  const channels: Partial<Record<ChannelName, Channel>> = { telegram: d.telegram, zalo: d.zalo?.channel };
  const sweeps: Sweep[] = d.zalo
    ? [
        createDeliveryRetrySweep({
          store,
          invitations: d.invitations,
          client: d.zalo.client,
          znsConfigured: d.zalo.znsConfigured,
          reminders: d.scheduler,
          logger: d.logger,
          now: d.now,
          timeZone: d.timeZone,
        }),
      ]
    : [];
  return createOutboxWorker({
    store: d.stores.outbox,
    now: d.now,
    logger: d.logger,
    intervalMs: d.intervalMs,
    sweeps,
    handlers: {
      ...d.extraHandlers,
      [REMINDER_KIND]: createReminderHandler({
        store,
        invitations: d.invitations,
        respondents: d.respondents,
        channels,
        zaloClient: d.zalo?.client,
        pseudonymize: d.pseudonymize,
        t: d.t,
        delayMs: d.scheduler.delayMs,
        timeZone: d.timeZone,
      }),
    },
  });
}
