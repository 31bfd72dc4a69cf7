// /about (pure): what the survey is, who sees the answers, how the index is computed, the last published
// figure for the citizen's agency (or the province's official SIPAS), and where to read more. The figures
// come through AboutSource, which the composition root backs with the public results site, so the chat
// never shows a number the site does not.
import { formatInteger, formatPercent, formatRank } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { LocalizedText } from "./types.ts";
import type { Locale } from "../i18n.ts";

export interface AboutFacts {
  minN: number;
  /**
   * The agency being rated or last rated, as the public site shows it; `figure` is its latest period with a
   * published index (at least minN answers), or null when it has none yet.
   */
  agency: { name: LocalizedText; figure: { period: LocalizedText; value: number; responses: number } | null } | null;
  /** The province's last official SIPAS in the registry. */
  province: { name: LocalizedText; year: number; value: number; rank: number | null; of: number | null } | null;
  /** The public page to read more on (the agency's, else the overview), without its ?lang=. */
  url: string;
}

export interface AboutSource {
  /** null: the person has not rated any agency (or erased the link to it). */
  facts(agencyCode: string | null): Promise<AboutFacts>;
}

/** The agency's published index; else (saying the agency has too few answers, when there is one) the province's SIPAS. */
function figure(t: Translate, locale: Locale, f: AboutFacts): string {
  const a = f.agency;
  if (a?.figure) {
    return t(locale, "about.agency_figure", {
      agency: a.name[locale],
      period: a.figure.period[locale],
      value: formatPercent(a.figure.value, locale),
      n: formatInteger(a.figure.responses, locale),
    });
  }
  const lines = a ? [t(locale, "about.agency_not_enough", { agency: a.name[locale], minN: formatInteger(f.minN, locale) })] : [];
  if (f.province) {
    const p = f.province;
    const rank = p.rank !== null && p.of !== null ? t(locale, "about.rank", { rank: formatRank(p.rank, p.of) }) : "";
    lines.push(t(locale, "about.province_figure", { year: p.year, province: p.name[locale], value: formatPercent(p.value, locale), rank }));
  } else if (!a) lines.push(t(locale, "about.no_figure"));
  return lines.join("\n");
}

/** `facts` null (no source, or it failed): the explanation alone, which is what the citizen asked for. */
export function renderAbout(t: Translate, locale: Locale, f: AboutFacts | null): string {
  return [
    t(locale, "about.title"),
    t(locale, "about.what"),
    t(locale, "about.why"),
    t(locale, "about.privacy"),
    f ? `${t(locale, "about.method")} ${t(locale, "about.min_n", { minN: formatInteger(f.minN, locale) })}` : t(locale, "about.method"),
    f ? figure(t, locale, f) : null,
    f ? t(locale, "about.link", { url: `${f.url}?lang=${locale}` }) : null,
  ]
    .filter((line) => line !== null)
    .join("\n\n");
}
