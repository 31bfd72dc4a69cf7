// Where a .cpuprofile's time went: self time per function and per origin (a package, our src/ folders,
// Node's internals, GC), so a profile can be read in the report without opening DevTools.
import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Not idle: what the thread spent working. */
  busyMs: number;
  byOrigin: { origin: string; ms: number }[];
  /** Node's and V8's own frames charged to the nearest caller that is a package or ours: who made that work. */
  byCaller: { origin: string; ms: number }[];
  top: { name: string; origin: string; ms: number }[];
}

/** A package name, a folder of ours, or what V8 calls its own pseudo-frames. */
export function originOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === "(garbage collector)") return "GC";
    if (functionName === "(idle)") return "idle";
    if (functionName === "(program)") return "V8/native (program)";
    return functionName.startsWith("(") ? functionName : "native";
  }
  const nm = url.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "/node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = /\/(src|bench)\/(.*)$/.exec(url);
  if (src) {
    const parts = src[2]!.split("/");
    return `${src[1]}/${parts.length > 1 ? parts[0] : parts[0]!.replace(/\.ts$/, "")}`;
  }
  if (url.startsWith("node:")) return "node internals";
  return url;
}

export function summariseProfile(file: string, topN = 25): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isRuntime = (o: string) => o === "node internals" || o === "native" || o.startsWith("(") || o === "V8/native (program)";
  const callerOrigin = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const cf = byId.get(at)!.callFrame;
      const o = originOf(cf.url, cf.functionName);
      if (!isRuntime(o)) return o;
    }
    return originOf(byId.get(id)!.callFrame.url, byId.get(id)!.callFrame.functionName);
  };
  const callers = new Map<string, number>();
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  const fns = new Map<string, { name: string; origin: string; ms: number }>();
  const origins = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const cf = byId.get(id)!.callFrame;
    const origin = originOf(cf.url, cf.functionName);
    total += ms;
    origins.set(origin, (origins.get(origin) ?? 0) + ms);
    const by = isRuntime(origin) ? callerOrigin(id) : origin;
    callers.set(by, (callers.get(by) ?? 0) + ms);
    const file = cf.url.replace(/^.*\/(node_modules|src|bench)\//, "$1/");
    const name = `${cf.functionName || "(anonymous)"} ${file ? `${file}:${cf.lineNumber + 1}` : ""}`.trim();
    const f = fns.get(name) ?? { name, origin, ms: 0 };
    f.ms += ms;
    fns.set(name, f);
  }
  const idle = origins.get("idle") ?? 0;
  return {
    totalMs: total,
    busyMs: total - idle,
    byOrigin: [...origins].map(([origin, ms]) => ({ origin, ms })).sort((a, b) => b.ms - a.ms),
    byCaller: [...callers].map(([origin, ms]) => ({ origin, ms })).sort((a, b) => b.ms - a.ms),
    top: [...fns.values()].filter((f) => f.origin !== "idle").sort((a, b) => b.ms - a.ms).slice(0, topN),
  };
}

export function printProfileSummary(label: string, s: ProfileSummary, print: (line: string) => void = console.log): void {
  const pct = (ms: number) => `${((ms / s.busyMs) * 100).toFixed(1).padStart(5)} %`;
  print(`${label}: ${(s.busyMs / 1000).toFixed(2)} s busy of ${(s.totalMs / 1000).toFixed(2)} s sampled; self time by origin (share of busy):`);
  for (const o of s.byOrigin.filter((o) => o.origin !== "idle").slice(0, 18)) print(`    ${pct(o.ms)}  ${o.origin}`);
  print(`  the same with Node's and V8's frames charged to the package or folder that called them:`);
  for (const o of s.byCaller.filter((o) => o.origin !== "idle").slice(0, 18)) print(`    ${pct(o.ms)}  ${o.origin}`);
  print(`  top functions by self time:`);
  for (const f of s.top) print(`    ${pct(f.ms)}  ${f.name}  [${f.origin}]`);
}

// `node --import tsx bench/lib/profile-summary.ts file.cpuprofile…` summarises profiles written earlier.
if (process.argv[1]?.endsWith("profile-summary.ts")) {
  for (const f of process.argv.slice(2)) printProfileSummary(f, summariseProfile(f));
}
