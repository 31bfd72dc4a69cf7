// `results show`: an index for a year, with the change in value and rank against the previous year: computed
// from the registry's rows, or as the source states it (marked so), never across a change of method.
import { formatNumber, formatPercent, formatPoints } from "../format.ts";
import type { StoredResult } from "../store/official-results.ts";
import type { Locale } from "../i18n.ts";
import { yearOnYear, type Change, type YearOnYear } from "./changes.ts";
import { indexLabel, type OfficialIndexDef } from "./indices.ts";
import { methodStart } from "./series.ts";

export interface ShownResult {
  result: StoredResult;
  /** The registry's row of the year before, when held and measured the same way. */
  previous: StoredResult | null;
  change: YearOnYear | null;
}

export function compareWithPreviousYear(current: StoredResult[], previous: StoredResult[], index: Pick<OfficialIndexDef, "code" | "parentCode">): ShownResult[] {
  const prevByUnit = new Map(previous.map((p) => [p.unitCode, p]));
  return current
    .map((result) => {
      const prev = prevByUnit.get(result.unitCode) ?? null;
      const comparable = methodStart(index, [result, ...(prev ? [prev] : [])], result.year) < result.year;
      return { result, previous: comparable ? prev : null, change: yearOnYear(result, prev, comparable) };
    })
    .sort(
      (a, b) =>
        (a.result.rank ?? Number.MAX_SAFE_INTEGER) - (b.result.rank ?? Number.MAX_SAFE_INTEGER) ||
        (b.result.value ?? -1) - (a.result.value ?? -1) ||
        (a.result.unitCode < b.result.unitCode ? -1 : 1),
    );
}

function places(n: number, locale: Locale): string {
  if (locale === "vi") return n > 0 ? `tăng ${n} bậc` : n < 0 ? `giảm ${-n} bậc` : "giữ nguyên thứ hạng";
  const word = Math.abs(n) === 1 ? "place" : "places";
  return n > 0 ? `up ${n} ${word}` : n < 0 ? `down ${-n} ${word}` : "same rank";
}

const WORDS = { vi: { up: "tăng", down: "giảm", same: "không đổi", stated: "theo nguồn" }, en: { up: "up", down: "down", same: "unchanged", stated: "as stated" } };

function valueText(c: Change, l: Locale): string {
  if (c.amount === null) return WORDS[l][c.trend];
  if (c.basis === "derived") return formatPoints(c.amount, l);
  // As printed, without a unit the source may not have meant.
  const decimals = Math.min(2, (String(Math.abs(c.amount)).split(".")[1] ?? "").length);
  return `${WORDS[l][c.trend]} ${formatNumber(Math.abs(c.amount), l, decimals)}`;
}

function rankText(c: Change, l: Locale): string {
  return c.amount === null ? `${WORDS[l][c.trend]} ${l === "vi" ? "hạng" : "in rank"}` : places(c.amount, l);
}

/** "Lạng Sơn SIPAS 2021: 87,07 %, 31/63 (so với 2020: +3,10 điểm, tăng 8 bậc)"; a stated change says so. */
export function describeResult(s: ShownResult, locale: Locale): string {
  const r = s.result;
  const name = locale === "vi" ? r.unitNameVi : r.unitNameEn;
  const figures = [r.value === null ? null : formatPercent(r.value, locale), r.rank === null ? null : `${r.rank}/${r.of}`].filter(Boolean).join(", ");
  const grade = r.grade ? (locale === "vi" ? `, nhóm ${r.grade}` : `, group ${r.grade}`) : "";
  const mark = (c: Change, text: string) => (c.basis === "stated" ? `${text} (${WORDS[locale].stated})` : text);
  const c = s.change;
  const changes = [c?.value ? mark(c.value, valueText(c.value, locale)) : null, c?.rank ? mark(c.rank, rankText(c.rank, locale)) : null].filter(Boolean);
  const vs = c && changes.length ? ` (${locale === "vi" ? "so với" : "vs"} ${c.year}: ${changes.join(", ")})` : "";
  return `${name} ${indexLabel(r.indexCode)} ${r.year}: ${figures || "–"}${grade}${vs}`;
}

/** What else the source states, one line each: the sample, the parts counted, a record. */
export function resultDetails(r: StoredResult, locale: Locale): string[] {
  const vi = locale === "vi";
  const n = (x: number) => formatNumber(x, locale, 0);
  const out: string[] = [];
  if (r.sampleSize !== null) {
    const frame = r.sampleFrame === null ? "" : vi ? ` / ${n(r.sampleFrame)} người` : ` of ${n(r.sampleFrame)} people`;
    out.push(vi ? `Mẫu khảo sát: ${n(r.sampleSize)} phiếu${frame}` : `Sample: ${n(r.sampleSize)} questionnaires${frame}`);
  }
  if (r.subUp !== null || r.subDown !== null) {
    const both = r.subBasis === "score_and_rank" ? (vi ? " (cả điểm và hạng)" : " (score and rank)") : "";
    const counts = [r.subUp === null ? null : `${r.subUp} ${WORDS[locale].up}`, r.subDown === null ? null : `${r.subDown} ${WORDS[locale].down}`].filter(Boolean).join(", ");
    out.push(`${vi ? "Chỉ số thành phần" : "Sub-indices"}: ${counts}${both}`);
  }
  if (r.highestSince !== null) {
    const since = r.highestSince === "start" ? (vi ? "từ khi có chỉ số" : "the index began") : String(r.highestSince);
    out.push(vi ? `Cao nhất kể từ ${since} (theo nguồn)` : `Highest since ${since} (as stated)`);
  }
  return out;
}
