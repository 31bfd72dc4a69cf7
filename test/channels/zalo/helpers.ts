// Shared by the Zalo tests: fixtures, signing, an in-memory credential store with the same conditional-update
// semantics as src/store/oauth-credentials.ts (for tests that are not about the database), and a fake clock.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { OAuthCredentialRecord, OAuthCredentialStore } from "../../../src/store/oauth-credentials.ts";
import type { ZaloConfig } from "../../../src/channels/zalo/config.ts";

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/zalo");

export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), "utf8");
}

export const APP_ID = "2553928453557884079";
export const OA_ID = "3662729599332560487";
export const OA_SECRET = "oa-secret-key-0123456789";
export const APP_SECRET = "app-secret-abcdefgh";
export const USER_ID = "6142494823190448412";

export function sign(raw: string | Buffer, timestamp: string, opts: { id?: string; secret?: string } = {}): string {
  const h = createHash("sha256")
    .update(opts.id ?? APP_ID)
    .update(typeof raw === "string" ? Buffer.from(raw, "utf8") : raw)
    .update(timestamp)
    .update(opts.secret ?? OA_SECRET)
    .digest("hex");
  return `mac=${h}`;
}

/** The running service's Zalo environment against a fake OA at `rootUrl` (test/fakes/zalo-oa.ts). */
export function zaloServiceEnv(rootUrl: string): Record<string, string> {
  return {
    ZALO_APP_ID: APP_ID,
    ZALO_APP_SECRET: APP_SECRET,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_REFRESH_TOKEN: "RT-initial-from-env",
    ZALO_OA_ID: OA_ID,
    ZALO_API_ROOT: rootUrl,
    ZALO_OAUTH_ROOT: rootUrl,
    ZALO_ZNS_ROOT: rootUrl,
  };
}

export function testConfig(rootUrl: string, overrides: Partial<ZaloConfig> = {}): ZaloConfig {
  return {
    appId: APP_ID,
    appSecret: APP_SECRET,
    oaSecretKey: OA_SECRET,
    refreshToken: "RT-initial-from-env",
    oaId: OA_ID,
    apiRoot: rootUrl,
    oauthRoot: rootUrl,
    znsRoot: rootUrl,
    zns: { templateId: "7895417a7d3f9461cd2e", mode: "production" },
    maxButtons: 5,
    webhookMaxAgeSeconds: 300,
    ...overrides,
  };
}

export function fakeClock(start = Date.UTC(2026, 10, 27, 3, 0, 0)) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  };
}

export function memoryCredentialStore(): OAuthCredentialStore & { rows: Map<string, OAuthCredentialRecord> } {
  const rows = new Map<string, OAuthCredentialRecord>();
  const copy = (r: OAuthCredentialRecord | undefined) => (r ? { ...r } : undefined);
  return {
    rows,
    async load(p) {
      return copy(rows.get(p));
    },
    async insertIfMissing(p, pair) {
      if (rows.has(p)) return false;
      rows.set(p, { provider: p, ...pair, version: 0, refreshingUntil: null, lastError: null, updatedAt: new Date(0) });
      return true;
    },
    async claimRefresh(p, v, now, until) {
      const r = rows.get(p);
      if (!r || r.version !== v || (r.refreshingUntil && r.refreshingUntil > now)) return undefined;
      Object.assign(r, { refreshingUntil: until, version: v + 1, updatedAt: now });
      return copy(r);
    },
    async saveTokens(p, v, pair, at) {
      const r = rows.get(p);
      if (!r || r.version !== v) return undefined;
      Object.assign(r, pair, { refreshingUntil: null, lastError: null, version: v + 1, updatedAt: at });
      return copy(r);
    },
    async forceSaveTokens(p, pair, at) {
      const r = rows.get(p);
      const next = { provider: p, ...pair, version: (r?.version ?? -1) + 1, refreshingUntil: null, lastError: null, updatedAt: at };
      rows.set(p, next);
      return { ...next };
    },
    async releaseWithError(p, v, error, at) {
      const r = rows.get(p);
      if (!r || r.version !== v) return;
      Object.assign(r, { refreshingUntil: null, lastError: error, version: v + 1, updatedAt: at });
    },
  };
}
