import pino, { type Logger } from "pino";

export type { Logger };

export function createLogger(opts: { level?: string; name?: string } = {}): Logger {
  return pino({
    name: opts.name ?? "hailong",
    level: opts.level ?? process.env.LOG_LEVEL ?? "info",
    // Citizens' chat ids and tokens must not leak into logs shipped elsewhere.
    redact: { paths: ["*.token", "*.chatId", "*.authorization", "req.headers.authorization"], censor: "[redacted]" },
  });
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
