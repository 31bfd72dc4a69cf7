// The taps that choose what to announce: an official result (index → unit → year) or an agency's index for
// the last month or quarter. Each function is one screen; the data comes from the source catalog.
import type { Button, OutboundMessage } from "../messages.ts";
import { indexLabel, type OfficialIndexDef } from "../results/indices.ts";
import type { OfficialUnitDef } from "../results/units.ts";
import type { Agency } from "../store/agencies.ts";
import { btn, type ViewContext } from "./bot-views.ts";

function rows<T>(items: T[], perRow: number, toButton: (x: T) => Button): Button[][] {
  const out: Button[][] = [];
  for (let i = 0; i < items.length; i += perRow) out.push(items.slice(i, i + perRow).map(toButton));
  return out;
}

export function sourceMenu(chatId: string, v: ViewContext): OutboundMessage {
  const { t, locale: l } = v;
  return {
    chatId,
    text: t(l, "announce.bot.choose_source"),
    buttons: [
      [{ label: t(l, "announce.bot.source_result"), data: btn({ kind: "indices" }) }],
      [{ label: t(l, "announce.bot.source_report"), data: btn({ kind: "agencies" }) }],
      [{ label: t(l, "announce.bot.open_list"), data: btn({ kind: "list" }) }],
    ],
    locale: l,
  };
}

export function indexMenu(chatId: string, indices: OfficialIndexDef[], v: ViewContext): OutboundMessage {
  const { t, locale: l } = v;
  if (indices.length === 0) return { chatId, text: t(l, "announce.bot.no_results"), locale: l };
  return {
    chatId,
    text: t(l, "announce.bot.choose_index"),
    buttons: [...rows(indices, 2, (i) => ({ label: indexLabel(i.code), data: btn({ kind: "units", index: i.code }) })), [{ label: t(l, "announce.bot.back"), data: btn({ kind: "menu" }) }]],
    locale: l,
  };
}

export function unitMenu(chatId: string, indexCode: string, units: OfficialUnitDef[], v: ViewContext): OutboundMessage {
  const { t, locale: l } = v;
  return {
    chatId,
    text: t(l, "announce.bot.choose_unit", { index: indexLabel(indexCode) }),
    buttons: [
      ...rows(units, 3, (u) => ({ label: l === "en" ? u.nameEn : u.nameVi, data: btn({ kind: "years", index: indexCode, unit: u.code }) })),
      [{ label: t(l, "announce.bot.back"), data: btn({ kind: "indices" }) }],
    ],
    locale: l,
  };
}

export function yearMenu(chatId: string, indexCode: string, unit: OfficialUnitDef, years: number[], v: ViewContext): OutboundMessage {
  const { t, locale: l } = v;
  return {
    chatId,
    text: t(l, "announce.bot.choose_year", { index: indexLabel(indexCode), unit: l === "en" ? unit.nameEn : unit.nameVi }),
    buttons: [
      ...rows(years, 4, (y) => ({ label: String(y), data: btn({ kind: "result", index: indexCode, unit: unit.code, year: y }) })),
      [{ label: t(l, "announce.bot.back"), data: btn({ kind: "units", index: indexCode }) }],
    ],
    locale: l,
  };
}

function agencyName(a: Agency, v: ViewContext): string {
  return v.locale === "en" && a.nameEn ? a.nameEn : a.nameVi;
}

export function agencyMenu(chatId: string, agencies: Agency[], v: ViewContext): OutboundMessage {
  const { t, locale: l } = v;
  if (agencies.length === 0) return { chatId, text: t(l, "announce.bot.no_agencies"), locale: l };
  return {
    chatId,
    text: t(l, "announce.bot.choose_agency"),
    buttons: [...rows(agencies, 1, (a) => ({ label: agencyName(a, v), data: btn({ kind: "agency", agency: a.id }) })), [{ label: t(l, "announce.bot.back"), data: btn({ kind: "menu" }) }]],
    locale: l,
  };
}

export function periodMenu(chatId: string, agency: Agency, children: Agency[], last: { month: string; quarter: string }, v: ViewContext): OutboundMessage {
  const { t, locale: l } = v;
  return {
    chatId,
    text: t(l, "announce.bot.choose_period", { agency: agencyName(agency, v) }),
    buttons: [
      [{ label: t(l, "announce.bot.last_month", { label: last.month }), data: btn({ kind: "report", agency: agency.id, period: "m" }) }],
      [{ label: t(l, "announce.bot.last_quarter", { label: last.quarter }), data: btn({ kind: "report", agency: agency.id, period: "q" }) }],
      ...rows(children, 1, (c) => ({ label: `${t(l, "announce.bot.sub_agencies")} ${agencyName(c, v)}`, data: btn({ kind: "agency", agency: c.id }) })),
      [{ label: t(l, "announce.bot.back"), data: btn({ kind: "agencies" }) }],
    ],
    locale: l,
  };
}
