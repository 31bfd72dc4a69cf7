// Composition root: config → logger → store → channels → services → http → housekeeping.
import type { BotApiTransformer, BotInfo } from "./channels/telegram/api-types.ts";
import type { TelegramBot } from "./channels/telegram/bot.ts";
import type { Hono } from "hono";
import { loadConfig, type Config } from "./config.ts";
import { createHttpApp } from "./http/app.ts";
import { createDossiersRoutes } from "./http/dossiers-route.ts";
import { createDossiersBatchRoute } from "./http/dossiers-batch-route.ts";
import { createBulkImporter } from "./invitations/bulk/import.ts";
import { createIndicesRoutes } from "./http/indices-route.ts";
import { createLandingPage } from "./http/pages/landing.ts";
import { createPublicSite, createSiteSnapshotCache } from "./http/site/routes.ts";
import { createAboutFacts } from "./http/site/about-facts.ts";
import { createFeedbackActions } from "./actions/wiring.ts";
import { createComplaints } from "./complaints/wiring.ts";
import { createQrRoutes } from "./http/qr-route.ts";
import { createQrRenderer } from "./invitations/qr-code.ts";
import { createTelegramWebhook } from "./http/telegram-webhook.ts";
import { createTranslator } from "./i18n.ts";
import { seedOfficialResults } from "./results/seed.ts";
import { oneInstanceAtATime, STARTUP_LOCK } from "./store/startup-lock.ts";
import { randomId } from "./ids.ts";
import { createInvitationService } from "./invitations/invitation-service.ts";
import { createReminderScheduler } from "./invitations/reminders.ts";
import { createReminderWorker } from "./invitations/reminders-wiring.ts";
import type { OutboxWorker } from "./outbox/worker.ts";
import { createLogger, type Logger } from "./logger.ts";
import { openDatabase, type Database } from "./store/database.ts";
import { generateSecret, getOrCreateSetting } from "./store/settings.ts";
import { createStores } from "./store/stores.ts";
import { createPseudonymizer } from "./survey/pseudonym.ts";
import { createSurveyService } from "./survey/survey-service.ts";
import { createHealthCheck, createReadinessCheck } from "./service/health.ts";
import { createMetrics } from "./metrics/metrics.ts";
import { createOpenApiDocument } from "./http/openapi.ts";
import { createStaffService, type StaffService } from "./service/staff.ts";
import { ANNOUNCEMENT_JOB_KIND } from "./announce/publish-job.ts";
import { createAlerts, type Alerts } from "./alerts/wiring.ts";
import { ALERT_JOB_KIND } from "./store/alerts.ts";
import { listen } from "./service/listen.ts";
import { startTelegram, type TelegramStatus } from "./service/telegram.ts";
import { createReplyQueue, REPLY_JOB_KIND } from "./service/reply-queue.ts";
import { createKeptReplyStore } from "./store/kept-replies.ts";
import { startZalo, type ZaloService } from "./service/zalo.ts";
import { startAdminEndpoint } from "./service/admin-endpoint.ts";
import type { RunCommand } from "./cli/command.ts";

export interface ServiceOptions {
  env: Record<string, string | undefined>;
  logger?: Logger;
  now?: () => Date;
  /** For tests: skip Telegram's getMe. */
  telegramBotInfo?: BotInfo;
  /** Listen on HTTP (default true). */
  listen?: boolean;
  /** For tests and benchmarks: a fake Bot API, installed before the bot sends anything. */
  telegramTransformer?: BotApiTransformer;
  /** For tests: the fetch the Zalo client uses. */
  zaloFetch?: typeof fetch;
  /** How long POST /api/v1/dossiers waits for Zalo to send an invitation before answering "pending". */
  invitationSendWaitMs?: number;
  /** Start Telegram long polling in polling mode (default true); benchmarks feed updates directly. */
  telegramPolling?: boolean;
  /** How often the outbox worker polls for due jobs (default 30 s); tests mostly call outbox.runDue(). */
  outboxIntervalMs?: number;
  /**
   * Runs `hailong` commands sent by a CLI on this machine (`hailong serve` passes the CLI's own runner). Only
   * on the embedded database: a second process cannot open it while this one runs, PostgreSQL it can.
   */
  adminCommands?: RunCommand;
}

export interface Service {
  config: Config;
  db: Database;
  logger: Logger;
  http: ReturnType<typeof createHttpApp>;
  telegram?: TelegramBot;
  zalo?: ZaloService;
  survey: ReturnType<typeof createSurveyService>;
  /** Roles, digests and announcements. */
  staff: StaffService;
  /** Runs due outbox jobs (reminders, Zalo invitation retries, scheduled announcements). */
  outbox: OutboxWorker;
  /** Alerts between digests: the check (checkNow) and its schedule. */
  alerts: Alerts;
  /** The bound HTTP address, once listening. */
  url?: string;
  stop(): Promise<void>;
}

const PROCESSED_KEY_TTL_MS = 3 * 86_400_000;

export async function startService(opts: ServiceOptions): Promise<Service> {
  const config = loadConfig(opts.env);
  const logger = opts.logger ?? createLogger({ level: config.logLevel, format: config.logFormat, production: config.production });
  const now = opts.now ?? (() => new Date());
  const t = createTranslator();

  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  logger.info({ database: db.kind }, db.kind === "embedded" ? `embedded database ready in ${config.dataDir}` : "PostgreSQL ready");
  const cleanups: (() => Promise<void> | void)[] = [() => db.close()];
  const metrics = createMetrics({ now, onCollectError: (source, e) => logger.warn({ err: e, source }, "metrics: could not read a source") });
  const stores = createStores(db, now);
  metrics.watch({ outboxBacklog: () => stores.outbox.backlogByKind(now()), pool: () => db.pool() });
  // What takes new work in (the HTTP server, Telegram's poller) stops first and together, each letting what it
  // already took finish; only then the rest, in reverse order of start. The poller used to stop after the HTTP
  // drain, and took updates for up to 5 s after SIGTERM.
  const intake: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    const step = (c: () => Promise<void> | void) => Promise.resolve(c()).catch((e) => logger.error({ err: e }, "shutdown step failed"));
    await Promise.all(intake.splice(0).map(step));
    for (const c of cleanups.reverse()) await step(c);
  };

  try {
    // Official published results ship with the code; only missing rows are added, never overwritten.
    // Instances starting together take turns (the seed's transactions would deadlock on the same rows).
    await oneInstanceAtATime(db, STARTUP_LOCK.seed, () => seedOfficialResults(db));

    let secret = config.secret;
    if (!secret) {
      secret = await getOrCreateSetting(db, "pseudonym_secret", generateSecret);
      logger.warn("HAILONG_SECRET is not set: using a secret generated once and kept in the database. Set HAILONG_SECRET in production.");
    }

    const { agencies, invitations: invitationStore, processed, respondents } = stores;
    const pseudonymize = createPseudonymizer(secret);
    const newRunId = () => randomId(9);
    // One snapshot of the public results, read by the site and by the bot's /about alike.
    const siteCache = createSiteSnapshotCache({ db, stores, now, timeZone: config.timeZone, minN: config.minN });
    const feedbackActions = createFeedbackActions({ stores, config, t, now });
    const reminders = createReminderScheduler({
      outbox: stores.outbox,
      delayHours: config.reminderDelayHours,
      timeZone: config.timeZone,
      now,
      logger,
    });
    let zalo: ZaloService | undefined;
    // Replies the Bot API would not take wait in the outbox; the worker below sends them.
    const replyQueue = createReplyQueue({ kept: createKeptReplyStore(db), outbox: stores.outbox, now, logger });
    let telegram: TelegramBot | undefined;
    const late: { outbox?: OutboxWorker } = {};
    // The channels start after the parts that send through them are built: read at send time.
    const complaints = createComplaints({
      stores,
      t,
      logger,
      now,
      timeZone: config.timeZone,
      channels: () => ({ telegram: telegram?.channel, zalo: zalo?.channel }),
      kick: () => void late.outbox?.runDue().catch((e: Error) => logger.error({ err: e.message }, "outbox run after a complaint failed")),
    });
    const survey = createSurveyService({
      agencies,
      invitations: invitationStore,
      respondents,
      responses: stores.responses,
      processed,
      pseudonymize,
      t,
      logger,
      now,
      newId: newRunId,
      defaultQuestionnaire: config.defaultQuestionnaire,
      reminders,
      metrics,
      about: createAboutFacts({ cache: siteCache, t, timeZone: config.timeZone, publicBaseUrl: config.publicBaseUrl }),
      actions: feedbackActions,
      timeZone: config.timeZone,
      walkInLimitPeriod: config.walkInLimitPeriod,
      complaints: complaints.citizen,
      eraseComplaints: complaints.erase,
    });

    const alerts = createAlerts({ db, stores, config, t, logger, now });
    const staffService = await createStaffService({
      config,
      db,
      stores,
      survey,
      t,
      logger,
      now,
      zaloChannel: () => zalo?.channel,
      telegramBotInfo: opts.telegramBotInfo,
      telegramTransformer: opts.telegramTransformer,
      broadcastMetrics: metrics.broadcast,
      features: [feedbackActions.feature, alerts.feature, complaints.feature],
    });

    let telegramStarted = () => false;
    let telegramStatus = (): TelegramStatus => ({ ok: true, detail: "off" });
    if (config.telegram) {
      const started = await startTelegram({
        config,
        telegramConfig: config.telegram,
        handler: staffService.handler,
        t,
        logger,
        botInfo: opts.telegramBotInfo,
        transformer: opts.telegramTransformer,
        polling: opts.telegramPolling !== false,
        metrics,
        undelivered: replyQueue,
        onCleanup: (fn) => cleanups.push(fn),
        onStopIntake: (fn) => intake.push(fn),
      });
      telegram = started.telegram;
      telegramStatus = started.status;
      telegramStarted = started.started;
    } else {
      logger.info("Telegram is off: set TELEGRAM_BOT_TOKEN (from @BotFather) to let citizens answer in Telegram.");
    }

    const webhooks: Record<string, Hono> = {};
    if (config.zalo) {
      const started = await startZalo({
        zc: config.zalo,
        stores,
        handler: survey,
        pseudonymize,
        logger,
        now,
        timeZone: config.timeZone,
        defaultQuestionnaire: config.defaultQuestionnaire,
        newId: newRunId,
        fetch: opts.zaloFetch,
        invitationSendWaitMs: opts.invitationSendWaitMs,
        onCleanup: (fn) => cleanups.push(fn),
      });
      zalo = started.zalo;
      webhooks.zalo = started.webhook;
    }

    const invitations = createInvitationService({
      agencies,
      invitations: invitationStore,
      logger,
      now,
      timeZone: config.timeZone,
      ttlDays: config.invitationTtlDays,
      telegramUsername: () => telegram?.username(),
      delivery: zalo ? reminders.wrapDelivery(zalo.invitations) : undefined,
    });

    // After the channels (it sends through them); stopped before them, since cleanups run in reverse.
    const outbox = createReminderWorker({
      stores,
      scheduler: reminders,
      invitations: invitationStore,
      respondents,
      pseudonymize,
      t,
      logger,
      now,
      timeZone: config.timeZone,
      telegram: telegram?.channel,
      zalo: zalo && { client: zalo.client, channel: zalo.channel, znsConfigured: config.zalo?.zns !== undefined },
      intervalMs: opts.outboxIntervalMs,
      extraHandlers: {
        [REPLY_JOB_KIND]: replyQueue.handler(() => telegram),
        [ANNOUNCEMENT_JOB_KIND]: staffService.announcements.jobHandler,
        ...complaints.jobHandlers,
        [ALERT_JOB_KIND]: alerts.jobHandler({ staff: stores.staff, channel: () => telegram?.channel }),
      },
    });
    late.outbox = outbox;
    outbox.start();
    cleanups.push(() => outbox.stop());
    replyQueue.start(() => telegram);
    cleanups.push(() => replyQueue.stop());
    await staffService.start();
    cleanups.push(() => staffService.stop());
    // Officials work in Telegram only: without it an alert would be claimed with nobody to send it to.
    if (telegram) {
      alerts.afterClaim(() => void outbox.runDue().catch((e: Error) => logger.error({ err: e.message }, "outbox run after alerts failed")));
      await alerts.scheduler.start();
      cleanups.push(() => alerts.scheduler.stop());
    }

    const health = createHealthCheck({ db, telegram: telegramStatus, outbox, zalo, now });
    const ready = createReadinessCheck({
      db,
      channels: () => ({
        ...(config.telegram ? { telegram: { started: telegramStarted(), detail: telegramStatus().detail } } : {}),
        // startZalo returned, so its webhook is mounted and the channel is up.
        ...(zalo ? { zalo: { started: true } } : {}),
      }),
    });

    if (telegram && config.telegram?.mode === "webhook" && config.telegram.webhookSecret) {
      webhooks.telegram = createTelegramWebhook(telegram, config.telegram.webhookSecret, { logger });
    }
    const http = createHttpApp({
      logger,
      apiKeys: config.apiKeys,
      health,
      ready,
      metrics: { observer: metrics, render: () => metrics.render(), token: config.metricsToken },
      openapi: createOpenApiDocument({ publicBaseUrl: config.publicBaseUrl }),
      api: {
        dossiers: createDossiersRoutes({ invitations, logger }),
        "dossiers:batch": createDossiersBatchRoute({
          importer: createBulkImporter({
            agencies,
            invitations: stores.bulkInvitations,
            logger,
            now,
            timeZone: config.timeZone,
            ttlDays: config.invitationTtlDays,
            telegramUsername: () => telegram?.username(),
          }),
          logger,
        }),
        indices: createIndicesRoutes({ db, config, logger }),
        invitations: createQrRoutes({ invitations: invitationStore, renderer: createQrRenderer(), publicBaseUrl: config.publicBaseUrl, t }),
      },
      webhooks,
      pages: {
        landing: createLandingPage({
          invitations: invitationStore,
          t,
          now,
          timeZone: config.timeZone,
          telegramUsername: () => telegram?.username(),
          zaloOaId: config.zalo?.oaId,
        }),
        site: createPublicSite({ db, stores, t, now, timeZone: config.timeZone, minN: config.minN, logger, cache: siteCache }),
      },
    });

    const prune = setInterval(() => {
      processed
        .prune(new Date(now().getTime() - PROCESSED_KEY_TTL_MS))
        .catch((e) => logger.warn({ err: e }, "pruning delivery keys failed"));
    }, 3_600_000);
    prune.unref();
    cleanups.push(() => clearInterval(prune));

    let url: string | undefined;
    if (opts.listen !== false) {
      const server = await listen(http.fetch, config.port, config.host);
      url = server.url;
      logger.info({ url }, "HTTP listening");
      intake.push(server.close);
    }

    const runCommand = opts.adminCommands;
    if (runCommand && db.kind === "embedded") {
      const admin = await startAdminEndpoint({
        dataDir: config.dataDir,
        logger,
        run: (argv, io) => runCommand(argv, io, { config, logger, db, telegramUsername: () => telegram?.username() }),
      });
      if (admin) cleanups.push(admin.close);
    }

    let stopped = false;
    return {
      config,
      db,
      logger,
      http,
      telegram,
      zalo,
      survey,
      staff: staffService,
      outbox,
      alerts,
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopAll();
      },
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
