// The figures the bot's /about quotes, read from the public site's own snapshot, so a citizen is never told
// a number the site does not show: the agency's latest quarter with a published index (under min-n the site
// withholds it, and so does this), else the province's last official SIPAS, and the page to read more.
import type { Translate } from "../../i18n.ts";
import type { AboutFacts, AboutSource } from "../../survey/about.ts";
import { type LocalizedText } from "../../survey/types.ts";
import { LOCALES } from "../../i18n.ts";
import { periodHeading, type ViewContext } from "./fragments.ts";
import { agencyPath } from "./layout.ts";
import type { SitePeriodFigures, SiteSnapshot } from "./model.ts";
import type { SnapshotCache } from "./snapshot-cache.ts";

export interface AboutFactsDeps {
  cache: Pick<SnapshotCache, "recent">;
  t: Translate;
  timeZone: string;
  /** PUBLIC_BASE_URL: the chat's link must open on a citizen's phone. */
  publicBaseUrl: string;
}

function inBoth(f: (c: ViewContext) => string, s: SiteSnapshot, d: AboutFactsDeps): LocalizedText {
  const [vi, en] = LOCALES.map((locale) => f({ locale, t: d.t, minN: s.minN, timeZone: d.timeZone }));
  return { vi: vi!, en: en! };
}

function provinceSipas(s: SiteSnapshot): AboutFacts["province"] {
  const last = s.official.filter((r) => r.indexCode === "SIPAS" && r.value !== null).sort((a, b) => b.year - a.year)[0];
  if (!last || last.value === null) return null;
  return { name: { vi: last.unitNameVi, en: last.unitNameEn }, year: last.year, value: last.value, rank: last.rank, of: last.of };
}

export function createAboutFacts(d: AboutFactsDeps): AboutSource {
  return {
    async facts(agencyCode) {
      const s = await d.cache.recent();
      const agency = agencyCode === null ? undefined : s.agencies.find((a) => a.code === agencyCode);
      const latest: SitePeriodFigures | undefined = agency ? [...agency.series].reverse().find((f) => f.overall.value !== null) : undefined;
      return {
        minN: s.minN,
        agency: agency
          ? {
              name: agency.name,
              figure:
                latest && latest.overall.value !== null
                  ? { period: inBoth((c) => periodHeading(latest, c), s, d), value: latest.overall.value, responses: latest.responses }
                  : null,
            }
          : null,
        province: provinceSipas(s),
        url: `${d.publicBaseUrl}${agency ? agencyPath(agency.code) : "/"}`,
      };
    },
  };
}
