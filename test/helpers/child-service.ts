// Runs `hailong serve` as a real child process (as `npm start` does), reading its JSON log lines.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");


export interface Child {
  proc: ChildProcess;
  logs: string[];
  stderr: string[];
  /** Resolves with the HTTP URL once the service listens. */
  url: Promise<string>;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export function spawnService(env: Record<string, string>): Child {
  // Exactly what `npm start` runs (the one-file build, made by the tests' global setup), without npm in
  // between, so signals reach the service itself.
  const proc = spawn(process.execPath, [path.join(ROOT, "src/generated/hailong.mjs"), "serve"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const stderr: string[] = [];
  let resolveUrl!: (u: string) => void;
  let rejectUrl!: (e: Error) => void;
  const url = new Promise<string>((res, rej) => {
    resolveUrl = res;
    rejectUrl = rej;
  });
  let buf = "";
  proc.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      logs.push(line);
      try {
        const j = JSON.parse(line) as { msg?: string; url?: string };
        if (j.msg === "HTTP listening" && j.url) resolveUrl(j.url);
      } catch {
        // not JSON
      }
    }
  });
  proc.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<number | null>((res) => proc.once("exit", (code) => res(code)));
  url.catch(() => undefined); // a child that is expected to fail never listens
  void exited.then((code) => rejectUrl(new Error(`service exited (${code}) before listening: ${stderr.join("")}`)));
  return {
    proc,
    logs,
    stderr,
    url,
    exited,
    async kill(signal = "SIGTERM") {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}
