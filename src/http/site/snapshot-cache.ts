// The site's one snapshot, shared by every request. Rebuilt when the data behind it changed (a cheap
// fingerprint query, asked at most every few seconds), when a new quarter begins, and at the latest after
// MAX_AGE_MS (a quarter that just ended becomes "finished" without any data changing). Concurrent requests
// during a rebuild wait for the same build rather than starting their own.
import { publicDataFingerprint } from "../../store/public-results.ts";
import type { Database } from "../../store/database.ts";
import type { SiteSnapshot } from "./model.ts";
import { sitePeriods } from "./periods.ts";

export const CHECK_INTERVAL_MS = 5_000;
export const MAX_AGE_MS = 10 * 60_000;

export interface SnapshotCacheDeps {
  db: Database;
  timeZone: string;
  now: () => Date;
  build: () => Promise<SiteSnapshot>;
}

export interface SnapshotCache {
  get(): Promise<SiteSnapshot>;
  /**
   * The snapshot as last built, when it is younger than MAX_AGE_MS, without asking whether the data moved
   * on (else a fresh one). For the bot's /about: a citizen's figure may be seconds old, but every completed
   * answer changes the fingerprint, and a chat must not wait on a rebuild for each of them.
   */
  recent(): Promise<SiteSnapshot>;
  /** Forgets the snapshot: the next request rebuilds it. */
  invalidate(): void;
}

interface Entry {
  snapshot: SiteSnapshot;
  fingerprint: string;
  checkedAt: number;
}

export function createSnapshotCache(deps: SnapshotCacheDeps): SnapshotCache {
  let entry: Entry | undefined;
  let pending: Promise<SiteSnapshot> | undefined;

  const currentLabel = (at: Date) => sitePeriods(at, deps.timeZone, 1)[0]?.label;

  async function rebuild(): Promise<SiteSnapshot> {
    // The fingerprint is read first: data written during the build makes the next check rebuild again.
    const fingerprint = await publicDataFingerprint(deps.db);
    const snapshot = await deps.build();
    entry = { snapshot, fingerprint, checkedAt: deps.now().getTime() };
    return snapshot;
  }

  async function fresh(): Promise<SiteSnapshot> {
    const now = deps.now();
    const e = entry;
    if (!e || now.getTime() - e.snapshot.builtAt.getTime() >= MAX_AGE_MS || currentLabel(now) !== e.snapshot.periods.at(-1)?.label) {
      return rebuild();
    }
    if (now.getTime() - e.checkedAt < CHECK_INTERVAL_MS) return e.snapshot;
    if ((await publicDataFingerprint(deps.db)) !== e.fingerprint) return rebuild();
    e.checkedAt = now.getTime();
    return e.snapshot;
  }

  function get(): Promise<SiteSnapshot> {
    pending ??= fresh().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  return {
    get,
    recent() {
      const e = entry;
      if (e && deps.now().getTime() - e.snapshot.builtAt.getTime() < MAX_AGE_MS) return Promise.resolve(e.snapshot);
      return get();
    },
    invalidate() {
      entry = undefined;
    },
  };
}
