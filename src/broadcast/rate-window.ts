// The global send budget. Two rules together:
// - even spacing (1000/R ms between starts), so requests never arrive in bursts that network jitter could
//   push over the provider's window;
// - a hard sliding window (at most floor(R) starts in any 1,000 ms), so rounding or a late timer can never
//   let R+1 starts into one second.
import type { SendBudget } from "./types.ts";

export class RateWindow implements SendBudget {
  private readonly capacity: number;
  private readonly spacingMs: number;
  /** Start times of the last `capacity` sends, oldest first. */
  private readonly starts: number[] = [];
  private last = Number.NEGATIVE_INFINITY;

  constructor(perSecond: number) {
    if (!(perSecond >= 1)) throw new Error(`globalPerSecond must be ≥ 1 (got ${perSecond})`);
    this.capacity = Math.floor(perSecond);
    this.spacingMs = 1000 / perSecond;
  }

  /** The earliest moment the next send may start. */
  nextAt(): number {
    const bySpacing = this.last + this.spacingMs;
    const oldest = this.starts.length >= this.capacity ? this.starts[0]! + 1000 : Number.NEGATIVE_INFINITY;
    return Math.max(bySpacing, oldest);
  }

  take(at: number): void {
    // Spacing runs on the ideal schedule, not on when the timer actually fired: real timers fire a
    // millisecond or so late, and anchoring on the late start would lose that much every send (29/s
    // would become 28/s). A start later than a whole slot (idle, a 429 pause) restarts the schedule, so
    // no credit builds up for a burst. The sliding window above still counts the actual starts.
    const ideal = this.last + this.spacingMs;
    this.last = at >= ideal && at - ideal < this.spacingMs ? ideal : at;
    this.starts.push(at);
    if (this.starts.length > this.capacity) this.starts.shift();
  }
}
