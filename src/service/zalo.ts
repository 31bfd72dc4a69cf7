// The Zalo OA side of the service: client (token refresh), channel, signed webhook into the inbox, the inbox
// processor that feeds the survey, and invitation delivery by Zalo/ZNS.
import type { Stores } from "../store/stores.ts";
import type { Hono } from "hono";
import type { Channel } from "../messages.ts";
import { createZaloChannel } from "../channels/zalo/channel.ts";
import { createZaloClient, type ZaloClient } from "../channels/zalo/client.ts";
import type { ZaloConfig } from "../channels/zalo/config.ts";
import { createZaloInboxProcessor, createZaloWebhook } from "../http/zalo-webhook.ts";
import { createZaloInvitationDelivery, type ZaloInvitationDelivery } from "../invitations/zalo-delivery.ts";
import { createZaloNoticeRouter } from "../invitations/zalo-notices.ts";
import type { Logger } from "../logger.ts";
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
  stores: Pick<Stores, "oauthCredentials" | "inbox" | "ratings" | "invitations" | "respondents">;
  handler: SurveyHandler;
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
  const { zc, logger } = o;
  const { inbox, invitations, respondents } = o.stores;
  const client = createZaloClient({ config: zc, credentials: o.stores.oauthCredentials, logger, fetch: o.fetch, now: () => o.now().getTime() });
  const channel = createZaloChannel({ client, logger, maxButtons: zc.maxButtons, now: () => o.now().getTime() });
  const onNotice = createZaloNoticeRouter({
    invitations,
    respondents,
    ratings: o.stores.ratings,
    pseudonymize: o.pseudonymize,
    logger,
    now: o.now,
    newId: o.newId,
    defaultQuestionnaire: o.defaultQuestionnaire,
  });
  const processor = createZaloInboxProcessor({ handler: o.handler, channel, logger, inbox, onNotice, now: o.now });
  const invitationSender = createZaloInvitationDelivery({
    client,
    znsConfigured: zc.zns !== undefined,
    store: invitations,
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
