// `results show`: an index for a year, with the change in value and rank against the previous year
// (computed from the registry, not copied from the press).
import { formatPercent, formatPoints } from "../format.ts";
import type { StoredResult } from "../store/official-results.ts";
import type { Locale } from "../survey/types.ts";
import { indexLabel } from "./indices.ts";

export interface ShownResult {
  result: StoredResult;
  previous: StoredResult | null;
  /** Points, when both years have a value. */
  valueChange: number | null;
  /** Places gained (positive = moved up), when both years have a rank. */
  rankChange: number | null;
}

export function compareWithPreviousYear(current: StoredResult[], previous: StoredResult[]): ShownResult[] {
  const prevByUnit = new Map(previous.map((p) => [p.unitCode, p]));
  return current
    .map((result) => {
      const prev = prevByUnit.get(result.unitCode) ?? null;
      return {
        result,
        previous: prev,
        valueChange: prev && prev.value !== null && result.value !== null ? result.value - prev.value : null,
        rankChange: prev && prev.rank !== null && result.rank !== null ? prev.rank - result.rank : null,
      };
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

/** "Lạng Sơn SIPAS 2021: 87,07 %, 31/63 (so với 2020: +3,10 điểm, tăng 8 bậc)". */
export function describeResult(s: ShownResult, locale: Locale): string {
  const r = s.result;
  const name = locale === "vi" ? r.unitNameVi : r.unitNameEn;
  const figures = [r.value === null ? null : formatPercent(r.value, locale), r.rank === null ? null : `${r.rank}/${r.of}`].filter(Boolean).join(", ");
  const grade = r.grade ? (locale === "vi" ? `, nhóm ${r.grade}` : `, group ${r.grade}`) : "";
  const changes = [s.valueChange === null ? null : formatPoints(s.valueChange, locale), s.rankChange === null ? null : places(s.rankChange, locale)].filter(Boolean);
  const vs = s.previous && changes.length ? ` (${locale === "vi" ? "so với" : "vs"} ${s.previous.year}: ${changes.join(", ")})` : "";
  return `${name} ${indexLabel(r.indexCode)} ${r.year}: ${figures}${grade}${vs}`;
}
