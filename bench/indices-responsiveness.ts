// bench/indices-responsiveness: how long the event loop is held while a report at the resamples cap is
// computed, in one go and in slices (what the service does). A 1 ms interval timer notes the gaps between
// its turns; the figure is the longest gap, the thing a webhook or /healthz would wait for. Data as in
// bench/indices-compute (200 agencies, ~36,000 respondents a quarter).
//   npm run bench -- indices-responsiveness
import os from "node:os";
import { indicesFromData, indicesFromDataInSlices } from "../src/reports/indices-service.ts";
import { MAX_RESAMPLES, parseIndicesQuery } from "../src/indices/options.ts";
import { benchData } from "./indices-compute.ts";

async function longestStall(run: () => Promise<unknown>): Promise<{ maxMs: number; wallMs: number }> {
  let last = performance.now();
  let maxMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxMs = Math.max(maxMs, now - last);
    last = now;
  }, 1);
  // Let the sampler take its first turn before the run starts.
  await new Promise((r) => setTimeout(r, 20));
  maxMs = 0;
  const t = performance.now();
  await run();
  const wallMs = performance.now() - t;
  // One more turn, so a stall that ends with the run is counted.
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(timer);
  return { maxMs, wallMs };
}

async function main(): Promise<void> {
  const data = benchData();
  const q = parseIndicesQuery({ period: "2026-Q4", resamples: String(MAX_RESAMPLES) }, { timeZone: "Asia/Ho_Chi_Minh", minN: 30, format: "json" });
  indicesFromData(q, data); // warm-up
  const oneGo = await longestStall(async () => indicesFromData(q, data));
  const sliced = await longestStall(() => indicesFromDataInSlices(q, data));
  console.log(`load average (1, 5, 15 min): ${os.loadavg().map((x) => x.toFixed(2)).join(", ")}; node ${process.version}`);
  console.log(`quarter report, ${data.agencies.length} agencies, ${MAX_RESAMPLES} resamples:`);
  console.log(`  in one go:  event loop held up to ${oneGo.maxMs.toFixed(0)} ms (report ${oneGo.wallMs.toFixed(0)} ms)`);
  console.log(`  in slices:  event loop held up to ${sliced.maxMs.toFixed(0)} ms (report ${sliced.wallMs.toFixed(0)} ms)`);
}

await main();
