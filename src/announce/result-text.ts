// The post about official results, in each language, from the registry's facts only (result-facts.ts): per
// index its figures and the change on the year before, a record when the series shows one, the parts that
// rose and fell, the sample and the national average; for several indices of one unit and year, one
// paragraph each; then the sources. Both languages state the same facts. Pure: facts in, text out.
import { formatInteger, formatPercent } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Locale } from "../i18n.ts";
import { MAX_TEXT_CHARS } from "./lifecycle.ts";
import type { IndexFacts, ResultFacts } from "./result-facts.ts";
import { changeClause, partsSentence, partsValuesSentence, recordClause } from "./result-phrases.ts";
import { partName } from "../results/indices.ts";

// The centrally-run cities among the 63 units (GSO codes): "thành phố Hà Nội", not "tỉnh Hà Nội".
const CITIES = new Set(["01", "31", "48", "79", "92"]);

/** "1st", "2nd", "3rd", "11th", "23rd". */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);
}

function indexPhrase(f: IndexFacts, l: Locale, t: Translate): string {
  const name = l === "vi" ? f.index.nameVi : f.index.nameEn;
  if (f.index.code === "SIPAS") return t(l, "announce.result.index_SIPAS");
  if (f.index.parentCode === "SIPAS") return t(l, "announce.result.index_component", { name: partName(name) });
  return t(l, "announce.result.index_other", { name });
}

function subject(f: IndexFacts, l: Locale, t: Translate): string {
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

function figuresClause(f: IndexFacts, l: Locale, t: Translate): string {
  const figures: string[] = [];
  if (f.value !== null) figures.push(t(l, "announce.result.value", { value: formatPercent(f.value, l) }));
  if (f.rank !== null && f.of !== null) {
    const vars = { rank: f.rank, of: f.of, ordinal: ordinal(f.rank) };
    figures.push(t(l, f.value !== null ? "announce.result.rank" : "announce.result.rank_only", vars));
  }
  if (f.grade) figures.push(t(l, "announce.result.grade", { grade: f.grade }));
  // Without a value or a rank the change is the whole predicate: "was down 0.49 from 2020".
  if (f.change) figures.push(figures.length ? changeClause(f.change, l, t) : t(l, "announce.result.change_only", { change: changeClause(f.change, l, t) }));
  else if (figures.length === 0) figures.push(t(l, "announce.result.no_figures"));
  if (f.record) figures.push(recordClause(f.record, l, t));
  return figures.join(", ");
}

/** What the post says about one index, without the source. `withAverage` false leaves the average out. */
export function indexParagraph(f: IndexFacts, l: Locale, t: Translate, withAverage = true): string {
  const sentences = [t(l, "announce.result.sentence", { year: f.year, subject: subject(f, l, t), figures: figuresClause(f, l, t) })];
  const parts = f.parts;
  const moved = parts?.moves ? partsSentence(f.index, parts.moves, l, t) : null;
  if (moved) sentences.push(moved);
  else if (parts) {
    const values = partsValuesSentence(f.index, parts.figures, l, t);
    if (values) sentences.push(values);
  }
  if (f.sample) {
    const vars = { size: formatInteger(f.sample.size, l), frame: f.sample.frame === null ? "" : formatInteger(f.sample.frame, l) };
    sentences.push(t(l, f.sample.frame === null ? "announce.result.sample" : "announce.result.sample_frame", vars));
  }
  if (withAverage && f.average) sentences.push(t(l, "announce.result.average", { name: f.average.name[l], value: formatPercent(f.average.value, l) }));
  if (f.newMethod) sentences.push(t(l, "announce.result.not_comparable", { year: f.year }));
  return sentences.join(" ");
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

function hosts(urls: string[]): string {
  return [...new Set(urls.map(hostOf))].join(", ");
}

/** How much room the sources and averages take: the richest form that fits is chosen (see resultText). */
interface Form {
  averages: boolean;
  /** Sources of the averages (and of the unit's own figures) named by their site rather than the full address. */
  averageHosts: boolean;
  unitHosts: boolean;
}

const FORMS: Form[] = [
  { averages: true, averageHosts: false, unitHosts: false },
  { averages: true, averageHosts: true, unitHosts: false },
  { averages: true, averageHosts: true, unitHosts: true },
  { averages: false, averageHosts: false, unitHosts: false },
  { averages: false, averageHosts: false, unitHosts: true },
];

function sourceLines(facts: ResultFacts, l: Locale, t: Translate, form: Form): string {
  const own = [...new Set(facts.indices.map((f) => f.sourceUrl))];
  const lines = [t(l, "announce.result.source", { url: (form.unitHosts ? hosts(own) : own.join("\n")) })];
  const averages = form.averages ? [...new Set(facts.indices.flatMap((f) => (f.average ? [f.average.sourceUrl] : [])))].filter((u) => !own.includes(u)) : [];
  if (averages.length) lines.push(t(l, "announce.result.source_averages", { url: (form.averageHosts ? hosts(averages) : averages.join("\n")) }));
  return lines.join("\n");
}

function compose(facts: ResultFacts, l: Locale, t: Translate, form: Form): string {
  const paragraphs = facts.indices.map((f) => indexParagraph(f, l, t, form.averages));
  return `${paragraphs.join("\n\n")}\n\n${sourceLines(facts, l, t, form)}`;
}

/**
 * The post in both languages. Each must stay within what staff may edit (MAX_TEXT_CHARS, which keeps both
 * within one Zalo message): where the full addresses of every source do not fit, sources are named by their
 * site (the full addresses stay in the registry and on the public site), the averages' first; only if that
 * is still too long are the averages left out. Both languages take the same form, so they state the same
 * facts, and every figure in the post keeps its source.
 */
export function resultTexts(facts: ResultFacts, t: Translate): Record<Locale, string> {
  let texts = { vi: "", en: "" };
  for (const form of FORMS) {
    texts = { vi: compose(facts, "vi", t, form), en: compose(facts, "en", t, form) };
    if ([...texts.vi].length <= MAX_TEXT_CHARS && [...texts.en].length <= MAX_TEXT_CHARS) return texts;
  }
  return texts;
}
