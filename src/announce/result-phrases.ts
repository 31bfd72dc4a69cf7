// The clauses of a post about an official result, one per kind of fact: the change on the year before, a
// record, the parts that rose and fell. A change the source printed keeps the source's figure and says no
// unit ("up 3.31": sipas.md notes the province's "3.31 %" may be points or a relative change); one computed
// from two years is in points. Pure.
import { formatNumber, formatPercent } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Change, YearOnYear } from "../results/changes.ts";
import { partName, type OfficialIndexDef } from "../results/indices.ts";
import type { Trend } from "../results/row.ts";
import type { SeriesRecord } from "../results/series.ts";
import type { PartsSummary } from "../results/subindices.ts";
import type { Locale } from "../i18n.ts";

/** "A", "A và B", "A, B và C" / "A and B". */
export function joinList(items: string[], l: Locale, t: Translate): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${t(l, "announce.result.and")} ${items.at(-1)}`;
}

/** A stated figure with the decimals it was printed with (3.1 → "3,1", 3.31 → "3,31"). */
function statedNumber(x: number, l: Locale): string {
  const decimals = Math.min(2, (String(Math.abs(x)).split(".")[1] ?? "").length);
  return formatNumber(Math.abs(x), l, decimals);
}

/** "tăng 3,31", "tăng 2,57 điểm phần trăm (từ 84,50 %)"; `withPrevious` false leaves the year before's value out. */
export function valuePhrase(c: Change, l: Locale, t: Translate, withPrevious = true): string {
  if (c.trend === "same") return t(l, "announce.result.value_same_short");
  if (c.amount === null) return t(l, `announce.result.value_trend_${c.trend}`);
  if (c.basis === "stated") return t(l, `announce.result.value_stated_${c.trend}`, { amount: statedNumber(c.amount, l) });
  const from = withPrevious && c.previous !== null;
  const vars = { amount: formatNumber(Math.abs(c.amount), l), previous: c.previous === null ? "" : formatPercent(c.previous, l) };
  return t(l, `announce.result.value_points_${c.trend}${from ? "_from" : ""}`, vars);
}

/** "tăng 8 bậc", "giữ nguyên thứ hạng". */
export function rankPhrase(c: Change, l: Locale, t: Translate): string {
  if (c.trend === "same") return t(l, "announce.result.places_same");
  if (c.amount === null) return t(l, `announce.result.places_trend_${c.trend}`);
  const count = Math.abs(c.amount);
  return t(l, `announce.result.places_${c.trend}_${count === 1 ? "one" : "other"}`, { count });
}

/** "tăng 3,31 và tăng 13 bậc so với năm 2020" / "up 3.31 and up 13 places from 2020". */
export function changeClause(y: YearOnYear, l: Locale, t: Translate): string {
  if (y.value && y.rank) {
    const key = y.rank.trend === "same" ? "announce.result.change_both_rank_same" : "announce.result.change_both";
    return t(l, key, { value: valuePhrase(y.value, l, t), rank: rankPhrase(y.rank, l, t), year: y.year });
  }
  if (y.rank) return y.rank.trend === "same" ? t(l, "announce.result.rank_same", { year: y.year }) : t(l, "announce.result.change_one", { change: rankPhrase(y.rank, l, t), year: y.year });
  return t(l, "announce.result.change_one", { change: valuePhrase(y.value as Change, l, t), year: y.year });
}

export function recordClause(r: SeriesRecord, l: Locale, t: Translate): string {
  if (r.kind === "start") return t(l, "announce.result.record_start");
  if (r.kind === "since") return t(l, "announce.result.record_since", { year: r.year });
  return t(l, "announce.result.record_all_since", { from: r.from });
}

/** The catalog key of how an index's parts are called: "chỉ số thành phần" for SIPAS, "lĩnh vực" for PAR INDEX. */
export function partsKey(parent: Pick<OfficialIndexDef, "code">, what: "noun" | "item" | "label"): string {
  return `announce.result.parts_${what}_${parent.code === "PAR_INDEX" || parent.code === "SIPAS" ? parent.code : "other"}`;
}

export function partLabel(part: OfficialIndexDef, l: Locale): string {
  return partName(l === "vi" ? part.nameVi : part.nameEn);
}

const ORDER: Trend[] = ["up", "down", "same"];

/**
 * "Trong 5 chỉ số thành phần, 3 chỉ số giảm cả điểm số và thứ hạng và 1 chỉ số tăng cả điểm số và thứ hạng." —
 * counted (stated, or every part known), naming the parts known to have moved; or, when only some parts are
 * known and nothing was counted, the names alone.
 */
export function partsSentence(parent: OfficialIndexDef, s: PartsSummary, l: Locale, t: Translate): string | null {
  const names = (list: OfficialIndexDef[]) => joinList(list.map((p) => partLabel(p, l)), l, t);
  const counted = ORDER.filter((tr) => (s.counts[tr] ?? 0) > 0).sort((a, b) => (s.counts[b] as number) - (s.counts[a] as number));
  if (counted.length > 0) {
    const moves = counted.map((tr) => {
      const count = s.counts[tr] as number;
      const basis = tr === "same" ? "score" : s.basis;
      const move = t(l, `announce.result.move_${tr}_${basis}`, { count, item: t(l, partsKey(parent, "item")) });
      const known = s.named[tr];
      if (known.length === 0) return move;
      return known.length === count ? `${move} (${names(known)})` : `${move}${t(l, "announce.result.names_some", { names: names(known) })}`;
    });
    // Each move may hold "và"/"and" itself ("giảm cả điểm số và thứ hạng"): the moves are listed with commas.
    return t(l, "announce.result.parts_counted", { total: s.total, noun: t(l, partsKey(parent, "noun")), moves: moves.join(", ") });
  }
  const lines = ORDER.filter((tr) => s.named[tr].length > 0).map((tr) =>
    t(l, `announce.result.parts_named_${tr}`, { label: t(l, partsKey(parent, "label")), names: s.named[tr].map((p) => partLabel(p, l)).join(", ") }),
  );
  return lines.length ? lines.join(" ") : null;
}

/** "Chỉ số thành phần: Tiếp cận dịch vụ 83,00 %; …" for parts with a value and no known movement. */
export function partsValuesSentence(parent: OfficialIndexDef, figures: { index: OfficialIndexDef; value: number | null }[], l: Locale, t: Translate): string | null {
  const valued = figures.filter((f) => f.value !== null);
  if (valued.length === 0) return null;
  const list = valued.map((f) => `${partLabel(f.index, l)} ${formatPercent(f.value as number, l)}`).join("; ");
  return t(l, "announce.result.parts_values", { label: t(l, partsKey(parent, "label")), list });
}
