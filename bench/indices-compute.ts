// bench/indices-compute: the pure part of bench/indices alone — estimates, bootstrap intervals, trends and
// ranks of a full quarter report over 200 agencies — on aggregates made in memory like the ones the
// database hands over (about 36,000 respondents per quarter, one commune's satisfaction level each, a third
// of the feedback answers skipped), so it needs no database and starts in a second. Prints the CPU time
// (user + system, which a machine busy with other work distorts far less than wall time) and the wall
// time per report, medians of RUNS, after one warm-up.
//   npm run bench:indices-compute [-- runs]
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { indicesFromData } from "../src/reports/indices-service.ts";
import { parseIndicesQuery } from "../src/indices/options.ts";
import { createRng } from "../src/indices/rng.ts";
import { itemSpace } from "../src/indices/sample.ts";
import type { AgencyNode } from "../src/indices/tree.ts";
import type { GroupSample } from "../src/indices/types.ts";
import type { IndicesData } from "../src/indices/from-tallies.ts";
import { ELEMENTS } from "../src/survey/types.ts";

const RESPONDENTS_PER_QUARTER = 36_000;

/** The data of bench/indices, made in memory: province P → districts D01–D19 → communes C001–C180. */
export function benchData(): IndicesData {
  const agencies: AgencyNode[] = [{ id: 1, code: "P", nameVi: "Tỉnh thử nghiệm", nameEn: "Test province", parentId: null }];
  for (let d = 1; d <= 19; d++) agencies.push({ id: 1 + d, code: `D${String(d).padStart(2, "0")}`, nameVi: `Huyện ${d}`, nameEn: `District ${d}`, parentId: 1 });
  for (let c = 1; c <= 180; c++) {
    agencies.push({ id: 20 + c, code: `C${String(c).padStart(3, "0")}`, nameVi: `Xã ${c}`, nameEn: `Commune ${c}`, parentId: 1 + Math.ceil(c / 10) });
  }
  // One item per element, as the benchmark's questionnaire; "overall" is scored but outside the elements.
  const space = itemSpace(ELEMENTS.map((e) => ({ id: e, element: e })));
  const rng = createRng(2026);
  const quarter = (): Map<string, GroupSample> => {
    const samples = new Map<string, GroupSample>();
    for (let r = 0; r < RESPONDENTS_PER_QUARTER; r++) {
      const agency = 21 + (r % 180);
      const level = 0.55 + (0.4 * ((agency * 37) % 100)) / 100;
      let s = samples.get(String(agency));
      if (!s) {
        s = { responses: 0, items: new Map(), patterns: new Map() };
        samples.set(String(agency), s);
      }
      s.responses++;
      let pattern = "";
      for (const id of [...space.ids, "overall"]) {
        if (id === "feedback" && rng.next() < 0.3) {
          pattern += "0";
          continue;
        }
        const score = rng.next() < level ? 4 + (rng.next() < 0.5 ? 1 : 0) : 1 + Math.floor(rng.next() * 3);
        const element = id === "overall" ? null : space.elements[space.ids.indexOf(id)]!;
        let t = s.items.get(id);
        if (!t) {
          t = { itemId: id, element, counts: [0, 0, 0, 0, 0] };
          s.items.set(id, t);
        }
        t.counts[score - 1] = (t.counts[score - 1] as number) + 1;
        if (id !== "overall") pattern += score >= 4 ? "2" : "1";
      }
      s.patterns.set(pattern, (s.patterns.get(pattern) ?? 0) + 1);
    }
    return samples;
  };
  return { agencies, space, current: quarter(), before: quarter() };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function main(): void {
  const runs = Number(process.argv[2] ?? 15);
  const data = benchData();
  const q = parseIndicesQuery({ period: "2026-Q4" }, { timeZone: "Asia/Ho_Chi_Minh", minN: 30, format: "json" });
  const report = indicesFromData(q, data);
  const top = report.groups[0];
  console.log(
    `${report.groups.length} agencies; province n=${top?.responses}, overall ${top?.overall.value?.toFixed(2)} [${top?.overall.low?.toFixed(2)}, ${top?.overall.high?.toFixed(2)}], ${report.resamples} resamples; node ${process.version}`,
  );
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    indicesFromData(q, data);
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(`load average (1, 5, 15 min): ${os.loadavg().map((x) => x.toFixed(2)).join(", ")}`);
  console.log(`pure computation of a full quarter report: CPU ${median(cpu).toFixed(0)} ms (min ${Math.min(...cpu).toFixed(0)}), wall ${median(wall).toFixed(0)} ms; ${runs} runs`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
