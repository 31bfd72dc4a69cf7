// Retries Zalo invitation sends recorded as failed-retryable (night window, quota, rate limit) once their retry
// time has come, through the same sender as the first attempt. Its claim is swapped for one that takes a
// failed-retryable row back to "sending", so across instances exactly one retries each, and the outcome is
// recorded on the invitation as before. Runs as a sweep of the outbox worker, never at night.
import type { ZaloClient } from "../channels/zalo/client.ts";
import type { Logger } from "../logger.ts";
import type { Sweep } from "../outbox/worker.ts";
import type { InvitationStore } from "../store/invitations.ts";
import type { ReminderStore } from "../store/reminders.ts";
import { isQuiet } from "./quiet-hours.ts";
import type { ReminderScheduler } from "./reminders.ts";
import { createZaloInvitationDelivery } from "./zalo-delivery.ts";

export interface DeliveryRetryDeps {
  store: Pick<ReminderStore, "dueDeliveryRetries" | "retryTarget" | "claimDeliveryRetry">;
  invitations: Pick<InvitationStore, "findById" | "switchDeliveryChannel" | "recordDelivery">;
  client: Pick<ZaloClient, "sendTemplateByPhone" | "sendTextWithButtons">;
  znsConfigured: boolean;
  reminders: Pick<ReminderScheduler, "invitationSent">;
  logger: Logger;
  now: () => Date;
  timeZone: string;
}

const BATCH = 50;

export function createDeliveryRetrySweep(deps: DeliveryRetryDeps): Sweep {
  const log = deps.logger.child({ component: "invitation-retry" });
  const sender = createZaloInvitationDelivery({
    client: deps.client,
    znsConfigured: deps.znsConfigured,
    store: {
      claimDelivery: (id, channel, at) => deps.store.claimDeliveryRetry(id, channel, at),
      switchDeliveryChannel: (id, channel, at) => deps.invitations.switchDeliveryChannel(id, channel, at),
      recordDelivery: (id, d) => deps.invitations.recordDelivery(id, d),
    },
    logger: deps.logger,
    now: deps.now,
    timeZone: deps.timeZone,
    // The sweep has no caller waiting: let each send finish, so its outcome is known before the next.
    waitMs: 120_000,
  });

  async function retry(id: string, now: Date): Promise<void> {
    const target = await deps.store.retryTarget(id);
    const inv = target ? await deps.invitations.findById(id) : null;
    if (!target || !inv) return;
    // Nobody can answer an expired invitation, and a phone needs a ZNS template: settle those instead.
    const unsendable =
      inv.expiresAt.getTime() <= now.getTime()
        ? "expired before it could be delivered"
        : target.channel === "zns" && !deps.znsConfigured
          ? "ZALO_ZNS_TEMPLATE_ID is no longer set"
          : null;
    if (unsendable) {
      if (await deps.store.claimDeliveryRetry(id, target.channel, now)) {
        await deps.invitations.recordDelivery(id, { channel: target.channel, status: "failed", at: now, error: unsendable });
      }
      return;
    }
    const contact = target.channel === "zns" ? { phone: target.recipient } : { zaloUserId: target.recipient };
    const view = await sender.deliver(inv, contact);
    log.info({ invitationId: id, channel: view.channel, status: view.status }, "invitation send retried");
    if (view.channel === "zalo-message" && view.status === "sent") await deps.reminders.invitationSent(id, target.recipient, deps.now());
  }

  return {
    name: "zalo-invitation-retry",
    async run(now) {
      if (isQuiet(now, deps.timeZone)) return;
      for (const id of await deps.store.dueDeliveryRetries(now, BATCH)) {
        await retry(id, now).catch((e: Error) => log.error({ invitationId: id, err: e.message }, "invitation retry failed"));
      }
    },
  };
}
