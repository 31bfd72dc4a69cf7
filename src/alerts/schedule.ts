// When alerts are checked: node-cron fires HAILONG_ALERT_CRON in the display time zone on every instance,
// and each firing runs one check. Nothing is claimed per firing: the conditions themselves are claimed
// (check.ts), so instances firing together, a firing repeated after a restart, or a firing missed while all
// were down change nothing but when an alert goes out.
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.ts";
import type { AlertCheck, CheckSummary } from "./check.ts";

export interface AlertSchedulerDeps {
  check: AlertCheck;
  cron: string;
  timeZone: string;
  now: () => Date;
  logger: Logger;
  /** Told after a check claimed alerts with rows, e.g. to run the outbox at once rather than at its next poll. */
  onClaimed?: (rows: number) => void;
}

export interface AlertScheduler {
  /** One check now; the summary says what it claimed. */
  checkNow(): Promise<CheckSummary>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createAlertScheduler(d: AlertSchedulerDeps): AlertScheduler {
  const log = d.logger.child({ component: "alert-schedule" });
  let running: Promise<CheckSummary> | undefined;

  async function checkNow(): Promise<CheckSummary> {
    // A firing while a check runs joins it: two checks of one instance would only find each other's claims.
    running ??= d.check.run(d.now()).finally(() => (running = undefined));
    const sum = await running;
    const rows = sum.claimed.reduce((s, c) => s + c.rows, 0);
    if (rows > 0) d.onClaimed?.(rows);
    return sum;
  }

  const task: ScheduledTask = cron.createTask(
    d.cron,
    () => void checkNow().catch((e: Error) => log.error({ err: e.message }, "alert check failed")),
    {
      timezone: d.timeZone,
      name: "alerts",
      noOverlap: true,
      logger: {
        info: (msg) => log.debug(msg),
        warn: (msg) => log.warn(msg),
        error: (msg, err) => log.error({ err: err ?? msg }, "node-cron error"),
        debug: (msg) => log.debug({ msg }, "node-cron"),
      },
    },
  );

  return {
    checkNow,
    async start() {
      await task.start();
      log.info({ cron: d.cron, timeZone: d.timeZone }, "alert schedule started");
    },
    async stop() {
      await task.destroy();
      await running?.catch(() => undefined);
    },
  };
}
