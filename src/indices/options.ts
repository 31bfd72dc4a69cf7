// The options of an index report, shared by `hailong indices` and GET /api/v1/indices so both accept
// exactly the same names and values.
import { z } from "zod";
import { AppError } from "../errors.ts";
import { LOCALES, type Locale } from "../i18n.ts";
import { refuseBadText } from "../text-input.ts";
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
  "exclude",
] as const;

/**
 * Which flagged responses a report leaves out: "flagged" applies the integrity rule (src/integrity/thresholds.ts,
 * docs/indices-method.md), "none" counts every completed response. The default is "none": a figure changes
 * only when someone asks for it to, and every report says how many responses the rule left out.
 */
export const EXCLUDE = ["flagged", "none"] as const;
export type Exclude = (typeof EXCLUDE)[number];
export const DEFAULT_EXCLUDE: Exclude = "none";

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
  exclude: Exclude;
}

/**
 * The most resamples a report may ask for. 10,000 already gives percentile intervals stable to the second
 * decimal; beyond it a report costs seconds of CPU and buys nothing (100,000 took about 2 s).
 */
export const MAX_RESAMPLES = 10_000;

const text = z.string().trim().min(1).max(200).superRefine(refuseBadText("line")).optional();

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
    resamples: z.coerce
      .number()
      .int()
      .min(1000, "at least 1000")
      .max(MAX_RESAMPLES, `at most ${MAX_RESAMPLES} (more makes a report slow without making its intervals better)`)
      .optional(),
    seed: z.coerce.number().int().min(0).max(0xffffffff).optional(),
    exclude: z.enum(EXCLUDE).optional(),
  })
  .strict();

/** The query parameters' own schema, for the API's OpenAPI document. */
export { schema as indicesQuerySchema };

export interface QueryDefaults {
  timeZone: string;
  minN: number;
  format: ReportFormat;
  locale?: Locale;
  /** The public site asks for "flagged"; the API and CLI take DEFAULT_EXCLUDE unless told. */
  exclude?: Exclude;
}

/** Which option a validation error is about ("(options)" when it is about their combination). */
export interface OptionIssue {
  field: string;
  message: string;
}

function invalid(issues: OptionIssue[]): AppError {
  return new AppError("validation", issues.map((i) => (i.field === "(options)" ? i.message : `${i.field}: ${i.message}`)).join("; "), { issues });
}

/** The issues of a validation error from parseIndicesQuery. */
export function optionIssues(e: AppError): OptionIssue[] {
  const details = e.details as { issues?: OptionIssue[] } | undefined;
  return details?.issues ?? [{ field: "(options)", message: e.message }];
}

/** parsePeriod and parseRange name no option; their message is attached to the one that was given. */
function periodFor(field: string, parse: () => Period): Period {
  try {
    return parse();
  } catch (e) {
    if (e instanceof AppError && e.code === "validation") throw invalid([{ field, message: e.message }]);
    throw e;
  }
}

/**
 * Validates raw option values (strings) into a query; throws AppError("validation") with a readable
 * message and, in its details, the issues per option (see optionIssues).
 */
export function parseIndicesQuery(raw: Record<string, string | undefined>, defaults: QueryDefaults): IndicesQuery {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((i) =>
        i.code === "unrecognized_keys"
          ? { field: "(options)", message: `unknown option ${i.keys.map((k) => `"${k}"`).join(", ")}` }
          : { field: i.path.join("."), message: i.message },
      ),
    );
  }
  const o = parsed.data;
  let period: Period;
  if (o.period !== undefined) {
    if (o.from !== undefined || o.to !== undefined) throw invalid([{ field: "(options)", message: "give either period or from/to, not both" }]);
    const spec = o.period;
    period = periodFor("period", () => parsePeriod(spec, defaults.timeZone));
  } else if (o.from !== undefined && o.to !== undefined) {
    const [from, to] = [o.from, o.to];
    period = periodFor("from/to", () => parseRange(from, to, defaults.timeZone));
  } else {
    throw invalid([{ field: "(options)", message: "a period is required: period (2026-Q4, 2026-11, 2026-W48) or both from and to (YYYY-MM-DD)" }]);
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
    exclude: o.exclude ?? defaults.exclude ?? DEFAULT_EXCLUDE,
  };
}
