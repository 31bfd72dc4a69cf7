// bench/ingest's command line: `npm run bench:ingest -- --engine=pg --instances=3`. Every option also reads
// an environment variable, so `npm run bench` (which passes no arguments) can be steered too.

export interface IngestConfig {
  engine: "embedded" | "pg";
  instances: number;
}

export interface IngestOptions {
  configs: IngestConfig[];
  /** Whether PostgreSQL was asked for by name (unreachable is then an error, not a skip). */
  pgRequested: boolean;
  pgUrl: string;
  citizens: number;
  seconds: number;
  warmupSeconds: number;
  /** Answers/s offered in the paced phase; 0 skips it. */
  rate: number;
  /** Surveys opened and left unfinished before memory is read; 0 skips the phase. */
  openSurveys: number;
  rawRows: number;
  /** Directory for one CPU profile per instance of the saturation phase. */
  profileDir: string | undefined;
  strict: boolean;
}

export const INGEST_USAGE = `npm run bench:ingest -- [options]
  --engine=embedded|pg|all     which database (default all: embedded, then PostgreSQL)
  --instances=1,3              PostgreSQL: instances on one database, updates spread over them (default 1,3)
  --pg-url=URL                 a server URL whose user may CREATE DATABASE (default HAILONG_BENCH_PG_URL,
                               DATABASE_URL, or postgresql://postgres@127.0.0.1:5432/test); a scratch
                               database is created per run and dropped after it
  --seconds=10                 length of the saturation and of the paced phase
  --warmup=2                   warm-up seconds before them (not counted)
  --citizens=200               concurrent citizens
  --rate=1000                  answers/s offered in the paced phase (0 skips it)
  --open-surveys=10000         surveys started and left open before reading memory (0 skips it)
  --raw-rows=2000              rows for the raw driver's insert rates
  --profile=DIR                write a CPU profile of each instance's saturation phase into DIR and summarise it
  --strict                     exit 1 when a target is missed`;

const DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/test";

function num(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min} (got "${raw}")`);
  return n;
}

export function parseIngestOptions(argv: string[], env: NodeJS.ProcessEnv): IngestOptions {
  const given = new Map<string, string>();
  for (const a of argv) {
    if (a === "--help" || a === "-h") throw new UsageRequest();
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument "${a}"\n${INGEST_USAGE}`);
    given.set(m[1]!, m[2] ?? "1");
  }
  const known = ["engine", "instances", "pg-url", "seconds", "warmup", "citizens", "rate", "open-surveys", "raw-rows", "profile", "strict"];
  for (const k of given.keys()) if (!known.includes(k)) throw new Error(`unknown option --${k}\n${INGEST_USAGE}`);
  const opt = (name: string, envName: string) => given.get(name) ?? env[envName];

  const engine = opt("engine", "BENCH_ENGINE") ?? "all";
  if (!["embedded", "pg", "all"].includes(engine)) throw new Error(`--engine must be embedded, pg or all (got "${engine}")`);
  const instancesRaw = opt("instances", "BENCH_INSTANCES");
  const counts = (instancesRaw ?? "1,3").split(",").map((s) => num("instances", s, 1, 1));
  if (engine === "embedded" && instancesRaw && counts.some((n) => n !== 1)) {
    throw new Error("--instances above 1 needs --engine=pg: the embedded database belongs to one process");
  }
  const configs: IngestConfig[] = [];
  if (engine !== "pg") configs.push({ engine: "embedded", instances: 1 });
  if (engine !== "embedded") for (const n of counts) configs.push({ engine: "pg", instances: Math.floor(n) });

  return {
    configs,
    pgRequested: engine === "pg",
    pgUrl: (given.get("pg-url") ?? env.HAILONG_BENCH_PG_URL ?? env.DATABASE_URL ?? DEFAULT_PG_URL).trim(),
    citizens: Math.floor(num("citizens", opt("citizens", "BENCH_CITIZENS"), 200, 1)),
    seconds: num("seconds", opt("seconds", "BENCH_SECONDS"), 10, 0.5),
    warmupSeconds: num("warmup", opt("warmup", "BENCH_WARMUP_SECONDS"), 2, 0),
    rate: num("rate", opt("rate", "BENCH_RATE"), 1000, 0),
    openSurveys: Math.floor(num("open-surveys", opt("open-surveys", "BENCH_OPEN_SURVEYS"), 10_000, 0)),
    rawRows: Math.floor(num("raw-rows", opt("raw-rows", "BENCH_RAW_INSERTS"), 2000, 1)),
    profileDir: opt("profile", "BENCH_CPU_PROFILE_DIR")?.trim() || undefined,
    strict: given.has("strict") || env.BENCH_STRICT === "1",
  };
}

/** Thrown for --help: the caller prints the usage and exits 0. */
export class UsageRequest extends Error {
  constructor() {
    super(INGEST_USAGE);
  }
}
