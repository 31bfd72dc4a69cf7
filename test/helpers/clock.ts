// One clock for the tests that care about dates. Every date such a test writes or asks about is derived
// from `testNow()`, never from the wall clock, so the suite means the same on 30 November as on 1 December.
// `npm run test:clock` runs the date-sensitive suites again with HAILONG_TEST_NOW set to other instants
// (another month, a year end, a far date) and the process's wall clock moved too, so a test that still
// reads the wall clock, or code that writes the database's own now(), shows up as a failure.
import { performance } from "node:perf_hooks";

const DEFAULT_NOW = "2026-11-27T10:00:00+07:00";
const DAY_MS = 86_400_000;

/** The instant the date-sensitive tests take as "now" (HAILONG_TEST_NOW, or a fixed default). */
export function testNow(): Date {
  const raw = process.env.HAILONG_TEST_NOW?.trim() || DEFAULT_NOW;
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) throw new Error(`HAILONG_TEST_NOW is not a date: ${raw}`);
  return d;
}

export interface TestClock {
  /** Hand this to the service: it starts at `start` and runs at the speed of real time from there. */
  now: () => Date;
  /** Moves the clock forward (or back, with a negative value) without waiting. */
  advance: (ms: number) => void;
}

/**
 * A clock that starts at `start` and ticks with the monotonic clock, so times written one after the
 * other still sort in order, while the date itself is the test's choice, not the machine's.
 */
export function testClock(start: Date = testNow()): TestClock {
  const t0 = performance.now();
  let offset = 0;
  return {
    now: () => new Date(start.getTime() + offset + Math.floor(performance.now() - t0)),
    advance: (ms) => {
      offset += ms;
    },
  };
}

/** The calendar day `offset` days from `from` in Vietnam's time zone (UTC+7, no DST), as YYYY-MM-DD. */
export function vnDay(from: Date, offset = 0): string {
  return new Date(from.getTime() + offset * DAY_MS + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** An ISO instant with the +07:00 offset, as a centre's system sends it. */
export function vnIso(at: Date): string {
  return `${new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

/** The first and last days of the month (Vietnam time) that holds `at`. */
export function vnMonth(at: Date): { from: string; to: string } {
  const local = new Date(at.getTime() + 7 * 3_600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const mm = String(m + 1).padStart(2, "0");
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, "0")}` };
}
