// What the parts of the service tell /metrics. Each part receives only the narrow interface it counts
// through, so nothing outside src/metrics knows about prom-client, and tests can hand in a recorder or nothing.

export interface SurveyCounters {
  surveyStarted(channel: string): void;
  answerStored(channel: string): void;
  surveyCompleted(channel: string): void;
}

export interface BroadcastCounters {
  /** A message of a bulk send (digest, announcement) the provider accepted. */
  sent(channel: string): void;
  /** A 429 answer to a bulk send. */
  rateLimited(channel: string): void;
}

export interface RequestObserver {
  /** One HTTP request, by its route template (never the raw path: paths carry invitation tokens). */
  httpRequest(r: { method: string; route: string; status: number; seconds: number }): void;
}

export interface UpdateObserver {
  /** One inbound update handled, from its arrival to the last reply sent. */
  update(channel: string, seconds: number, outcome: "ok" | "error"): void;
}

/** What /metrics reads from the store when it is scraped, rather than keeping counts that could drift. */
export interface ScrapeSources {
  outboxBacklog(): Promise<{ kind: string; pending: number; due: number; oldestDueAt: Date | null }[]>;
  pool(): { total: number; idle: number; waiting: number };
}
