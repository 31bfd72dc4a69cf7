// The post about one official result, in each language, from the registry's figures only: value, rank, PAR
// INDEX group, and the change against the year before when that year is in the registry and comparable.
// Pure: the facts come in, text and the chart card's data go out.
import { formatNumber, formatPercent, roundTo } from "../format.ts";
import type { ResultCard } from "../charts/result-card.ts";
import type { Translate } from "../i18n.ts";
import type { OfficialIndexDef } from "../results/indices.ts";
import type { OfficialUnitDef } from "../results/units.ts";
import type { StoredResult } from "../store/official-results.ts";
import type { Locale } from "../survey/types.ts";

export interface ResultFacts {
  index: OfficialIndexDef;
  unit: OfficialUnitDef;
  year: number;
  value: number | null;
  rank: number | null;
  of: number | null;
  grade: string | null;
  sourceUrl: string;
  /** The year before, when the registry has it and it was measured with the same method. */
  previous: { year: number; value: number | null; rank: number | null } | null;
  /** The method changed this year (the registry's note says so): no comparison with earlier years. */
  newMethod: boolean;
  /** The years of this index and unit with a value, measured with the current method, for the card's line. */
  history: { year: number; value: number }[];
}

// The registry marks the year a method changed in the row's note ("new method from 2022: not comparable").
const NEW_METHOD = /new method|not comparable|phương pháp mới|không so sánh/i;

// The centrally-run cities among the 63 units (GSO codes): "thành phố Hà Nội", not "tỉnh Hà Nội".
const CITIES = new Set(["01", "31", "48", "79", "92"]);

/** Gathers the facts of `current` from the rows of its index and unit (any years). */
export function resultFacts(current: StoredResult, rows: StoredResult[], index: OfficialIndexDef, unit: OfficialUnitDef): ResultFacts {
  // Years measured with another method are neither compared with nor drawn next to this one.
  const since = Math.max(0, ...rows.filter((r) => r.year <= current.year && NEW_METHOD.test(r.note ?? "")).map((r) => r.year));
  const comparable = rows.filter((r) => r.year >= since && r.year <= current.year);
  const before = comparable.find((r) => r.year === current.year - 1);
  return {
    index,
    unit,
    year: current.year,
    value: current.value,
    rank: current.rank,
    of: current.of,
    grade: current.grade,
    sourceUrl: current.sourceUrl,
    previous: before ? { year: before.year, value: before.value, rank: before.rank } : null,
    newMethod: since === current.year,
    history: comparable
      .filter((r) => r.value !== null)
      .map((r) => ({ year: r.year, value: r.value as number }))
      .sort((a, b) => a.year - b.year),
  };
}

/** Places gained (positive = up) since the previous year, when both ranks are known. */
export function rankChange(f: ResultFacts): number | null {
  return f.previous?.rank != null && f.rank !== null ? f.previous.rank - f.rank : null;
}

/** Points gained since the previous year, rounded as shown (so "+0,00" never reads as a rise). */
export function valueChange(f: ResultFacts): number | null {
  return f.previous?.value != null && f.value !== null ? roundTo(f.value - f.previous.value, 2) : null;
}

/** "1st", "2nd", "3rd", "11th", "23rd". */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);
}

function indexPhrase(f: ResultFacts, l: Locale, t: Translate): string {
  const name = l === "vi" ? f.index.nameVi : f.index.nameEn;
  if (f.index.code === "SIPAS") return t(l, "announce.result.index_SIPAS");
  // "SIPAS – Tiếp cận dịch vụ": a component of SIPAS, named by its part after the dash.
  const component = /^SIPAS\s*[–-]\s*(.+)$/.exec(name);
  if (f.index.code.startsWith("SIPAS_") && component) return t(l, "announce.result.index_component", { name: component[1] });
  return t(l, "announce.result.index_other", { name });
}

function subject(f: ResultFacts, l: Locale, t: Translate): string {
  const index = indexPhrase(f, l, t);
  const u = f.unit;
  if (u.kind === "aggregate") return t(l, "announce.result.subject_aggregate", { index, unit: lowerFirst(l === "vi" ? u.nameVi : u.nameEn) });
  if (u.kind === "ministry") return t(l, "announce.result.subject_ministry", { index, unit: l === "vi" ? u.nameVi : u.nameEn });
  if (CITIES.has(u.code)) {
    const unit = l === "vi" ? u.nameVi.replace(/^thành phố\s+/i, "") : u.nameEn;
    return t(l, "announce.result.subject_city", { index, unit });
  }
  return t(l, "announce.result.subject_province", { index, unit: l === "vi" ? u.nameVi : u.nameEn });
}

function rankClause(change: number, year: number, l: Locale, t: Translate): string {
  const count = Math.abs(change);
  const plural = count === 1 ? "one" : "other";
  if (change > 0) return t(l, `announce.result.rank_up_${plural}`, { count, year });
  if (change < 0) return t(l, `announce.result.rank_down_${plural}`, { count, year });
  return t(l, "announce.result.rank_same", { year });
}

function valueClause(change: number, year: number, l: Locale, t: Translate, sentence?: { previous: number }): string {
  const points = formatNumber(Math.abs(change), l);
  const dir = change > 0 ? "up" : change < 0 ? "down" : "same";
  if (sentence) return t(l, `announce.result.value_sentence_${dir}`, { points, year, previous: formatPercent(sentence.previous, l) });
  return t(l, `announce.result.value_${dir}`, { points, year });
}

/** The post in one language: one sentence of figures, the comparison, and the source. */
export function resultText(f: ResultFacts, l: Locale, t: Translate): string {
  const figures: string[] = [];
  if (f.value !== null) figures.push(t(l, "announce.result.value", { value: formatPercent(f.value, l) }));
  if (f.rank !== null && f.of !== null) {
    const vars = { rank: f.rank, of: f.of, ordinal: ordinal(f.rank) };
    figures.push(t(l, f.value !== null ? "announce.result.rank" : "announce.result.rank_only", vars));
  }
  if (f.grade) figures.push(t(l, "announce.result.grade", { grade: f.grade }));
  if (figures.length === 0) figures.push(t(l, "announce.result.no_figures"));

  const rank = rankChange(f);
  const value = valueChange(f);
  const prevYear = f.previous?.year ?? f.year - 1;
  // The rank's change leads (it is what the press reports); the value's change joins the sentence when it is
  // the only one, and gets a sentence of its own when both are known.
  if (rank !== null) figures.push(rankClause(rank, prevYear, l, t));
  else if (value !== null) figures.push(valueClause(value, prevYear, l, t));
  const sentences = [t(l, "announce.result.sentence", { year: f.year, subject: subject(f, l, t), figures: figures.join(", ") })];
  if (rank !== null && value !== null && f.previous?.value != null) sentences.push(valueClause(value, prevYear, l, t, { previous: f.previous.value }));
  if (f.newMethod) sentences.push(t(l, "announce.result.not_comparable", { year: f.year }));
  return `${sentences.join(" ")}\n\n${t(l, "announce.result.source", { url: f.sourceUrl })}`;
}

/** The chart card of the same facts. */
export function resultCardOf(f: ResultFacts, l: Locale): ResultCard {
  return {
    unitName: l === "vi" ? f.unit.nameVi : f.unit.nameEn,
    indexName: l === "vi" ? f.index.nameVi : f.index.nameEn,
    year: f.year,
    value: f.value,
    rank: f.rank,
    of: f.of,
    change: rankChange(f),
    valueChange: valueChange(f),
    previousYear: f.previous?.year ?? f.year - 1,
    history: f.history,
  };
}
