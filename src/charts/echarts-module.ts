// ECharts is loaded on the first chart, not at start: it is ~45 MB of resident memory that an instance which
// only takes survey answers never needs. Charts are drawn synchronously, so it is required (its CommonJS
// build, the same code as the ES one), and every chart module shares this one instance: the text measure
// installed into it must be the one that draws.
import { createRequire } from "node:module";
import type * as ECharts from "echarts";

let loaded: typeof ECharts | undefined;

export function echartsModule(): typeof ECharts {
  loaded ??= createRequire(import.meta.url)("echarts") as typeof ECharts;
  return loaded;
}
