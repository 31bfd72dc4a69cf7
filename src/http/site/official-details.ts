// What the official results table says beyond each year's value and rank, from the registry's rows alone
// (pure): the places moved since the year before (as the source states it or computed from that year's row,
// never across a change of method), and what is held about the sub-indices, worded as the announcements word
// them.
import { partsSentence, partsValuesSentence, rankPhrase } from "../../announce/result-phrases.ts";
import type { Translate } from "../../i18n.ts";
import { yearOnYear } from "../../results/changes.ts";
import { OFFICIAL_INDICES, partsOf, type OfficialIndexDef } from "../../results/indices.ts";
import { methodStart } from "../../results/series.ts";
import { partsFacts } from "../../results/subindices.ts";
import type { StoredResult } from "../../store/official-results.ts";
import type { Locale } from "../../i18n.ts";

/** The headline indices the table shows, and their parts: what the site reads from the registry. */
export const SHOWN_INDICES: string[] = ["PAR_INDEX", "SIPAS"].flatMap((code) => [code, ...partsOf({ code }, OFFICIAL_INDICES).map((p) => p.code)]);

function indexOf(code: string): OfficialIndexDef {
  return OFFICIAL_INDICES.find((i) => i.code === code) ?? { code, nameVi: code, nameEn: code, graded: false, parentCode: null, position: null };
}

function comparable(r: StoredResult, all: readonly StoredResult[]): boolean {
  return methodStart(indexOf(r.indexCode), all.filter((x) => x.indexCode === r.indexCode), r.year) < r.year;
}

/** "tăng 8 bậc" / "up 8 places", or null when nothing is known of the rank a year before. */
export function rankChangeText(r: StoredResult, all: readonly StoredResult[], l: Locale, t: Translate): { text: string; trend: string } | null {
  const before = all.find((x) => x.indexCode === r.indexCode && x.year === r.year - 1) ?? null;
  const rank = yearOnYear(r, before, comparable(r, all))?.rank;
  return rank ? { text: rankPhrase(rank, l, t), trend: rank.trend } : null;
}

/** One line per index and year that has something on its sub-indices: "2021 · SIPAS: Trong 5 chỉ số …". */
export function partsLines(all: readonly StoredResult[], l: Locale, t: Translate): { year: number; index: string; text: string }[] {
  const lines: { year: number; index: string; text: string }[] = [];
  const headlines = all.filter((r) => r.indexCode === "PAR_INDEX" || r.indexCode === "SIPAS").sort((a, b) => b.year - a.year || (a.indexCode < b.indexCode ? -1 : 1));
  for (const r of headlines) {
    const index = indexOf(r.indexCode);
    const facts = partsFacts(r, partsOf(index, OFFICIAL_INDICES), all, comparable(r, all));
    if (!facts) continue;
    const text = (facts.moves ? partsSentence(index, facts.moves, l, t) : null) ?? partsValuesSentence(index, facts.figures, l, t);
    if (text) lines.push({ year: r.year, index: r.indexCode.replace(/_/g, " "), text });
  }
  return lines;
}
