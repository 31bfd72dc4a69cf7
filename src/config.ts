// The environment, validated once at start. No import-time singletons: call loadConfig(env).
import cron from "node-cron";
import { z } from "zod";
import { loadZaloConfig, type ZaloConfig } from "./channels/zalo/config.ts";
import { AppError, isAppError } from "./errors.ts";
import { DEFAULT_TIME_ZONE, isTimeZone } from "./time-zone.ts";
import { DEFAULT_WALK_IN_LIMIT_PERIOD, WALK_IN_LIMIT_PERIODS, type WalkInLimitPeriod } from "./integrity/walk-in-limit.ts";

const list = z
  .string()
  .optional()
  .transform((s) => (s ?? "").split(",").map((x) => x.trim()).filter(Boolean));

const optionalString = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === "" ? undefined : s.trim()));

const schema = z
  .object({
    DATABASE_URL: optionalString.refine(
      (u) => u === undefined || /^postgres(ql)?:\/\/.+/.test(u),
      "must be a postgresql:// URL, or unset for the embedded database under ./data",
    ),
    HAILONG_DATA_DIR: optionalString,
    PORT: z.coerce.number({ error: "must be a port number (0–65535)" }).int("must be a whole number").min(0).max(65535).default(3000),
    HOST: z.string().default("127.0.0.1"),
    PUBLIC_BASE_URL: optionalString.refine((u) => u === undefined || /^https?:\/\/.+/.test(u), "must start with http:// or https://"),
    HAILONG_API_KEYS: list.refine((keys) => keys.every((k) => k.length >= 16), "each key must be at least 16 characters"),
    HAILONG_SECRET: optionalString.refine((s) => s === undefined || s.length >= 32, "must be at least 32 characters"),
    HAILONG_INVITATION_TTL_DAYS: z.coerce.number({ error: "must be a number of days (1–365)" }).int().min(1).max(365).default(7),
    HAILONG_DEFAULT_QUESTIONNAIRE: z.string().default("sipas-short"),
    HAILONG_REMINDER_DELAY_HOURS: z.coerce.number({ error: "must be a number of hours (0 = no reminders, up to 168)" }).min(0).max(168).default(24),
    HAILONG_MIN_N: z.coerce.number({ error: "must be a whole number ≥ 1" }).int().min(1).default(30),
    HAILONG_WALKIN_LIMIT_PERIOD: z
      .enum(WALK_IN_LIMIT_PERIODS, { error: 'must be "week", "month" or "quarter"' })
      .default(DEFAULT_WALK_IN_LIMIT_PERIOD),
    TELEGRAM_BOT_TOKEN: optionalString.refine(
      (t) => t === undefined || /^\d+:[A-Za-z0-9_-]{20,}$/.test(t),
      "does not look like a bot token from @BotFather (digits:letters)",
    ),
    TELEGRAM_BOT_USERNAME: optionalString,
    TELEGRAM_API_ROOT: z
      .string()
      .default("https://api.telegram.org")
      .refine((u) => /^https?:\/\/[^/]+.*[^/]$/.test(u), "must be an http(s) URL without a trailing slash"),
    TELEGRAM_MODE: z.enum(["polling", "webhook"]).default("polling"),
    TELEGRAM_WEBHOOK_SECRET: optionalString.refine(
      (s) => s === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(s),
      "must be 1–256 characters of A-Z a-z 0-9 _ -",
    ),
    HAILONG_ADMINS: list.refine((ids) => ids.every((id) => /^\d{1,20}$/.test(id)), "must be Telegram user ids (digits), comma-separated"),
    HAILONG_DIGEST_CRON: z
      .string()
      .default("0 8 * * 1")
      .refine((s) => cron.validate(s), "must be a cron expression such as \"0 8 * * 1\" (Monday 08:00)"),
    HAILONG_ALERT_CRON: z
      .string()
      .default("0 8-20 * * *")
      .refine((s) => cron.validate(s), "must be a cron expression such as \"0 8-20 * * *\" (every hour from 08:00 to 20:00)"),
    HAILONG_ANNOUNCE_TELEGRAM_CHATS: list.refine(
      (ids) => ids.every((id) => /^(@[A-Za-z][A-Za-z0-9_]{3,31}|-?\d{1,20})$/.test(id)),
      "must be Telegram chats: @channelname or numeric ids such as -1001234567890, comma-separated",
    ),
    HAILONG_ANNOUNCE_ZALO_USERS: list.refine((ids) => ids.every((id) => /^\d{1,30}$/.test(id)), "must be Zalo user ids (digits), comma-separated"),
    HAILONG_APPROVAL: z.enum(["admin", "second-person"], { error: 'must be "admin" or "second-person"' }).default("admin"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    LOG_FORMAT: z.enum(["auto", "json", "pretty"], { error: 'must be "auto", "json" or "pretty"' }).default("auto"),
    NODE_ENV: optionalString,
    METRICS_TOKEN: optionalString.refine((s) => s === undefined || s.length >= 16, "must be at least 16 characters"),
    TZ_DISPLAY: z.string().default(DEFAULT_TIME_ZONE).refine(isTimeZone, "must be a time zone such as Asia/Ho_Chi_Minh (IANA name)"),
  })
  .superRefine((c, ctx) => {
    if (c.TELEGRAM_MODE === "webhook" && !c.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["TELEGRAM_WEBHOOK_SECRET"], message: "is required when TELEGRAM_MODE=webhook" });
    }
    if (c.TELEGRAM_MODE === "webhook" && !c.PUBLIC_BASE_URL) {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_BASE_URL"], message: "is required when TELEGRAM_MODE=webhook (Telegram must reach it)" });
    }
  });

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  publicBaseUrl: string;
  apiKeys: string[];
  secret?: string;
  invitationTtlDays: number;
  defaultQuestionnaire: string;
  minN: number;
  /** One walk-in response per person per agency in each such period (HAILONG_WALKIN_LIMIT_PERIOD). */
  walkInLimitPeriod: WalkInLimitPeriod;
  /** Hours after an invitation or a started survey before the one reminder; 0 = no reminders. */
  reminderDelayHours: number;
  telegram?: {
    token: string;
    username?: string;
    apiRoot: string;
    mode: "polling" | "webhook";
    webhookSecret?: string;
  };
  /** Set when the ZALO_* variables switch the Zalo OA channel on (see docs/zalo-setup.md). */
  zalo?: ZaloConfig;
  logLevel: string;
  /** json (one JSON object a line), pretty (for a person at a terminal), auto: pretty only on a terminal outside production. */
  logFormat: "auto" | "json" | "pretty";
  production: boolean;
  /** Bearer token /metrics asks for; unset: /metrics answers only direct callers on this machine. */
  metricsToken?: string;
  timeZone: string;
  /** Telegram user ids that are admins from the start (HAILONG_ADMINS). */
  admins: string[];
  /** When weekly digests go out, in timeZone (node-cron syntax). */
  digestCron: string;
  /** When officials' alerts are checked, in timeZone (node-cron syntax). */
  alertCron: string;
  /** Where approved announcements are published. */
  announce: { telegramChats: string[]; zaloUsers: string[] };
  /** "admin": any admin approves; "second-person": an admin other than the author. */
  approval: "admin" | "second-person";
}

function zaloOrIssues(env: Record<string, string | undefined>): { zalo?: ZaloConfig; issues: string[] } {
  try {
    return { zalo: loadZaloConfig(env), issues: [] };
  } catch (e) {
    if (!isAppError(e, "config_invalid")) throw e;
    const details = Array.isArray(e.details) ? (e.details as unknown[]).map(String) : [e.message];
    return { issues: details };
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  const zalo = zaloOrIssues(env);
  if (!parsed.success || zalo.issues.length) {
    const lines = [...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`)), ...zalo.issues];
    throw new AppError("config_invalid", `Invalid configuration: ${lines.join("; ")}`, lines);
  }
  const c = parsed.data;
  const port = c.PORT;
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: c.HAILONG_DATA_DIR ?? "./data",
    port,
    host: c.HOST,
    publicBaseUrl: (c.PUBLIC_BASE_URL ?? `http://${c.HOST}:${port}`).replace(/\/+$/, ""),
    apiKeys: c.HAILONG_API_KEYS,
    secret: c.HAILONG_SECRET,
    invitationTtlDays: c.HAILONG_INVITATION_TTL_DAYS,
    defaultQuestionnaire: c.HAILONG_DEFAULT_QUESTIONNAIRE,
    minN: c.HAILONG_MIN_N,
    walkInLimitPeriod: c.HAILONG_WALKIN_LIMIT_PERIOD,
    reminderDelayHours: c.HAILONG_REMINDER_DELAY_HOURS,
    telegram: c.TELEGRAM_BOT_TOKEN
      ? {
          token: c.TELEGRAM_BOT_TOKEN,
          username: c.TELEGRAM_BOT_USERNAME,
          apiRoot: c.TELEGRAM_API_ROOT,
          mode: c.TELEGRAM_MODE,
          webhookSecret: c.TELEGRAM_WEBHOOK_SECRET,
        }
      : undefined,
    zalo: zalo.zalo,
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT,
    production: c.NODE_ENV === "production",
    metricsToken: c.METRICS_TOKEN,
    timeZone: c.TZ_DISPLAY,
    admins: c.HAILONG_ADMINS,
    digestCron: c.HAILONG_DIGEST_CRON,
    alertCron: c.HAILONG_ALERT_CRON,
    announce: { telegramChats: c.HAILONG_ANNOUNCE_TELEGRAM_CHATS, zaloUsers: c.HAILONG_ANNOUNCE_ZALO_USERS },
    approval: c.HAILONG_APPROVAL,
  };
}
