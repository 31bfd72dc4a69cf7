// `hailong serve`: the service (HTTP API, Telegram, housekeeping) until SIGINT/SIGTERM.
import { startService } from "../main.ts";
import type { Command } from "./command.ts";

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
          ctx.logger.error("shutdown took longer than 10 s; exiting anyway");
          process.exit(1);
        }, 10_000);
        force.unref();
        void service.stop().then(resolve);
      };
      process.once("SIGINT", () => stop("SIGINT"));
      process.once("SIGTERM", () => stop("SIGTERM"));
    });
    return 0;
  },
};
