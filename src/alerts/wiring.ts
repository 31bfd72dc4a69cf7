// The alert parts built together from what the composition root has: the check and its schedule, the
// /alerts feature for the staff router, and the outbox handler that sends each alert row.
import type { Config } from "../config.ts";
import type { Translate } from "../i18n.ts";
import { randomId } from "../ids.ts";
import type { Logger } from "../logger.ts";
import type { Channel } from "../messages.ts";
import type { JobHandler } from "../outbox/worker.ts";
import { computeIndices } from "../reports/indices-service.ts";
import type { StaffFeature } from "../staff/feature.ts";
import type { Database } from "../store/database.ts";
import type { StaffStore } from "../store/staff.ts";
import type { Stores } from "../store/stores.ts";
import { createAlertsFeature } from "./bot-feature.ts";
import { createAlertCheck } from "./check.ts";
import { createAlertScheduler, type AlertScheduler } from "./schedule.ts";
import { createAlertJobHandler } from "./send-job.ts";

export interface AlertsDeps {
  db: Database;
  stores: Pick<Stores, "alerts" | "subscriptions" | "agencies" | "audit">;
  config: Pick<Config, "alertCron" | "timeZone" | "minN" | "publicBaseUrl">;
  t: Translate;
  logger: Logger;
  now: () => Date;
  /** This instance's name in alert_claim.claimed_by (default random). */
  id?: string;
}

export interface Alerts {
  scheduler: AlertScheduler;
  /** /alerts for the staff router. */
  feature(): StaffFeature;
  /** Sends the outbox's alert rows on the staff channel. */
  jobHandler(o: { staff: Pick<StaffStore, "get" | "markStopped">; channel: () => Channel | undefined }): JobHandler;
  /** What to do once a check claimed alerts (the composition root runs the outbox). */
  afterClaim(fn: () => void): void;
}

export function createAlerts(d: AlertsDeps): Alerts {
  const { alerts, subscriptions, agencies } = d.stores;
  const check = createAlertCheck({
    alerts,
    subscriptions,
    agencies,
    report: (q) => computeIndices(d.db, q),
    timeZone: d.config.timeZone,
    minN: d.config.minN,
    logger: d.logger,
    id: d.id ?? `alerts-${randomId(6)}`,
  });
  let claimed = () => {};
  const scheduler = createAlertScheduler({ check, cron: d.config.alertCron, timeZone: d.config.timeZone, now: d.now, logger: d.logger, onClaimed: () => claimed() });
  return {
    scheduler,
    feature: () => createAlertsFeature({ alerts, agencies, audit: d.stores.audit, now: d.now, t: d.t }),
    jobHandler: (o) => createAlertJobHandler({ alerts, staff: o.staff, channel: o.channel, t: d.t, publicBaseUrl: d.config.publicBaseUrl }),
    afterClaim(fn) {
      claimed = fn;
    },
  };
}
