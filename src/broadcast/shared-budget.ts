// The send budget of every instance together (PostgreSQL): starts come from one schedule kept in the
// database (src/store/send-budget.ts), reserved a few at a time.
//
// Why a shared schedule of starts rather than a token bucket or an advisory lock: a bucket lets its whole
// capacity go out at once after a pause, and instances holding tokens could spend them in the same second;
// a lock held per send would put a database round trip and a lock hand-off on every message. Reserved
// starts keep the even spacing RateWindow gives one process, across all of them: any 1,000 ms holds at
// most the starts of 1,000 ms plus half a spacing (the lateness allowed below) plus the difference in two
// grants' round trips (each instance maps its starts onto its own clock when the answer arrives): 26, at
// worst 27, at the default 25/s, under Telegram's 30.
// Reserving several starts per UPDATE keeps the hot path cheap: one instance sending alone makes
// perSecond / maxBatch statements a second (5 at 25/s); instances sharing the rate reserve smaller
// batches of their smaller shares (3 instances: about 13 a second in all), a single-row update each.
//
// A start not used within half a spacing of its time is dropped (it may not be spent late, or two instances'
// starts could meet). A reservation covers what this instance used in the last fifth of a second (its
// last second's starts / 5, at least 1, at most maxBatch), and only a send using more than one start per
// reservation asks ahead, so an instance held back by a slow provider or a chat's own spacing does not
// reserve starts others could use.
import type { Logger } from "../logger.ts";
import type { SendBudget } from "./types.ts";

export interface SharedSendBudgetOptions {
  /** Sends a second for all instances together. */
  perSecond: number;
  /** Reserves `count` starts `spacingMs` apart; answers how long until the first, from its answer. */
  grant: (count: number, spacingMs: number) => Promise<{ waitMs: number }>;
  logger: Logger;
  /** The broadcaster's clock (milliseconds). */
  now?: () => number;
  /** Largest reservation (default: a fifth of a second's sends, at least 1). */
  maxBatch?: number;
  /** Wait after a failed reservation before asking again. */
  retryMs?: number;
}

/** How soon the dispatcher looks again while a reservation is on its way (a round trip). */
const POLL_MS = 5;

export class SharedSendBudget implements SendBudget {
  private readonly spacingMs: number;
  private readonly lateMs: number;
  private readonly maxBatch: number;
  private readonly retryMs: number;
  private readonly now: () => number;
  /** Reserved starts on this process's clock, earliest first. */
  private starts: number[] = [];
  /** Starts taken in the last second, earliest first. */
  private taken: number[] = [];
  private pending: Promise<void> | undefined;
  private retryAt = Number.NEGATIVE_INFINITY;
  private failing = false;

  constructor(private readonly o: SharedSendBudgetOptions) {
    if (!(o.perSecond >= 1)) throw new Error(`globalPerSecond must be ≥ 1 (got ${o.perSecond})`);
    this.spacingMs = 1000 / o.perSecond;
    this.lateMs = this.spacingMs / 2;
    this.maxBatch = Math.max(1, Math.floor(o.maxBatch ?? o.perSecond / 5));
    this.retryMs = o.retryMs ?? 1000;
    this.now = o.now ?? Date.now;
  }

  nextAt(): number {
    const now = this.now();
    this.dropLate(now);
    const first = this.starts[0];
    if (first !== undefined) return first;
    this.reserve(now);
    return Math.max(now + POLL_MS, this.retryAt);
  }

  take(at: number): void {
    this.dropLate(at);
    this.starts.shift();
    this.taken.push(at);
    while (this.taken[0]! <= at - 1000) this.taken.shift();
    // A busy send asks for the next reservation while its last start is still ahead, so it never waits on
    // the round trip; a slow one asks only when it needs a start.
    if (this.starts.length <= 1 && this.batchSize(at) > 1) this.reserve(at);
  }

  private dropLate(now: number): void {
    let late = 0;
    while (late < this.starts.length && this.starts[late]! + this.lateMs < now) late++;
    if (late > 0) this.starts.splice(0, late);
  }

  private batchSize(now: number): number {
    const recent = this.taken.filter((t) => t > now - 1000).length;
    return Math.min(this.maxBatch, Math.max(1, Math.round(recent / 5)));
  }

  private reserve(now: number): void {
    if (this.pending || now < this.retryAt) return;
    const count = this.batchSize(now);
    const asked = this.now();
    this.pending = this.o
      .grant(count, this.spacingMs)
      .then(({ waitMs }) => {
        // The database read its clock somewhere in the round trip: its middle is the best guess.
        const first = (asked + this.now()) / 2 + waitMs;
        for (let i = 0; i < count; i++) this.starts.push(first + i * this.spacingMs);
        if (this.failing) this.o.logger.info("send budget reachable again");
        this.failing = false;
      })
      .catch((e: unknown) => {
        // Without the shared budget nothing is sent: going over Telegram's limit gets every instance paused.
        this.retryAt = this.now() + this.retryMs;
        if (!this.failing) this.o.logger.warn({ err: e }, "send budget unreachable; bulk sends wait");
        this.failing = true;
      })
      .finally(() => {
        this.pending = undefined;
      });
  }
}
