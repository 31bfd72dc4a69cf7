import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

export type LogFormat = "auto" | "json" | "pretty";

/**
 * Keys that carry personal data or secrets, at the top of a log object and one level down. Citizens' chat
 * ids, phone numbers and Zalo ids, invitation tokens, keys; grammY's errors carry the request (`payload`:
 * chat_id and message text).
 */
const SENSITIVE = [
  "chatId",
  "chat_id",
  "phone",
  "zaloUserId",
  "userId",
  "token",
  "accessToken",
  "refreshToken",
  "secret",
  "authorization",
  "cookie",
  "contact",
  "recipient",
  "admins",
  "payload",
];
export const REDACT_PATHS = [...SENSITIVE, ...SENSITIVE.map((k) => `*.${k}`), "req.headers.authorization", "req.headers.cookie"];

export interface LoggerOptions {
  level?: string;
  name?: string;
  /** auto: readable lines on a terminal outside production, JSON otherwise. */
  format?: LogFormat;
  /** NODE_ENV=production: auto never prettifies. */
  production?: boolean;
  /** Where lines go (default stdout); tests pass a stream that collects them. */
  destination?: DestinationStream;
  /** Whether the destination is a terminal (default: stdout's). */
  isTty?: boolean;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const options: pino.LoggerOptions = {
    name: opts.name ?? "hailong",
    level: opts.level ?? process.env.LOG_LEVEL ?? "info",
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  };
  const format = opts.format ?? "auto";
  const wantsPretty = format === "pretty" || (format === "auto" && !opts.production && (opts.isTty ?? process.stdout.isTTY === true));
  const pretty = wantsPretty ? prettyStream(opts.destination) : undefined;
  const stream = pretty ?? opts.destination;
  const logger = stream ? pino(options, stream) : pino(options);
  if (wantsPretty && !pretty) logger.warn("LOG_FORMAT asks for readable logs but pino-pretty is not installed: logging JSON");
  return logger;
}

type PrettyFactory = (o: Record<string, unknown>) => DestinationStream;

/** pino-pretty if it is installed: a missing development extra must never keep the service from starting. */
function prettyStream(destination: DestinationStream | undefined): DestinationStream | undefined {
  let factory: PrettyFactory;
  try {
    const loaded = createRequire(import.meta.url)("pino-pretty") as PrettyFactory | { default: PrettyFactory };
    factory = typeof loaded === "function" ? loaded : loaded.default;
  } catch {
    return undefined;
  }
  // Synchronous, in this thread: a line is on the terminal before the next statement, even just before a crash.
  // Colours only at a colour terminal (pino-pretty's own check), never into a file or a test's stream.
  return factory({
    ...(destination ? { colorize: false } : {}),
    sync: true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,name",
    ...(destination ? { destination } : {}),
  });
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
