// Progress for the person who started a send (an edited "Đã gửi 1.200/5.000" message) and for the log.
// Callbacks are throttled and never overlap: an edit still running when the next tick comes makes that tick
// skip, so edits cannot land out of order and show an older count last.
import type { Logger } from "../logger.ts";
import type { BroadcastProgress } from "./types.ts";

export class ProgressReporter {
  private lastAt = Number.NEGATIVE_INFINITY;
  private running: Promise<void> | undefined;

  constructor(
    private readonly everyMs: number,
    private readonly now: () => number,
    private readonly logger: Logger,
    private readonly callback: ((p: BroadcastProgress) => void | Promise<void>) | undefined,
  ) {}

  /** Called after each finished message; reports only when the interval has passed. */
  tick(p: BroadcastProgress): void {
    const t = this.now();
    if (t - this.lastAt < this.everyMs || this.running) return;
    this.lastAt = t;
    this.running = this.emit(p).finally(() => (this.running = undefined));
  }

  /** The closing report, always delivered, after any report still running. */
  async finish(p: BroadcastProgress): Promise<void> {
    await this.running;
    await this.emit(p);
  }

  private async emit(p: BroadcastProgress): Promise<void> {
    this.logger.info({ jobId: p.jobId, done: p.done, total: p.total, sent: p.sent, failed: p.failed }, "broadcast progress");
    if (!this.callback) return;
    try {
      await this.callback(p);
    } catch (e) {
      // Progress is a courtesy: a failed edit must never stop the broadcast.
      this.logger.warn({ err: e, jobId: p.jobId }, "broadcast progress callback failed");
    }
  }
}
