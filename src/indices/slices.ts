// Runs a long pure computation, written as a generator that yields between units of work, in slices of a
// few milliseconds with the event loop running in between. The service is one Node process: the bot, the
// webhooks (Zalo wants an answer within 2 s) and /healthz wait for whatever holds the CPU. A worker thread
// would need the TypeScript loader in every worker and a copy of the data; pausing costs neither.
import { setImmediate as nextTurn } from "node:timers/promises";

export interface SlicePace {
  /** CPU time per slice before the event loop gets a turn (default 10 ms; 0 = a turn after every unit). */
  sliceMs?: number;
  /** Monotonic milliseconds; performance.now unless a test steps it. */
  now?: () => number;
}

export const DEFAULT_SLICE_MS = 10;

export async function runInSlices<T>(steps: Generator<void, T, void>, pace: SlicePace = {}): Promise<T> {
  const sliceMs = pace.sliceMs ?? DEFAULT_SLICE_MS;
  const now = pace.now ?? (() => performance.now());
  let sliceStart = now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (now() - sliceStart >= sliceMs) {
      // setImmediate, not a resolved promise: microtasks would run before any I/O callback had its turn.
      await nextTurn();
      sliceStart = now();
    }
  }
}
