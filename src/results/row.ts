// One published figure as the registry holds it: what the source printed for an index, a unit and a year.
// Everything beyond the index, unit, year and source is optional, because sources differ in what they say.
import type { Grade } from "./indices.ts";

export const VERIFICATIONS = ["verified", "secondary", "inferred"] as const;
export type Verification = (typeof VERIFICATIONS)[number];

export type Trend = "up" | "down" | "same";

/** What a source's count of rising and falling parts counts: the score alone, or score and rank together. */
export type PartsBasis = "score" | "score_and_rank";

export interface OfficialResultRow {
  indexCode: string;
  unitCode: string;
  year: number;
  /** Percent with at most two decimals, or null when only the rank was published. */
  value: number | null;
  rank: number | null;
  of: number | null;
  grade: Grade | null;
  sourceUrl: string;
  verification: Verification;
  note: string | null;
  /** The change on the year before as the source printed it ("tăng 3,31 %": 3.31); its unit is the source's. */
  valueChange: number | null;
  /** Its direction; a source may say only that a figure rose ("5 of the 8 fields increased, among them …"). */
  valueTrend: Trend | null;
  /** Places moved since the year before as stated (positive = up), and the direction. */
  rankChange: number | null;
  rankTrend: Trend | null;
  /** Questionnaires the figure rests on (400), and the people they were drawn from (3,366). */
  sampleSize: number | null;
  sampleFrame: number | null;
  /** How many of the index's parts rose and fell, as stated where the parts themselves are not published. */
  subUp: number | null;
  subDown: number | null;
  subBasis: PartsBasis | null;
  /** As stated: the highest since this year, or since the index began ("start"). */
  highestSince: number | "start" | null;
}

export function trendOf(change: number): Trend {
  return change > 0 ? "up" : change < 0 ? "down" : "same";
}

/** A row's statements beyond its figures, all absent: for rows built in code rather than read from a file. */
export const NO_DETAILS = {
  valueChange: null,
  valueTrend: null,
  rankChange: null,
  rankTrend: null,
  sampleSize: null,
  sampleFrame: null,
  subUp: null,
  subDown: null,
  subBasis: null,
  highestSince: null,
} as const satisfies Partial<OfficialResultRow>;
