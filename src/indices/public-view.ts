// What may leave the building: figures below the minimum n are withheld (value, interval and trend
// removed), so public pages and digests cannot show them by mistake. The internal API keeps them, flagged.
import type { Estimate, GroupFigures, IndicesReport, ItemFigure } from "./types.ts";

function withhold<T extends Estimate>(e: T): T {
  if (e.sufficient) return { ...e, trend: e.trend && !e.trend.sufficient ? null : e.trend };
  return { ...e, value: null, low: null, high: null, trend: null };
}

function withholdItem(i: ItemFigure): ItemFigure {
  const out = withhold(i);
  return i.sufficient ? out : { ...out, mean: null, counts: [0, 0, 0, 0, 0] };
}

export function publicView(report: IndicesReport): IndicesReport {
  const groups: GroupFigures[] = report.groups.map((g) => {
    const items = g.items.map(withholdItem);
    return {
      ...g,
      overall: withhold(g.overall),
      elements: g.elements.map(withhold),
      items,
      overallItem: items.find((i) => i.itemId === g.overallItem?.itemId) ?? null,
    };
  });
  return { ...report, groups };
}
