// The ZALO_* environment variables → a typed ZaloConfig. Merged into src/config.ts by the lead; kept here so
// the Zalo channel can be configured and tested on its own.
import { z } from "zod";
import { AppError } from "../../errors.ts";

export interface ZaloConfig {
  appId: string;
  appSecret: string;
  /** Webhook "OA Secret Key" (developer console → Webhook); signs X-ZEvent-Signature. Not the app secret. */
  oaSecretKey: string;
  /** Used only to bootstrap the token store; after the first refresh the rotated token lives in the database. */
  refreshToken: string;
  /** Optional: when set, events addressed to another OA are refused. */
  oaId?: string;
  apiRoot: string;
  oauthRoot: string;
  znsRoot: string;
  zns?: {
    templateId: string;
    /** "development" sends for free, but only to OA/app admins (useful on a staging OA). */
    mode: "production" | "development";
  };
  /** Most buttons a message may carry before render.ts falls back to a numbered text prompt (0 = always text). */
  maxButtons: number;
  /** Webhook timestamps older (or newer) than this are refused. */
  webhookMaxAgeSeconds: number;
}

/** The variables that switch the channel on; all four or none. */
const REQUIRED = ["ZALO_APP_ID", "ZALO_APP_SECRET", "ZALO_OA_SECRET_KEY", "ZALO_REFRESH_TOKEN"] as const;

const trimmed = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === "" ? undefined : s.trim()));

const root = (fallback: string) =>
  trimmed
    .transform((u) => u ?? fallback)
    .refine((u) => /^https?:\/\/[^/]+(\/.*)?$/.test(u) && !u.endsWith("/"), "must be an http(s) URL without a trailing slash");

const schema = z.object({
  ZALO_APP_ID: trimmed.refine((s) => s === undefined || /^\d{1,30}$/.test(s), "must be the numeric app id from developers.zalo.me"),
  ZALO_APP_SECRET: trimmed.refine((s) => s === undefined || s.length >= 8, "looks too short for an app secret"),
  ZALO_OA_SECRET_KEY: trimmed.refine((s) => s === undefined || s.length >= 8, "looks too short for the OA secret key"),
  ZALO_REFRESH_TOKEN: trimmed.refine((s) => s === undefined || s.length >= 8, "looks too short for a refresh token"),
  ZALO_OA_ID: trimmed.refine((s) => s === undefined || /^\d{1,30}$/.test(s), "must be the numeric OA id"),
  ZALO_API_ROOT: root("https://openapi.zalo.me"),
  ZALO_OAUTH_ROOT: root("https://oauth.zaloapp.com"),
  ZALO_ZNS_ROOT: root("https://business.openapi.zalo.me"),
  ZALO_ZNS_TEMPLATE_ID: trimmed.refine((s) => s === undefined || /^[A-Za-z0-9_-]{1,64}$/.test(s), "must be a template id as shown in the ZBS console"),
  ZALO_ZNS_MODE: z.enum(["production", "development"]).default("production"),
  ZALO_MAX_BUTTONS: z.coerce.number().int().min(0).max(10).default(5),
  ZALO_WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
});

/**
 * undefined when none of the enabling variables is set (the channel is off); an AppError("config_invalid")
 * naming each missing or malformed variable otherwise.
 */
export function loadZaloConfig(env: Record<string, string | undefined>): ZaloConfig | undefined {
  const present = REQUIRED.filter((k) => (env[k] ?? "").trim() !== "");
  if (present.length === 0) return undefined;
  const problems: string[] = [];
  const missing = REQUIRED.filter((k) => !present.includes(k));
  for (const k of missing) problems.push(`${k} is required when ${present.join(", ")} ${present.length === 1 ? "is" : "are"} set (the Zalo channel needs all of ${REQUIRED.join(", ")})`);
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    for (const i of parsed.error.issues) problems.push(`${i.path.join(".")} ${i.message}`);
  }
  if (problems.length > 0 || !parsed.success) {
    throw new AppError("config_invalid", `Invalid Zalo configuration: ${problems.join("; ")}`, problems);
  }
  const c = parsed.data;
  return {
    appId: c.ZALO_APP_ID!,
    appSecret: c.ZALO_APP_SECRET!,
    oaSecretKey: c.ZALO_OA_SECRET_KEY!,
    refreshToken: c.ZALO_REFRESH_TOKEN!,
    oaId: c.ZALO_OA_ID,
    apiRoot: c.ZALO_API_ROOT,
    oauthRoot: c.ZALO_OAUTH_ROOT,
    znsRoot: c.ZALO_ZNS_ROOT,
    zns: c.ZALO_ZNS_TEMPLATE_ID ? { templateId: c.ZALO_ZNS_TEMPLATE_ID, mode: c.ZALO_ZNS_MODE } : undefined,
    maxButtons: c.ZALO_MAX_BUTTONS,
    webhookMaxAgeSeconds: c.ZALO_WEBHOOK_MAX_AGE_SECONDS,
  };
}
