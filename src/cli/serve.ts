// `hailong serve`: the service (HTTP API, Telegram, housekeeping) until SIGINT/SIGTERM.
import { startService } from "../main.ts";
import type { Command } from "./command.ts";

/**
 * A stop that is not over by then exits anyway. Under the 10 s a supervisor gives before SIGKILL (and that
 * the operations section promises), so the exit and its last log line land inside it.
 */
const SHUTDOWN_DEADLINE_MS = 9_000;

export const serveCommand: Command = {
  summary: "run the service (HTTP API, Telegram bot) on the configured database",
  usage: "hailong serve",
  // A second service on the same embedded database fails on its lock, which says why.
  whileServiceRuns: "local",
  async run(_argv, ctx) {
    const service = await startService({ env: ctx.env, logger: ctx.logger, adminCommands: ctx.runCommand });
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        ctx.logger.info({ signal }, "shutting down");
        const force = setTimeout(() => {
          ctx.logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, "shutdown took longer than its deadline; exiting anyway");
          process.exit(1);
        }, SHUTDOWN_DEADLINE_MS);
        force.unref();
        void service.stop().then(resolve);
      };
      process.once("SIGINT", () => stop("SIGINT"));
      process.once("SIGTERM", () => stop("SIGTERM"));
    });
    return 0;
  },
};
