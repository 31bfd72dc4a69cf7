// A bounded in-process cache of each respondent's active run, so an answer costs one database round trip.
// It is only a hint: every write checks the row's version, and a mismatch reloads from the database,
// so several instances (or a restart) never act on a stale state.
import type { SurveyRun } from "../store/responses.ts";

export class RunCache {
  private readonly map = new Map<string, SurveyRun | null>();
  constructor(private readonly capacity = 20_000) {}

  get(respondentId: string): SurveyRun | null | undefined {
    const v = this.map.get(respondentId);
    if (v !== undefined) {
      this.map.delete(respondentId);
      this.map.set(respondentId, v);
    }
    return v;
  }

  set(respondentId: string, run: SurveyRun | null): void {
    this.map.delete(respondentId);
    this.map.set(respondentId, run);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  forget(respondentId: string): void {
    this.map.delete(respondentId);
  }
}
