// Reports are computed in slices with event-loop turns between them: the same figures as in one go, and
// the loop keeps turning meanwhile. Measured in turns of the event loop and in the order things finish,
// never in milliseconds: the slices' clock is stepped by the test.
import { describe, expect, it } from "vitest";
import { benchData } from "../../bench/indices-compute.ts";
import { indicesFromData, indicesFromDataInSlices } from "../../src/reports/indices-service.ts";
import { parseIndicesQuery } from "../../src/indices/options.ts";
import { runInSlices } from "../../src/indices/slices.ts";

/** A clock that moves 1 ms each time it is read: one unit of work per read, whatever the machine's speed. */
const stepping = () => {
  let t = 0;
  return () => t++;
};

/** Counts event-loop turns (setImmediate callbacks) until stopped. */
function turnCounter() {
  let turns = 0;
  let on = true;
  const tick = () => {
    if (!on) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop: () => {
      on = false;
      return turns;
    },
  };
}

function* work(units: number): Generator<void, number, void> {
  for (let i = 0; i < units; i++) yield;
  return units;
}

describe("runInSlices", () => {
  it("gives the event loop a turn after each slice of work", async () => {
    const counter = turnCounter();
    expect(await runInSlices(work(100), { sliceMs: 10, now: stepping() })).toBe(100);
    // 100 units at one clock step each, 10 per slice: 9 or 10 pauses, each at least one turn.
    expect(counter.stop()).toBeGreaterThanOrEqual(9);
  });

  it("with sliceMs 0 pauses after every unit; work that fits in one slice never pauses", async () => {
    const every = turnCounter();
    await runInSlices(work(20), { sliceMs: 0 });
    expect(every.stop()).toBeGreaterThanOrEqual(20);
    const none = turnCounter();
    await runInSlices(work(20), { sliceMs: 1e9 });
    expect(none.stop()).toBe(0);
  });
});

describe("a quarter report over 200 agencies in slices", () => {
  const data = benchData();
  const q = parseIndicesQuery({ period: "2026-Q4" }, { timeZone: "Asia/Ho_Chi_Minh", minN: 30, format: "json" });

  it("is identical to the report computed in one go", async () => {
    expect(await indicesFromDataInSlices(q, data)).toEqual(indicesFromData(q, data));
  });

  it("lets timers and other work run while it is computed, where the one-go report lets none", async () => {
    const sliced = turnCounter();
    let timerFiredAt: "during" | "after" | undefined;
    let done = false;
    setTimeout(() => (timerFiredAt = done ? "after" : "during"), 0);
    await indicesFromDataInSlices(q, data, { now: stepping() });
    done = true;
    // 200 agencies × 2 periods = 400 units of work, 10 per slice.
    expect(sliced.stop()).toBeGreaterThanOrEqual(39);
    expect(timerFiredAt).toBe("during");

    const oneGo = turnCounter();
    await Promise.resolve(indicesFromData(q, data));
    expect(oneGo.stop()).toBe(0);
  });
});
