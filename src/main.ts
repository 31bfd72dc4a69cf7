// Composition root: config → logger → store → channels → services → http → housekeeping.
import { serve, type ServerType } from "@hono/node-server";
import { GrammyError } from "grammy";
import type { Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Hono } from "hono";
import { createTelegramBot, type TelegramBot } from "./channels/telegram/bot.ts";
import { createZaloChannel } from "./channels/zalo/channel.ts";
import { createZaloClient, type ZaloClient } from "./channels/zalo/client.ts";
import type { Channel } from "./channels/channel.ts";
import { loadConfig, type Config } from "./config.ts";
import { AppError } from "./errors.ts";
import { createHttpApp, type HealthReport } from "./http/app.ts";
import { createDossiersRoutes } from "./http/dossiers-route.ts";
import { createDossiersBatchRoute } from "./http/dossiers-batch-route.ts";
import { createBulkImporter } from "./invitations/bulk/import.ts";
import { createBulkInvitationStore } from "./store/invitations-bulk.ts";
import { createIndicesRoutes } from "./http/indices-route.ts";
import { createLandingPage } from "./http/pages/landing.ts";
import { createQrRoutes } from "./http/qr-route.ts";
import { createQrRenderer } from "./invitations/qr-code.ts";
import { createTelegramWebhook } from "./http/telegram-webhook.ts";
import { createZaloInboxProcessor, createZaloWebhook } from "./http/zalo-webhook.ts";
import { createInboxStore } from "./store/inbox.ts";
import { createOAuthCredentialStore } from "./store/oauth-credentials.ts";
import { createTranslator } from "./i18n.ts";
import { seedOfficialResults } from "./results/seed.ts";
import { randomId } from "./ids.ts";
import { createInvitationService } from "./invitations/invitation-service.ts";
import { createZaloInvitationDelivery, type ZaloInvitationDelivery } from "./invitations/zalo-delivery.ts";
import { createZaloNoticeRouter } from "./invitations/zalo-notices.ts";
import { createReminderScheduler } from "./invitations/reminders.ts";
import { createReminderWorker } from "./invitations/reminders-wiring.ts";
import type { OutboxWorker } from "./outbox/worker.ts";
import { createOutboxStore } from "./store/outbox.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createAgencyStore } from "./store/agencies.ts";
import { openDatabase, type Database } from "./store/database.ts";
import { createInvitationStore } from "./store/invitations.ts";
import { createProcessedStore } from "./store/processed.ts";
import { createRatingStore } from "./store/ratings.ts";
import { createRespondentStore } from "./store/respondents.ts";
import { createResponseStore } from "./store/responses.ts";
import { generateSecret, getOrCreateSetting } from "./store/settings.ts";
import { createPseudonymizer } from "./survey/pseudonym.ts";
import { createSurveyService } from "./survey/survey-service.ts";

export interface ServiceOptions {
  env: Record<string, string | undefined>;
  logger?: Logger;
  now?: () => Date;
  /** For tests: skip Telegram's getMe. */
  telegramBotInfo?: UserFromGetMe;
  /** Listen on HTTP (default true). */
  listen?: boolean;
  /** For tests and benchmarks: a fake Bot API, installed before the bot sends anything. */
  telegramTransformer?: Transformer;
  /** For tests: the fetch the Zalo client uses. */
  zaloFetch?: typeof fetch;
  /** How long POST /api/v1/dossiers waits for Zalo to send an invitation before answering "pending". */
  invitationSendWaitMs?: number;
  /** Start Telegram long polling in polling mode (default true); benchmarks feed updates directly. */
  telegramPolling?: boolean;
  /** How often the outbox worker polls for due jobs (default 30 s); tests mostly call outbox.runDue(). */
  outboxIntervalMs?: number;
}

export interface Service {
  config: Config;
  db: Database;
  logger: Logger;
  http: ReturnType<typeof createHttpApp>;
  telegram?: TelegramBot;
  zalo?: { client: ZaloClient; channel: Channel; drain(): Promise<number>; invitations: ZaloInvitationDelivery };
  survey: ReturnType<typeof createSurveyService>;
  /** Runs due outbox jobs (reminders, Zalo invitation retries). */
  outbox: OutboxWorker;
  /** The bound HTTP address, once listening. */
  url?: string;
  stop(): Promise<void>;
}

const PROCESSED_KEY_TTL_MS = 3 * 86_400_000;

export async function startService(opts: ServiceOptions): Promise<Service> {
  const config = loadConfig(opts.env);
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  const now = opts.now ?? (() => new Date());
  const t = createTranslator();

  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  logger.info({ database: db.kind }, db.kind === "embedded" ? `embedded database ready in ${config.dataDir}` : "PostgreSQL ready");
  const cleanups: (() => Promise<void> | void)[] = [() => db.close()];
  const stopAll = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e) => logger.error({ err: e }, "shutdown step failed"));
  };

  try {
    // Official published results ship with the code; only missing rows are added, never overwritten.
    await seedOfficialResults(db);

    let secret = config.secret;
    if (!secret) {
      secret = await getOrCreateSetting(db, "pseudonym_secret", generateSecret);
      logger.warn("HAILONG_SECRET is not set: using a secret generated once and kept in the database. Set HAILONG_SECRET in production.");
    }

    const agencies = createAgencyStore(db);
    const invitationStore = createInvitationStore(db);
    const processed = createProcessedStore(db);
    const respondents = createRespondentStore(db);
    const pseudonymize = createPseudonymizer(secret);
    const newRunId = () => randomId(9);
    const reminders = createReminderScheduler({
      outbox: createOutboxStore(db),
      delayHours: config.reminderDelayHours,
      timeZone: config.timeZone,
      now,
      logger,
    });
    const survey = createSurveyService({
      agencies,
      invitations: invitationStore,
      respondents,
      responses: createResponseStore(db),
      processed,
      pseudonymize,
      t,
      logger,
      now,
      newId: newRunId,
      defaultQuestionnaire: config.defaultQuestionnaire,
      reminders,
    });

    let telegram: TelegramBot | undefined;
    let telegramStatus: { ok: boolean; detail?: string } = { ok: true, detail: "off" };
    if (config.telegram) {
      telegram = createTelegramBot(
        {
          token: config.telegram.token,
          apiRoot: config.telegram.apiRoot,
          username: config.telegram.username,
          botInfo: opts.telegramBotInfo,
          transformer: opts.telegramTransformer,
        },
        { handler: survey, t, logger },
      );
      const tg = telegram;
      const tgConfig = config.telegram;
      const connect = async (): Promise<void> => {
        try {
          const me = await tg.init();
          telegramStatus = { ok: true, detail: `${tgConfig.mode} as @${me.username}` };
          if (tgConfig.mode === "webhook") {
            await tg.bot.api.setWebhook(`${config.publicBaseUrl}/webhooks/telegram`, { secret_token: tgConfig.webhookSecret });
            logger.info({ url: `${config.publicBaseUrl}/webhooks/telegram` }, "telegram webhook registered");
          } else if (opts.telegramPolling !== false) {
            tg.startPolling();
          }
        } catch (e) {
          if (e instanceof GrammyError && (e.error_code === 401 || e.error_code === 404)) {
            throw new AppError("config_invalid", `Invalid configuration: TELEGRAM_BOT_TOKEN was refused by Telegram (${e.description}).`);
          }
          telegramStatus = { ok: false, detail: `cannot reach the Bot API: ${(e as Error).message}` };
          logger.error({ err: e }, "telegram: cannot reach the Bot API; retrying in 30 s (HTTP API keeps serving)");
          const timer = setTimeout(() => void connect().catch((err) => logger.error({ err }, "telegram start failed")), 30_000);
          timer.unref();
          cleanups.push(() => clearTimeout(timer));
        }
      };
      // A Bot API that is slow to answer must not hold back the HTTP API: give it 10 s, then go on.
      let waited: NodeJS.Timeout | undefined;
      const connecting = connect();
      const slow = new Promise<"slow">((resolve) => (waited = setTimeout(() => resolve("slow"), 10_000)));
      const first = await Promise.race([connecting, slow]);
      clearTimeout(waited);
      if (first === "slow") {
        logger.warn("telegram is still connecting; the HTTP API starts now");
        connecting.catch((e) => logger.fatal({ err: e }, "telegram could not start; fix the configuration and restart"));
      }
      cleanups.push(() => tg.stop());
    } else {
      logger.info("Telegram is off: set TELEGRAM_BOT_TOKEN (from @BotFather) to let citizens answer in Telegram.");
    }

    let zalo: Service["zalo"];
    const webhooks: Record<string, Hono> = {};
    if (config.zalo) {
      const zc = config.zalo;
      const client = createZaloClient({ config: zc, credentials: createOAuthCredentialStore(db), logger, fetch: opts.zaloFetch });
      const channel = createZaloChannel({ client, logger, maxButtons: zc.maxButtons });
      const inbox = createInboxStore(db);
      const onNotice = createZaloNoticeRouter({
        invitations: invitationStore,
        respondents,
        ratings: createRatingStore(db),
        pseudonymize,
        logger,
        now,
        newId: newRunId,
        defaultQuestionnaire: config.defaultQuestionnaire,
      });
      const processor = createZaloInboxProcessor({ db, handler: survey, channel, logger, inbox, onNotice });
      const invitationSender = createZaloInvitationDelivery({
        client,
        znsConfigured: zc.zns !== undefined,
        store: invitationStore,
        logger,
        now,
        timeZone: config.timeZone,
        waitMs: opts.invitationSendWaitMs,
      });
      webhooks.zalo = createZaloWebhook({ config: zc, inbox, logger, onStored: processor.kick });
      client.start();
      await processor.start();
      cleanups.push(() => client.stop());
      cleanups.push(() => processor.stop());
      // Sends still running after their API request answered must record their outcome before the db closes.
      cleanups.push(() => invitationSender.idle());
      zalo = { client, channel, drain: () => processor.drain(), invitations: invitationSender };
      logger.info("Zalo OA channel on: webhook at /webhooks/zalo");
    }

    const invitations = createInvitationService({
      agencies,
      invitations: invitationStore,
      logger,
      now,
      ttlDays: config.invitationTtlDays,
      telegramUsername: () => telegram?.username(),
      delivery: zalo ? reminders.wrapDelivery(zalo.invitations) : undefined,
    });

    // After the channels (it sends through them); stopped before them, since cleanups run in reverse.
    const outbox = createReminderWorker({
      db,
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
    });
    outbox.start();
    cleanups.push(() => outbox.stop());

    const health = async (): Promise<HealthReport> => {
      const checks: HealthReport["checks"] = {};
      try {
        await db.sql.query("SELECT 1");
        checks.database = { ok: true, detail: db.kind };
      } catch (e) {
        checks.database = { ok: false, detail: (e as Error).message };
      }
      checks.telegram = telegramStatus;
      const backlog = await outbox.store.backlog(now()).catch(() => undefined);
      if (backlog) checks.outbox = { ok: true, detail: `${backlog.due} due, ${backlog.pending} pending` };
      if (zalo) {
        const z = zalo.client.health();
        checks.zalo = z.ok ? { ok: true } : { ok: false, detail: z.reason };
      }
      const status = !checks.database.ok ? "down" : Object.values(checks).every((c) => c.ok) ? "ok" : "degraded";
      return { status, checks };
    };

    if (telegram && config.telegram?.mode === "webhook" && config.telegram.webhookSecret) {
      webhooks.telegram = createTelegramWebhook(telegram, config.telegram.webhookSecret);
    }
    const http = createHttpApp({
      logger,
      apiKeys: config.apiKeys,
      health,
      api: {
        dossiers: createDossiersRoutes({ invitations, logger }),
        "dossiers:batch": createDossiersBatchRoute({
          importer: createBulkImporter({
            agencies,
            invitations: createBulkInvitationStore(db),
            logger,
            now,
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
      const server: ServerType = await new Promise((resolve, reject) => {
        const s = serve({ fetch: http.fetch, port: config.port, hostname: config.host }, () => resolve(s));
        s.once("error", reject);
      });
      const addr = server.address();
      const port = typeof addr === "object" && addr ? addr.port : config.port;
      url = `http://${config.host}:${port}`;
      logger.info({ url }, "HTTP listening");
      cleanups.push(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      );
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
      outbox,
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
