// The Zalo OA side of the service: client (token refresh), channel, signed webhook into the inbox, the inbox
// processor that feeds the survey, and invitation delivery by Zalo/ZNS.
import type { Hono } from "hono";
import type { Channel } from "../messages.ts";
import { createZaloChannel } from "../channels/zalo/channel.ts";
import { createZaloClient, type ZaloClient } from "../channels/zalo/client.ts";
import type { ZaloConfig } from "../channels/zalo/config.ts";
import { createZaloInboxProcessor, createZaloWebhook } from "../http/zalo-webhook.ts";
import { createZaloInvitationDelivery, type ZaloInvitationDelivery } from "../invitations/zalo-delivery.ts";
import { createZaloNoticeRouter } from "../invitations/zalo-notices.ts";
import type { Logger } from "../logger.ts";
import type { Database } from "../store/database.ts";
import { createInboxStore } from "../store/inbox.ts";
import type { InvitationStore } from "../store/invitations.ts";
import { createOAuthCredentialStore } from "../store/oauth-credentials.ts";
import { createRatingStore } from "../store/ratings.ts";
import type { RespondentStore } from "../store/respondents.ts";
import type { Pseudonymizer } from "../survey/pseudonym.ts";
import type { SurveyHandler } from "../survey/survey-service.types.ts";

export interface ZaloService {
  client: ZaloClient;
  channel: Channel;
  drain(): Promise<number>;
  invitations: ZaloInvitationDelivery;
}

export interface ZaloStartOptions {
  zc: ZaloConfig;
  db: Database;
  handler: SurveyHandler;
  invitations: InvitationStore;
  respondents: RespondentStore;
  pseudonymize: Pseudonymizer;
  logger: Logger;
  now: () => Date;
  timeZone: string;
  defaultQuestionnaire: string;
  newId: () => string;
  fetch?: typeof fetch;
  invitationSendWaitMs?: number;
  onCleanup: (fn: () => Promise<void> | void) => void;
}

export async function startZalo(o: ZaloStartOptions): Promise<{ zalo: ZaloService; webhook: Hono }> {
  const { zc, db, logger } = o;
  const client = createZaloClient({ config: zc, credentials: createOAuthCredentialStore(db), logger, fetch: o.fetch, now: () => o.now().getTime() });
  const channel = createZaloChannel({ client, logger, maxButtons: zc.maxButtons, now: () => o.now().getTime() });
  const inbox = createInboxStore(db, o.now);
  const onNotice = createZaloNoticeRouter({
    invitations: o.invitations,
    respondents: o.respondents,
    ratings: createRatingStore(db),
    pseudonymize: o.pseudonymize,
    logger,
    now: o.now,
    newId: o.newId,
    defaultQuestionnaire: o.defaultQuestionnaire,
  });
  const processor = createZaloInboxProcessor({ db, handler: o.handler, channel, logger, inbox, onNotice, now: o.now });
  const invitationSender = createZaloInvitationDelivery({
    client,
    znsConfigured: zc.zns !== undefined,
    store: o.invitations,
    logger,
    now: o.now,
    timeZone: o.timeZone,
    waitMs: o.invitationSendWaitMs,
  });
  const webhook = createZaloWebhook({ config: zc, inbox, logger, onStored: processor.kick, now: () => o.now().getTime() });
  client.start();
  await processor.start();
  o.onCleanup(() => client.stop());
  o.onCleanup(() => processor.stop());
  // Sends still running after their API request answered must record their outcome before the db closes.
  o.onCleanup(() => invitationSender.idle());
  logger.info("Zalo OA channel on: webhook at /webhooks/zalo");
  return { zalo: { client, channel, drain: () => processor.drain(), invitations: invitationSender }, webhook };
}
