// Wiring of the staff side of the service (not a second composition root: main.ts builds the stores and
// channels and hands them in): roles and invite codes, digest subscriptions with their scheduler and
// dispatcher, and announcements — all behind one router placed in front of the citizen survey.
// Staff work in Telegram only, so without a bot token only the CLI (invites, announcements) is available.
import type { Stores } from "../store/stores.ts";
import { createAnnouncements, type Announcements } from "../announce/wiring.ts";
import { DEFAULT_LIMITS } from "../broadcast/broadcaster.ts";
import { RateWindow } from "../broadcast/rate-window.ts";
import { SharedSendBudget } from "../broadcast/shared-budget.ts";
import type { Channel } from "../messages.ts";
import type { BotApiTransformer, BotInfo } from "../channels/telegram/api-types.ts";
import { createTelegramBot } from "../channels/telegram/bot.ts";
import { createTelegramStaffMenus } from "../channels/telegram/staff-menu.ts";
import type { Config } from "../config.ts";
import { createDigestDispatcher, type DigestDispatcher } from "../digest/dispatch.ts";
import { createDigestScheduler, type DigestScheduler } from "../digest/schedule.ts";
import { createDigestFeature } from "../digest/subscribe-feature.ts";
import { createIntegrityFeature } from "../integrity/bot-feature.ts";
import type { Translate } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import type { BroadcastCounters } from "../metrics/types.ts";
import { bootstrapAdmins } from "../staff/bootstrap.ts";
import type { StaffFeature } from "../staff/feature.ts";
import { createInvites } from "../staff/invites.ts";
import type { StaffMenus } from "../staff/menu.ts";
import { createRolesFeature } from "../staff/roles-feature.ts";
import { createStaffRouter } from "../staff/router.ts";
import type { Database } from "../store/database.ts";
import { type StaffStore } from "../store/staff.ts";
import type { SurveyHandler } from "../survey/survey-service.types.ts";

export interface StaffServiceOptions {
  config: Config;
  db: Database;
  stores: Stores;
  survey: SurveyHandler;
  t: Translate;
  logger: Logger;
  now: () => Date;
  /** The Zalo channel, read at publish time (announcements to the OA's users). */
  zaloChannel: () => Channel | undefined;
  telegramBotInfo?: BotInfo;
  telegramTransformer?: BotApiTransformer;
  /** Bulk sends (digests, announcements) are counted here. */
  broadcastMetrics?: BroadcastCounters;
  /** More staff features, built on this service's staff store (feedback actions: src/actions/wiring.ts). */
  features?: ((staff: StaffStore) => StaffFeature)[];
}

export interface StaffService {
  staff: StaffStore;
  /** What the Telegram bot hands its updates to: staff features first, then the survey. */
  handler: SurveyHandler;
  announcements: Announcements;
  digests?: { scheduler: DigestScheduler; dispatcher: DigestDispatcher };
  /** Starts the digest scheduler (catching up missed firings) and dispatcher. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createStaffService(o: StaffServiceOptions): Promise<StaffService> {
  const { config, db, stores, t, logger, now } = o;
  const { staff, audit, agencies } = stores;
  await bootstrapAdmins(config.admins, { staff, audit, logger, now });

  // Bulk sends get their own bot whose auto-retry never sleeps on a 429: the broadcaster must see every
  // retry_after to pause the whole send (see src/broadcast/broadcaster.ts). It never polls.
  const tg = config.telegram;
  const bulk = tg
    ? createTelegramBot(
        {
          token: tg.token,
          apiRoot: tg.apiRoot,
          username: tg.username,
          botInfo: o.telegramBotInfo,
          transformer: o.telegramTransformer,
          retry: { maxRetryAttempts: 0, maxDelaySeconds: 0 },
        },
        { handler: { handle: async () => [] }, t, logger },
      )
    : undefined;

  // One send budget for every bulk send: a digest run and a publication at the same moment share it, and
  // on PostgreSQL so do all instances (Telegram's limit is the bot's, not the process's).
  const bulkWindow =
    db.kind === "postgresql"
      ? new SharedSendBudget({
          perSecond: DEFAULT_LIMITS.globalPerSecond,
          grant: (count, spacingMs) => stores.sendBudget.grant("bulk", count, spacingMs),
          logger,
        })
      : new RateWindow(DEFAULT_LIMITS.globalPerSecond);
  const announcements = createAnnouncements({
    db,
    stores,
    config,
    t,
    logger,
    now,
    channels: () => ({ telegram: bulk?.channel, zalo: o.zaloChannel() }),
    broadcast: { window: bulkWindow, metrics: o.broadcastMetrics },
  });

  const features: StaffFeature[] = [];
  let digests: StaffService["digests"];
  let menus: StaffMenus | undefined;
  let menusSet: Promise<void> = Promise.resolve();
  if (bulk) {
    menus = createTelegramStaffMenus(bulk.bot.api, { t, logger });
    const dispatcher = createDigestDispatcher({
      db,
      stores,
      channel: bulk.channel,
      t,
      logger,
      now,
      timeZone: config.timeZone,
      minN: config.minN,
      staff,
      broadcast: { window: bulkWindow, metrics: o.broadcastMetrics },
    });
    const scheduler = createDigestScheduler({
      stores,
      cron: config.digestCron,
      timeZone: config.timeZone,
      now,
      logger,
      onFanned: () => void dispatcher.runDue().catch((e) => logger.error({ err: e }, "digest run failed")),
    });
    digests = { scheduler, dispatcher };
    const invites = createInvites({ staff, codes: stores.inviteCodes, audit, agencies });
    features.push(
      createRolesFeature({ staff, invites, agencies, audit, t, timeZone: config.timeZone, envAdmins: config.admins, menus }),
      createDigestFeature({ db, stores, staff, audit, t, logger, timeZone: config.timeZone, minN: config.minN, send: { scheduler, dispatcher } }),
      announcements.feature(staff),
      createIntegrityFeature({ db, agencies, t, timeZone: config.timeZone }),
      ...(o.features ?? []).map((f) => f(staff)),
    );
  }

  const handler = features.length
    ? createStaffRouter({ survey: o.survey, features, directory: staff, claimDelivery: (k) => stores.processed.claim(k), t, logger, now, menus })
    : o.survey;

  return {
    staff,
    handler,
    announcements,
    digests,
    async start() {
      // Admins from HAILONG_ADMINS never redeemed a code, so their menu is set here (in the background:
      // Telegram refuses a chat that never wrote to the bot, and start must not wait on it).
      if (menus) {
        const shown = menus;
        menusSet = (async () => {
          for (const userId of new Set(config.admins)) {
            const m = await staff.find("telegram", userId);
            if (m) await shown.show(m);
          }
        })().catch((e) => logger.warn({ err: e }, "admins' command menus not set"));
      }
      if (!digests) return;
      digests.dispatcher.start();
      await digests.scheduler.start();
    },
    async stop() {
      await menusSet;
      // Publications already under way record their outcome before the database closes.
      await announcements.service.idle();
      if (!digests) return;
      // The scheduler first, so no new rows appear while the dispatcher hands its rows back.
      await digests.scheduler.stop();
      await digests.dispatcher.stop();
      await bulk?.stop();
    },
  };
}
