// The OA access token, kept fresh across processes. Zalo refresh tokens are single-use and rotate on every
// refresh, so two instances refreshing at once would leave one of them (and possibly the stored row) holding a
// dead token; an OA admin would then have to consent again in a browser. Hence:
//   - in-process single-flight (one promise shared by concurrent callers),
//   - cross-instance single-flight via a lease on the OAuthCredential row (conditional update on `version`),
//   - the new pair is written to the row before anyone uses it.
import type { Logger } from "pino";
import type { OAuthCredentialRecord, OAuthCredentialStore, TokenPair } from "../../store/oauth-credentials.ts";
import type { ZaloConfig } from "./config.ts";
import { zaloRequest, type FetchLike } from "./http.ts";
import { z } from "zod";

export type ZaloHealth = { ok: true } | { ok: false; reason: string };

/** No usable access token could be obtained (refresh failed or timed out waiting for another instance). */
export class ZaloAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZaloAuthError";
  }
}

export interface ZaloTokenManagerOptions {
  config: Pick<ZaloConfig, "appId" | "appSecret" | "oauthRoot" | "refreshToken">;
  store: OAuthCredentialStore;
  logger: Logger;
  fetch?: FetchLike;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Refresh when less than this is left on the access token (default 5 h of its 25 h, i.e. at about 20 h). */
  refreshAheadMs?: number;
  /** How long a refresh lease is held; longer than the HTTP timeout so it cannot lapse mid-call (default 60 s). */
  leaseMs?: number;
  pollMs?: number;
  /** After a failed refresh, wait this long before trying again (default 60 s). */
  failureBackoffMs?: number;
  timeoutMs?: number;
  /** Row key in oauth_credential (default `zalo-oa:<appId>`). */
  provider?: string;
}

export interface ZaloTokenManager {
  /** A valid access token, refreshed ahead of expiry. Throws ZaloAuthError if none can be had. */
  accessToken(): Promise<string>;
  /** Zalo refused `rejected` (-216/-220): returns a different valid token, refreshing only if nobody else has. */
  replaceRejected(rejected: string): Promise<string>;
  /** First consent (or re-consent): trades an authorization code for a pair and stores it. */
  exchangeCode(code: string, codeVerifier?: string): Promise<void>;
  health(): ZaloHealth;
  readonly provider: string;
}

const DAY = 86_400_000;
/** Zalo documents refresh tokens as valid for 3 months; it does not return their lifetime. */
const REFRESH_TOKEN_LIFETIME_MS = 90 * DAY;

const oauthTokens = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.union([z.string(), z.number()]).transform(Number).pipe(z.number().positive()),
  refresh_token_expires_in: z.union([z.string(), z.number()]).transform(Number).pipe(z.number().positive()).optional(),
});
const oauthError = z.looseObject({
  error: z.union([z.string(), z.number()]).transform(Number),
  error_name: z.string().optional(),
  error_description: z.string().optional(),
  message: z.string().optional(),
});

class OAuthRejected extends Error {}

export function createZaloTokenManager(opts: ZaloTokenManagerOptions): ZaloTokenManager {
  const { config, store, logger } = opts;
  const fetchFn: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const ahead = opts.refreshAheadMs ?? 5 * 3600_000;
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 200;
  const failureBackoffMs = opts.failureBackoffMs ?? 60_000;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const provider = opts.provider ?? `zalo-oa:${config.appId}`;
  const log = logger.child({ component: "zalo-oauth" });

  let cache: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  let health: ZaloHealth = { ok: true };

  async function callOAuth(form: Record<string, string>): Promise<TokenPair> {
    const out = await zaloRequest(
      fetchFn,
      `${config.oauthRoot}/v4/oa/access_token`,
      {
        method: "POST",
        // Zalo takes the app secret in a `secret_key` header, not in the form body.
        headers: { "content-type": "application/x-www-form-urlencoded", secret_key: config.appSecret },
        body: new URLSearchParams({ ...form, app_id: config.appId }).toString(),
      },
      timeoutMs,
    );
    if (out.kind === "transport") throw new Error(`OAuth endpoint unreachable: ${out.detail}`);
    const parsed = oauthTokens.safeParse(out.body);
    if (!parsed.success) {
      const err = oauthError.safeParse(out.body);
      if (err.success && err.data.error !== 0) {
        const e = err.data;
        throw new OAuthRejected(`Zalo refused the OAuth request: ${e.error} ${e.error_name ?? ""} ${e.error_description ?? e.message ?? ""}`.replace(/\s+/g, " ").trim());
      }
      throw new Error(`OAuth endpoint answered HTTP ${out.status} with an unexpected body`);
    }
    const a = parsed.data;
    const t = now();
    return {
      accessToken: a.access_token,
      refreshToken: a.refresh_token,
      accessExpiresAt: new Date(t + a.expires_in * 1000),
      refreshExpiresAt: new Date(t + (a.refresh_token_expires_in ? a.refresh_token_expires_in * 1000 : REFRESH_TOKEN_LIFETIME_MS)),
    };
  }

  function remember(row: Pick<OAuthCredentialRecord, "accessToken" | "accessExpiresAt">): string {
    cache = { token: row.accessToken, expiresAt: row.accessExpiresAt.getTime() };
    return row.accessToken;
  }

  function fail(reason: string): never {
    health = { ok: false, reason };
    throw new ZaloAuthError(reason);
  }

  async function refreshHolding(claimed: OAuthCredentialRecord): Promise<string> {
    let pair: TokenPair;
    try {
      try {
        pair = await callOAuth({ grant_type: "refresh_token", refresh_token: claimed.refreshToken });
      } catch (e) {
        // After a re-consent an operator puts the new refresh token in ZALO_REFRESH_TOKEN and restarts; the
        // stored (dead) token is tried first, the configured one only when Zalo refused the stored one.
        if (!(e instanceof OAuthRejected) || config.refreshToken === claimed.refreshToken) throw e;
        log.warn({ err: (e as Error).message }, "stored Zalo refresh token refused; trying ZALO_REFRESH_TOKEN from the environment");
        pair = await callOAuth({ grant_type: "refresh_token", refresh_token: config.refreshToken });
      }
    } catch (e) {
      const reason = `Zalo OA token refresh failed: ${(e as Error).message}`;
      log.error({ provider }, `${reason}. Zalo messages cannot be sent until this is fixed; if the refresh token is dead, an OA admin must consent again (docs/zalo-setup.md).`);
      await store.releaseWithError(provider, claimed.version, reason, new Date(now())).catch((err: Error) => log.error({ err: err.message }, "could not record the refresh failure"));
      return fail(reason);
    }
    let saved = await store.saveTokens(provider, claimed.version, pair, new Date(now()));
    if (!saved) {
      // Our lease was lost, but the refresh token we used is now consumed: ours is the only valid pair.
      log.error({ provider }, "Zalo token refresh lease lost before saving; storing the new pair anyway (it is the only valid one)");
      saved = await store.forceSaveTokens(provider, pair, new Date(now()));
    }
    health = { ok: true };
    log.info({ provider, accessExpiresAt: saved.accessExpiresAt.toISOString() }, "Zalo OA access token refreshed");
    return remember(saved);
  }

  /** The loop every instance runs: use a good stored token, wait for a live lease, or take the lease. */
  async function obtain(rejected: string | undefined): Promise<string> {
    const deadline = now() + leaseMs * 2;
    for (;;) {
      const t = now();
      const row = await store.load(provider);
      if (!row) {
        await store.insertIfMissing(provider, {
          accessToken: "",
          refreshToken: config.refreshToken,
          accessExpiresAt: new Date(0),
          refreshExpiresAt: new Date(t + REFRESH_TOKEN_LIFETIME_MS),
        });
        continue;
      }
      const valid = row.accessToken !== "" && row.accessToken !== rejected && row.accessExpiresAt.getTime() > t;
      health = row.lastError ? { ok: false, reason: row.lastError } : { ok: true };
      if (valid && row.accessExpiresAt.getTime() - t > ahead) return remember(row);
      const leased = row.refreshingUntil !== null && row.refreshingUntil.getTime() > t;
      if (leased) {
        // Another instance is refreshing; the current token (if still valid) serves meanwhile.
        if (valid) return remember(row);
        if (t > deadline) return fail("timed out waiting for another instance to refresh the Zalo OA token");
        await sleep(pollMs);
        continue;
      }
      if (row.lastError && t - row.updatedAt.getTime() < failureBackoffMs) {
        // A refresh failed moments ago (here or on another instance): do not hammer the OAuth endpoint on every
        // send; serve the current token while it lasts, and report degraded health meanwhile.
        if (valid) return remember(row);
        return fail(row.lastError);
      }
      const claimed = await store.claimRefresh(provider, row.version, new Date(t), new Date(t + leaseMs));
      if (!claimed) continue;
      return refreshHolding(claimed);
    }
  }

  function singleFlight(rejected: string | undefined): Promise<string> {
    inflight ??= obtain(rejected).finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  return {
    provider,
    async accessToken() {
      if (cache && cache.expiresAt - now() > ahead) return cache.token;
      return singleFlight(undefined);
    },
    async replaceRejected(rejected) {
      if (cache?.token === rejected) cache = undefined;
      const token = await singleFlight(rejected);
      // A flight that started before the rejection may hand back the rejected token; go once more.
      return token === rejected ? singleFlight(rejected) : token;
    },
    async exchangeCode(code, codeVerifier) {
      const form: Record<string, string> = { grant_type: "authorization_code", code };
      if (codeVerifier) form.code_verifier = codeVerifier;
      const pair = await callOAuth(form);
      remember(await store.forceSaveTokens(provider, pair, new Date(now())));
      health = { ok: true };
      log.info({ provider }, "Zalo OA authorised: new token pair stored");
    },
    health: () => health,
  };
}
