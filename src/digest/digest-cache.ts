// Many subscribers share a digest (the same agencies and period), and building one means an index report
// with bootstrap intervals plus a chart render of a few hundred milliseconds: one send run computes each
// distinct digest once per language. Lives for one run, so the next run reads fresh figures.
import type { Translate } from "../i18n.ts";
import type { Period } from "../indices/period.ts";
import type { Locale } from "../i18n.ts";
import { buildDigest, type DigestInput } from "./build.ts";
import type { DigestRequest } from "./gather.ts";
import { renderDigest, type RenderedDigest } from "./messages.ts";

/** Entries kept per map; beyond it the cache starts over (a province rarely has this many distinct digests). */
const MAX_ENTRIES = 500;

export interface DigestCache {
  rendered(agencyCodes: string[], period: Period, locale: Locale): Promise<RenderedDigest>;
}

export function createDigestCache(load: (r: DigestRequest) => Promise<DigestInput>, minN: number, t: Translate): DigestCache {
  const inputs = new Map<string, Promise<DigestInput>>();
  const outputs = new Map<string, Promise<RenderedDigest>>();

  function remember<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    let p = map.get(key);
    if (!p) {
      if (map.size >= MAX_ENTRIES) map.clear();
      p = make();
      // A failure is not remembered: the next row asking for it tries again.
      p.catch(() => map.delete(key));
      map.set(key, p);
    }
    return p;
  }

  return {
    rendered(agencyCodes, period, locale) {
      const key = `${period.label}|${agencyCodes.join(",")}`;
      return remember(outputs, `${key}|${locale}`, async () => {
        const input = await remember(inputs, key, () => load({ agencyCodes, period, minN }));
        return renderDigest(buildDigest(input, locale), locale, t);
      });
    },
  };
}
