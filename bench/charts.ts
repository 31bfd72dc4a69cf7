// bench/charts: how long one digest chart and one announcement card take to render (ECharts SVG →
// resvg PNG with the shipped font), warm, as the dispatcher renders one per digest. Medians of RUNS.
//   npm run bench:charts
import { renderDigestChart } from "../src/digest/chart.ts";
import { renderResultCard } from "../src/charts/result-card.ts";
import { buildDigest } from "../src/digest/build.ts";
import { createTranslator } from "../src/i18n.ts";
import { LANG_SON } from "../test/charts/lang-son-card.ts";
import { fixtureInput } from "../test/digest/fixture.ts";
import { Latencies } from "./lib/stats.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const t = createTranslator();

function measure(label: string, fn: () => Buffer): void {
  const cold0 = performance.now();
  const png = fn();
  const cold = performance.now() - cold0;
  const times = new Latencies();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.add(performance.now() - t0);
  }
  console.log(`${label.padEnd(28)} warm median ${times.percentile(50).toFixed(0).padStart(4)} ms  (first ${cold.toFixed(0)} ms, ${png.length.toLocaleString("en")} bytes)`);
}

const digest = buildDigest(fixtureInput(), "vi");
measure("digest chart (vi)", () => renderDigestChart(digest, "vi", { t }));
measure("result card (vi)", () => renderResultCard(LANG_SON));
console.log(`bench/charts: ${RUNS} warm runs each; node ${process.version}; expected ~100–250 ms per picture (stack-measurements.md)`);
