// The report as JSON (CLI --format json and the HTTP API): percentages rounded to 2 decimals here, at output.
import { roundTo } from "../format.ts";
import type { Period } from "./period.ts";
import type { Estimate, GroupFigures, IndicesReport, ItemFigure, Trend } from "./types.ts";

export type TrendDirection = "up" | "down" | "same" | null;

/** ▲/▼ only for a significant change with enough data on both sides; "same" when the change is noise. */
export function trendDirection(t: Trend | null): TrendDirection {
  if (!t || t.change === null) return null;
  if (!t.significant) return "same";
  return t.change > 0 ? "up" : "down";
}

const r2 = (x: number | null) => (x === null ? null : roundTo(x, 2));

function periodJson(p: Period) {
  return { label: p.label, kind: p.kind, from: p.firstDay, to: p.lastDay, timeZone: p.timeZone };
}

function trendJson(t: Trend | null) {
  if (!t) return null;
  return {
    previous: r2(t.previous),
    previousN: t.previousN,
    change: r2(t.change),
    low: r2(t.low),
    high: r2(t.high),
    ...(t.z !== null ? { z: roundTo(t.z, 3), pValue: t.pValue === null ? null : roundTo(t.pValue, 4) } : {}),
    significant: t.significant,
    sufficient: t.sufficient,
    direction: trendDirection(t),
  };
}

function estimateJson(e: Estimate) {
  return { value: r2(e.value), low: r2(e.low), high: r2(e.high), n: e.n, sufficient: e.sufficient, trend: trendJson(e.trend) };
}

function itemJson(i: ItemFigure) {
  return { itemId: i.itemId, element: i.element, ...estimateJson(i), mean: r2(i.mean), counts: i.counts };
}

function groupJson(g: GroupFigures) {
  return {
    key: g.key,
    name: g.name,
    parent: g.parentKey,
    depth: g.depth,
    n: g.responses,
    previousN: g.previousResponses,
    responseRate: g.rates ? { ...g.rates, rate: r2(g.rates.rate) } : null,
    rank: g.rank,
    rankOf: g.rankOf,
    overall: estimateJson(g.overall),
    elements: g.elements.map((e) => ({ element: e.element, items: e.items, ...estimateJson(e) })),
    items: g.items.map(itemJson),
    overallItem: g.overallItem ? itemJson(g.overallItem) : null,
  };
}

export function reportToJson(r: IndicesReport) {
  return {
    period: periodJson(r.period),
    previous: periodJson(r.previous),
    by: r.by,
    filters: r.filters,
    method: { minN: r.minN, confidence: 95, resamples: r.resamples, seed: r.seed },
    groups: r.groups.map(groupJson),
    // How many flagged responses the figures leave out (docs/indices-method.md, "Integrity flags").
    integrity: {
      exclude: r.integrity?.exclude ?? "none",
      excluded: r.integrity?.excludedTotal ?? 0,
      excludedByGroup: Object.fromEntries(r.groups.map((g) => [g.key, r.integrity?.excluded.get(g.key) ?? 0])),
    },
  };
}

export type ReportJson = ReturnType<typeof reportToJson>;
