// The report as CSV: one row per figure (overall, element, item) per group; decimal point, 2 decimals.
import { roundTo } from "../format.ts";
import { trendDirection } from "./json.ts";
import type { Estimate, IndicesReport } from "./types.ts";

export const CSV_HEADER = [
  "period",
  "group",
  "name_vi",
  "rank",
  "rank_of",
  "figure",
  "element",
  "item",
  "n",
  "value",
  "low",
  "high",
  "mean",
  "sufficient",
  "previous",
  "change",
  "change_low",
  "change_high",
  "significant",
  "direction",
  "invited",
  "delivered",
  "started",
  "completed",
  "response_rate",
];

function cell(x: string | number | boolean | null): string {
  if (x === null) return "";
  const s = String(x);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const r2 = (x: number | null) => (x === null ? null : roundTo(x, 2));

export function reportToCsv(r: IndicesReport): string {
  const lines = [CSV_HEADER.join(",")];
  for (const g of r.groups) {
    const row = (figure: string, element: string | null, item: string | null, e: Estimate, mean: number | null) => {
      const t = e.trend;
      lines.push(
        [
          r.period.label,
          g.key,
          g.name?.vi ?? null,
          g.rank,
          g.rankOf,
          figure,
          element,
          item,
          e.n,
          r2(e.value),
          r2(e.low),
          r2(e.high),
          r2(mean),
          e.sufficient,
          r2(t?.previous ?? null),
          r2(t?.change ?? null),
          r2(t?.low ?? null),
          r2(t?.high ?? null),
          t?.significant ?? false,
          trendDirection(t),
          g.rates?.invited ?? null,
          g.rates?.delivered ?? null,
          g.rates?.started ?? null,
          g.rates?.completed ?? null,
          r2(g.rates?.rate ?? null),
        ]
          .map(cell)
          .join(","),
      );
    };
    row("overall", null, null, g.overall, null);
    for (const e of g.elements) row("element", e.element, null, e, null);
    for (const i of g.items) row("item", i.element, i.itemId, i, i.mean);
  }
  return lines.join("\n") + "\n";
}
