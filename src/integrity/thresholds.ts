// The integrity flags' thresholds and the rule that decides which flagged responses leave an index.
// docs/indices-method.md ("Integrity flags") states the same numbers; change both together.

/**
 * Many responses from one respondent: this many completed responses by one person (one chat on one
 * channel) within 24 hours either side of a response. A citizen finishes one or two dossiers on a visit
 * and may rate a walk-in too; four in a day is someone rating on others' behalf or rating again and again.
 */
export const SAME_PERSON_PER_DAY = 4;

/**
 * One chat answering for many dossiers: this many dossiers' invitations answered by one chat within 7 days
 * either side. Families and small firms file a few dossiers a week; more from one phone is usually a clerk
 * or an agent tapping through citizens' links.
 */
export const SAME_CHAT_DOSSIERS_PER_WEEK = 5;

/**
 * Faster than a person can read: a median time per question (from one answer's answered_at to the next,
 * the first from the survey's start) under this many seconds, over at least FAST_MIN_ANSWERS answers. A
 * question and its five labelled buttons are 20–30 words; reading them takes a fluent reader 3–5 s, and a
 * tap on a phone with the round trip to the bot takes about 1 s more. Under 2 s is tapping without reading.
 */
export const FAST_MEDIAN_SECONDS = 2;
export const FAST_MIN_ANSWERS = 3;

/**
 * A burst from one agency: this many completed responses for one agency within 5 minutes either side. Even
 * the province's busiest centre completes a few hundred dossiers a day and a fraction of those citizens
 * answer, spread over the day: 12 in ten minutes is a counter filling in surveys, or a device reused.
 */
export const BURST_RESPONSES = 12;
export const BURST_HALF_WINDOW_MINUTES = 5;

/**
 * Identical answers in a row: this many consecutive completed responses for one agency with exactly the
 * same answers, each within 10 minutes of the one before. Many honest citizens answer "5" to everything,
 * so identical answers alone prove nothing; six in a row, minutes apart, at one agency is one hand.
 */
export const IDENTICAL_RUN = 6;
export const IDENTICAL_GAP_MINUTES = 10;

export const FLAGS = ["many_from_respondent", "many_dossiers_one_chat", "too_fast", "agency_burst", "identical_run"] as const;
export type IntegrityFlag = (typeof FLAGS)[number];

/**
 * The exclusion rule. A flag that says the answers are not a citizen's own judgement excludes alone:
 * unread questions, one person rating many times a day, one hand repeating the same answers. A burst or a
 * chat with many dossiers can be honest (a busy morning, an agent filing for clients), so either alone only
 * marks the response for an admin to look at; with any second flag it is excluded too.
 */
export const EXCLUDING_FLAGS: readonly IntegrityFlag[] = ["too_fast", "many_from_respondent", "identical_run"];
export const FLAGS_TO_EXCLUDE_TOGETHER = 2;

export function isExcluded(flags: readonly IntegrityFlag[]): boolean {
  return flags.some((f) => EXCLUDING_FLAGS.includes(f)) || flags.length >= FLAGS_TO_EXCLUDE_TOGETHER;
}
