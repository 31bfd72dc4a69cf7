// One service instance for bench/ingest, in a process of its own as in production: startService in webhook
// mode, listening on loopback, its Bot API the benchmark's fake. The benchmark talks to it over IPC for what
// HTTP cannot give: memory after a full GC, a CPU profile of one phase, the stored rows, a clean stop.
// Run by bench/lib/instances.ts (node --expose-gc), never by hand.
import pino from "pino";
import { startService } from "../../src/main.ts";
import { startCpuProfile } from "./cpu-profile.ts";
import { BENCH_BOT_INFO } from "./bench-bot.ts";
import type { InstanceReply, InstanceRequest } from "./instance-protocol.ts";

const send = (m: InstanceReply) => process.send!(m);
const logged: string[] = [];
const logger = pino({ level: "warn" }, { write: (line: string) => void logged.push(line) });

const env: Record<string, string> = {};
for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;

const service = await startService({ env, logger, telegramBotInfo: BENCH_BOT_INFO });
let stopProfile: (() => Promise<void>) | undefined;

async function fullGc(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  // Twice with a turn between: finalizers and weak references freed by the first pass go in the second.
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
}

async function serve(req: InstanceRequest): Promise<unknown> {
  switch (req.type) {
    case "memory":
      await fullGc();
      return process.memoryUsage();
    case "sql":
      return service.db.sql.query(req.text);
    case "profile-start":
      stopProfile = await startCpuProfile(req.file);
      return null;
    case "profile-stop":
      await stopProfile?.();
      stopProfile = undefined;
      return null;
    case "cpu":
      return process.cpuUsage();
    case "logged":
      return logged.splice(0);
    case "stop":
      await service.stop();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on("message", (raw) => {
  const req = raw as InstanceRequest;
  serve(req).then(
    (value) => send({ id: req.id, ok: true, value }),
    (e: Error) => send({ id: req.id, ok: false, error: e.stack ?? e.message }),
  );
});
// The benchmark going away must not leave a service running.
process.on("disconnect", () => void service.stop().finally(() => process.exit(0)));
send({ id: 0, ok: true, value: { url: service.url } });
