// The options of an index report, shared by `hailong indices` and GET /api/v1/indices so both accept
// exactly the same names and values.
import { z } from "zod";
import { AppError } from "../errors.ts";
import { LOCALES, type Locale } from "../survey/types.ts";
import { parsePeriod, parseRange, previousPeriod, type Period } from "./period.ts";
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from "./report.ts";
import type { GroupBy, IndicesFilters } from "./types.ts";

export const FORMATS = ["table", "json", "csv"] as const;
export type ReportFormat = (typeof FORMATS)[number];
export const GROUP_BY = ["agency", "procedure", "channel", "element"] as const;

/** Every option name; the CLI spells them --name, the HTTP API ?name=. */
export const OPTION_NAMES = [
  "period",
  "from",
  "to",
  "agency",
  "by",
  "format",
  "procedure",
  "channel",
  "questionnaire",
  "locale",
  "min-n",
  "resamples",
  "seed",
] as const;

export interface IndicesQuery {
  period: Period;
  previous: Period;
  by: GroupBy;
  filters: IndicesFilters;
  format: ReportFormat;
  locale: Locale;
  minN: number;
  resamples: number;
  seed: number;
}

const text = z.string().trim().min(1).max(200).optional();

const schema = z
  .object({
    period: text,
    from: text,
    to: text,
    agency: text,
    by: z.enum(GROUP_BY).optional(),
    format: z.enum(FORMATS).optional(),
    procedure: text,
    channel: text,
    questionnaire: text,
    locale: z.enum(LOCALES).optional(),
    "min-n": z.coerce.number().int().min(1).max(1_000_000).optional(),
    // Fewer than 1,000 resamples is not enough for a 95 % percentile interval to be stable.
    resamples: z.coerce.number().int().min(1000).max(100_000).optional(),
    seed: z.coerce.number().int().min(0).max(0xffffffff).optional(),
  })
  .strict();

export interface QueryDefaults {
  timeZone: string;
  minN: number;
  format: ReportFormat;
  locale?: Locale;
}

/** Validates raw option values (strings) into a query; throws AppError("validation") with a readable message. */
export function parseIndicesQuery(raw: Record<string, string | undefined>, defaults: QueryDefaults): IndicesQuery {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const msg = parsed.error.issues
      .map((i) => (i.code === "unrecognized_keys" ? `unknown option ${i.keys.map((k) => `"${k}"`).join(", ")}` : `${i.path.join(".")}: ${i.message}`))
      .join("; ");
    throw new AppError("validation", msg);
  }
  const o = parsed.data;
  let period: Period;
  if (o.period !== undefined) {
    if (o.from !== undefined || o.to !== undefined) throw new AppError("validation", "give either period or from/to, not both");
    period = parsePeriod(o.period, defaults.timeZone);
  } else if (o.from !== undefined && o.to !== undefined) {
    period = parseRange(o.from, o.to, defaults.timeZone);
  } else {
    throw new AppError("validation", "a period is required: period (2026-Q4, 2026-11, 2026-W48) or both from and to (YYYY-MM-DD)");
  }
  return {
    period,
    previous: previousPeriod(period),
    by: o.by ?? "agency",
    filters: {
      agency: o.agency ?? null,
      procedure: o.procedure ?? null,
      channel: o.channel ?? null,
      questionnaire: o.questionnaire ?? null,
    },
    format: o.format ?? defaults.format,
    locale: o.locale ?? defaults.locale ?? "vi",
    minN: o["min-n"] ?? defaults.minN,
    resamples: o.resamples ?? DEFAULT_RESAMPLES,
    seed: o.seed ?? DEFAULT_SEED,
  };
}
