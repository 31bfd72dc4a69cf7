// Service instances in child processes (bench/lib/ingest-instance.ts), each with its own event loop as in
// production, so "3 instances" means three processes sharing the machine and the database, not one
// event loop serving three apps. Requests to them go over keep-alive HTTP, as a load balancer's would.
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import type { InstanceCall, InstanceReply } from "./instance-protocol.ts";

const SOURCE = path.join(import.meta.dirname, "ingest-instance.ts");
// Built into one file as `npm run build` builds the service, so an instance runs as production does: no
// tsx loader thread (~37 MB) in the memory it reports.
const ENTRY = path.resolve(import.meta.dirname, "../../src/generated/bench-instance.mjs");
let built = false;

function buildEntry(): void {
  if (built) return;
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, "../../bin/build.mjs"), SOURCE, ENTRY, "--no-sourcemap"], { stdio: "inherit" });
  built = true;
}

export interface Instance {
  index: number;
  url: string;
  pid: number;
  ask<T>(req: InstanceCall): Promise<T>;
  /** POST a JSON body; resolves with the status and the body as text. */
  post(pathname: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  stop(): Promise<void>;
}

// Enough sockets that the client never queues requests on its own side: every citizen may have one in flight.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

/** `fromSource`: run the TypeScript through tsx, so a CPU profile names our folders rather than one file. */
export async function startInstance(index: number, env: Record<string, string>, fromSource = false): Promise<Instance> {
  if (!fromSource) buildEntry();
  const child: ChildProcess = fork(fromSource ? SOURCE : ENTRY, [], {
    execArgv: fromSource ? ["--import", "tsx", "--expose-gc"] : ["--expose-gc"],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let seq = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const exited = new Promise<number | null>((res) => child.once("exit", (code) => res(code)));
  const ready = new Promise<{ url: string }>((resolve, reject) => {
    pending.set(0, { resolve: (v) => resolve(v as { url: string }), reject });
  });
  child.on("message", (raw) => {
    const m = raw as InstanceReply;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(`instance ${index}: ${m.error}`));
  });
  void exited.then((code) => {
    for (const p of pending.values()) p.reject(new Error(`instance ${index} exited (${code})`));
    pending.clear();
  });
  const { url } = await ready;
  const u = new URL(url);

  return {
    index,
    url,
    pid: child.pid!,
    ask<T>(req: InstanceCall): Promise<T> {
      const id = ++seq;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: (v) => resolve(v as T), reject });
        child.send({ ...req, id });
      });
    },
    post(pathname, body, headers = {}) {
      const data = Buffer.from(JSON.stringify(body));
      // A keep-alive socket the server closed (its keepAliveTimeout, 5 s, runs out between phases) resets when
      // a request goes out on it: that request never reached the service, so it is sent again, as Node's
      // documentation advises. Again while the failed socket was a reused one: after a pause the pool may hold
      // many such sockets, and each failure removes one. A new socket's failure is an error.
      const attempt = (): Promise<{ status: number; text: string }> => new Promise((resolve, reject) => {
        const req = http.request(
          {
            agent,
            host: u.hostname,
            port: u.port,
            path: pathname,
            method: "POST",
            headers: { "content-type": "application/json", "content-length": data.length, ...headers },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
            res.on("error", reject);
          },
        );
        req.on("error", (e: NodeJS.ErrnoException) => {
          if (req.reusedSocket && e.code === "ECONNRESET") attempt().then(resolve, reject);
          else reject(e);
        });
        req.end(data);
      });
      return attempt();
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const id = ++seq;
      child.send({ type: "stop", id });
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
