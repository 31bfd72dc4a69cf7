// OAuth credentials of a provider account (the Zalo OA). Refresh tokens are single-use, so every write that
// matters is conditional on `version`: one instance claims the refresh, the others wait and re-read.
import type { Database } from "./database.ts";

export interface OAuthCredentialRecord {
  provider: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
  version: number;
  refreshingUntil: Date | null;
  lastError: string | null;
  updatedAt: Date;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
}

export interface OAuthCredentialStore {
  load(provider: string): Promise<OAuthCredentialRecord | undefined>;
  /** Creates the row if there is none (first start); returns whether it was created. */
  insertIfMissing(provider: string, pair: TokenPair): Promise<boolean>;
  /**
   * Takes the refresh lease: succeeds only if `version` is unchanged and no other lease is live.
   * Bumps the version, so a concurrent claimer with the same view fails.
   */
  claimRefresh(provider: string, expectedVersion: number, now: Date, leaseUntil: Date): Promise<OAuthCredentialRecord | undefined>;
  /** Stores a new pair and releases the lease, if the row is still at `expectedVersion`. */
  saveTokens(provider: string, expectedVersion: number, pair: TokenPair, at: Date): Promise<OAuthCredentialRecord | undefined>;
  /**
   * Stores a pair whatever the version. Used when we hold the only valid refresh token (we just consumed the
   * old one) but lost the lease: losing this pair would force an OA admin to consent again.
   */
  forceSaveTokens(provider: string, pair: TokenPair, at: Date): Promise<OAuthCredentialRecord>;
  /** Releases the lease and records why the refresh failed (for /healthz and other instances). */
  releaseWithError(provider: string, expectedVersion: number, error: string, at: Date): Promise<void>;
}

const select = {
  provider: true,
  accessToken: true,
  refreshToken: true,
  accessExpiresAt: true,
  refreshExpiresAt: true,
  version: true,
  refreshingUntil: true,
  lastError: true,
  updatedAt: true,
} as const;

export function createOAuthCredentialStore(db: Database): OAuthCredentialStore {
  const prisma = db.prisma;
  const load = async (provider: string) => (await prisma.oAuthCredential.findUnique({ where: { provider }, select })) ?? undefined;
  return {
    load,
    async insertIfMissing(provider, pair) {
      const r = await prisma.oAuthCredential.createMany({ data: [{ provider, ...pair }], skipDuplicates: true });
      return r.count === 1;
    },
    async claimRefresh(provider, expectedVersion, now, leaseUntil) {
      const r = await prisma.oAuthCredential.updateMany({
        where: { provider, version: expectedVersion, OR: [{ refreshingUntil: null }, { refreshingUntil: { lte: now } }] },
        data: { refreshingUntil: leaseUntil, version: { increment: 1 }, updatedAt: now },
      });
      return r.count === 1 ? load(provider) : undefined;
    },
    async saveTokens(provider, expectedVersion, pair, at) {
      const r = await prisma.oAuthCredential.updateMany({
        where: { provider, version: expectedVersion },
        data: { ...pair, refreshingUntil: null, lastError: null, version: { increment: 1 }, updatedAt: at },
      });
      return r.count === 1 ? load(provider) : undefined;
    },
    async forceSaveTokens(provider, pair, at) {
      return prisma.oAuthCredential.upsert({
        where: { provider },
        create: { provider, ...pair, updatedAt: at },
        update: { ...pair, refreshingUntil: null, lastError: null, version: { increment: 1 }, updatedAt: at },
        select,
      });
    },
    async releaseWithError(provider, expectedVersion, error, at) {
      await prisma.oAuthCredential.updateMany({
        where: { provider, version: expectedVersion },
        data: { refreshingUntil: null, lastError: error.slice(0, 2000), version: { increment: 1 }, updatedAt: at },
      });
    },
  };
}
