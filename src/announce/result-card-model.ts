// The same facts as the post, worded for its picture (charts/result-card.ts lays them out): the province's or
// ministry's name as on its emblem, a block per index, the sub-indices of a one-index post (bars where a value
// is held, their change), the series from two years on, and where the figures were published. Pure.
import type { CardLine, CardPartRow, ResultCard } from "../charts/result-card.ts";
import { formatNumber, formatPercent, formatRank } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Change } from "../results/changes.ts";
import { indexLabel } from "../results/indices.ts";
import type { PartsFacts } from "../results/subindices.ts";
import type { OfficialUnitDef } from "../results/units.ts";
import type { Locale } from "../i18n.ts";
import type { IndexFacts, ResultFacts } from "./result-facts.ts";
import { partLabel, partsKey, rankPhrase, valuePhrase } from "./result-phrases.ts";

const CITIES = new Set(["01", "31", "48", "79", "92"]);

/** "TỈNH LẠNG SƠN", "THÀNH PHỐ HÀ NỘI" / "LANG SON PROVINCE": the name as the province's seal and letterhead write it. */
export function emblemText(u: OfficialUnitDef, l: Locale, t: Translate): string {
  const up = (s: string) => s.toLocaleUpperCase(l === "vi" ? "vi" : "en");
  if (u.kind !== "province") return up(l === "vi" ? u.nameVi : u.nameEn);
  if (CITIES.has(u.code)) return up(l === "vi" ? t(l, "chart.emblem_city", { name: u.nameVi.replace(/^thành phố\s+/i, "") }) : u.nameEn);
  return up(t(l, "chart.emblem_province", { name: l === "vi" ? u.nameVi : u.nameEn }));
}

function tone(c: Change): CardLine["tone"] {
  return c.trend === "up" ? "up" : c.trend === "down" ? "down" : "muted";
}

function movesLine(f: IndexFacts, l: Locale, t: Translate): CardLine | null {
  const m = f.parts?.moves;
  if (!m) return null;
  const moves = (["up", "down", "same"] as const).flatMap((tr) => {
    const count = m.counts[tr];
    return count ? [t(l, `chart.move_${tr}`, { count, total: m.total })] : [];
  });
  if (moves.length === 0) return null;
  const basis = m.basis === "score_and_rank" ? t(l, "chart.basis_score_and_rank") : "";
  return { text: t(l, "chart.parts_counts", { label: t(l, partsKey(f.index, "label")), moves: moves.join(", "), basis }), tone: "text" };
}

function blockLines(f: IndexFacts, l: Locale, t: Translate, withMoves: boolean): CardLine[] {
  const lines: CardLine[] = [];
  const y = f.change;
  if (y?.rank) lines.push({ text: y.rank.trend === "same" ? t(l, "chart.rank_same", { year: y.year }) : t(l, "announce.result.change_one", { change: rankPhrase(y.rank, l, t), year: y.year }), tone: tone(y.rank) });
  if (y?.value) lines.push({ text: t(l, "announce.result.change_one", { change: valuePhrase(y.value, l, t, false), year: y.year }), tone: tone(y.value) });
  const r = f.record;
  if (r) lines.push({ text: r.kind === "start" ? t(l, "chart.record_start") : r.kind === "since" ? t(l, "chart.record_since", { year: r.year }) : t(l, "chart.record_all_since", { from: r.from }), tone: "text" });
  const moves = withMoves ? movesLine(f, l, t) : null;
  if (moves) lines.push(moves);
  if (f.sample) {
    const vars = { size: formatNumber(f.sample.size, l, 0), frame: f.sample.frame === null ? "" : formatNumber(f.sample.frame, l, 0) };
    lines.push({ text: t(l, f.sample.frame === null ? "chart.sample" : "chart.sample_frame", vars), tone: "muted", optional: 2 });
  }
  if (f.average) lines.push({ text: t(l, "chart.average", { name: f.average.name[l], value: formatPercent(f.average.value, l) }), tone: "muted", optional: 1 });
  if (f.newMethod) lines.push({ text: t(l, "chart.new_method", { year: f.year }), tone: "muted" });
  return lines;
}

function changeText(c: Change, l: Locale, t: Translate): string {
  if (c.amount === null || c.trend === "same") return t(l, `chart.part_${c.trend}`);
  const sign = c.amount > 0 ? "+" : "−";
  const decimals = c.basis === "stated" ? Math.min(2, (String(Math.abs(c.amount)).split(".")[1] ?? "").length) : 2;
  return `${sign}${formatNumber(Math.abs(c.amount), l, decimals)}`;
}

function partRows(p: PartsFacts, l: Locale, t: Translate): CardPartRow[] {
  return p.figures
    .filter((f) => f.value !== null || f.change?.value)
    .map((f) => ({
      label: partLabel(f.index, l),
      value: f.value,
      valueText: f.value === null ? null : formatPercent(f.value, l),
      change: f.change?.value ? { text: changeText(f.change.value, l, t), tone: tone(f.change.value) } : null,
    }));
}

export function resultCardOf(facts: ResultFacts, l: Locale, t: Translate): ResultCard {
  const single = facts.indices.length === 1 ? facts.indices[0]! : null;
  const rows = single?.parts ? partRows(single.parts, l, t) : [];
  const blocks = facts.indices.map((f) => ({
    // One index is named by the title; its group still needs saying.
    label: [single ? "" : indexLabel(f.index.code), f.grade ? t(l, "chart.group", { grade: f.grade }) : ""].filter(Boolean).join(" · ").replace(/^./u, (c) => c.toLocaleUpperCase(l)),
    value: f.value === null ? null : formatPercent(f.value, l),
    rankLabel: t(l, "chart.rank_label"),
    rank: f.rank !== null && f.of !== null ? formatRank(f.rank, f.of) : null,
    // Bars for every part say what the count says, and better; a count the source gave for parts it did not
    // name (or not all) still needs saying.
    lines: blockLines(f, l, t, !(f.parts && rows.length === partsTotal(f) && rows.every((r) => r.value !== null))),
  }));
  const hosts = [...new Set(facts.indices.map((f) => hostOf(f.sourceUrl)))];
  return {
    header: emblemText(facts.unit, l, t),
    // A headline index by its short name ("SIPAS"), which leaves room on a phone; a part by its full name.
    title: single
      ? t(l, "chart.card_subtitle", { index: single.index.parentCode ? (l === "vi" ? single.index.nameVi : single.index.nameEn) : indexLabel(single.index.code), year: facts.year })
      : t(l, "chart.card_results", { year: facts.year }),
    blocks,
    parts: single && rows.length > 0 ? { title: t(l, partsKey(single.index, "label")), rows } : null,
    trend: single && single.history.length >= 2 ? { title: t(l, "chart.history"), points: single.history.map((h) => ({ label: String(h.year), value: h.value, valueText: formatNumber(h.value, l) })) } : null,
    source: t(l, "chart.source", { hosts: hosts.join(" · ") }),
  };
}

function partsTotal(f: IndexFacts): number {
  return f.parts?.moves?.total ?? f.parts?.figures.length ?? 0;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}
