// Which message of each respondent still shows a question's buttons, so a typed answer (or a newer
// question) can take them off. Only channels that can edit a sent message report its id (Telegram); the
// map lives in memory and is only a courtesy: after a restart an old keyboard stays, and a tap on it is
// answered as a stale button, as before.

export interface LiveKeyboard {
  messageId: string;
  runId: string;
  /** The question's position in the run: an answer to that position is shown on this message. */
  position: number;
}

export class LiveKeyboards {
  private readonly map = new Map<string, LiveKeyboard>();
  constructor(private readonly capacity = 20_000) {}

  get(respondentId: string): LiveKeyboard | undefined {
    return this.map.get(respondentId);
  }

  set(respondentId: string, k: LiveKeyboard): void {
    this.map.delete(respondentId);
    this.map.set(respondentId, k);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  /** Removes and returns the entry: its keyboard is about to be taken off. */
  take(respondentId: string): LiveKeyboard | undefined {
    const k = this.map.get(respondentId);
    this.map.delete(respondentId);
    return k;
  }
}
