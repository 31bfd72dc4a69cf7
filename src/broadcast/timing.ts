// Waiting, made injectable: the broadcaster sleeps through this seam so tests can run on virtual time.

export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * A level-free "something changed" signal: the dispatcher waits on it while requests are in flight and is
 * woken when one completes or the job is aborted. The dispatcher re-reads all state after every wake, and
 * checks state synchronously right before waiting, so a notification can never be lost in between.
 */
export class Wakeup {
  private pending: Promise<void> | undefined;
  private release: (() => void) | undefined;

  wait(): Promise<void> {
    this.pending ??= new Promise<void>((resolve) => (this.release = resolve));
    return this.pending;
  }

  notify(): void {
    const release = this.release;
    this.pending = undefined;
    this.release = undefined;
    release?.();
  }
}
