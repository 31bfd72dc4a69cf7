// Virtual time for the broadcaster's injectable clock and sleep: time moves only when every promise has
// settled and something is asleep, straight to the earliest wake-up. Runs are exact and take no real time.

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

export class VirtualTime {
  private t = 0;
  private seq = 0;
  private timers: Timer[] = [];

  readonly now = (): number => this.t;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        "abort",
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          resolve();
        },
        { once: true },
      );
    });

  /** Drives virtual time until the promise settles; fails on a deadlock (pending, nothing asleep). */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      // setImmediate runs only once the microtask queue is empty, i.e. every ready continuation has run.
      await new Promise((r) => setImmediate(r));
      if (settled) return work;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error(`virtual time deadlock at ${this.t} ms: work pending and nothing asleep`);
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}
