// Sends a fresh invitation over Zalo: an OA message to a follower's user id (free, but only inside the 7-day
// interaction window), else a ZNS template to the phone (tracking_id = invitation id). At most once: the
// invitation row is claimed before anything is sent, and the outcome is written back to it. The API waits a
// bounded time; a slower Zalo finishes in the background and its outcome is recorded all the same.
import type { Logger } from "pino";
import type { ZaloClient, ZaloFailure } from "../channels/zalo/client.ts";
import { normalizeVietnamPhone } from "../channels/zalo/phone.ts";
import type { Invitation, InvitationStore } from "../store/invitations.ts";
import type { DeliveryView, InvitationDelivery } from "./delivery.ts";
import type { DossierContact } from "./dossier-payload.ts";
import { csInvitation, znsTemplateData } from "./zalo-invite-text.ts";

export interface ZaloInvitationDeliveryDeps {
  client: Pick<ZaloClient, "sendTemplateByPhone" | "sendTextWithButtons">;
  /** Whether ZALO_ZNS_TEMPLATE_ID is set: without a template a phone number cannot be used. */
  znsConfigured: boolean;
  store: Pick<InvitationStore, "claimDelivery" | "switchDeliveryChannel" | "recordDelivery">;
  logger: Logger;
  now: () => Date;
  timeZone: string;
  /** How long the dossier API waits for Zalo before answering "pending" (default 5 s). */
  waitMs?: number;
}

export interface ZaloInvitationDelivery extends InvitationDelivery {
  /** Resolves when no background send is running (shutdown, tests). */
  idle(): Promise<void>;
}

type Attempt = { channel: "zalo-message"; userId: string } | { channel: "zns"; phone: string };

/** A retryable failure without a provider hint (unreachable, token refresh failing) is retried after this. */
const DEFAULT_RETRY_S = 300;

/** A CS refusal that says "not through this OA message", not "not at all": the phone may still reach them. */
function fallsBackToPhone(r: ZaloFailure): boolean {
  return !r.retryable && (r.failure === "window-expired" || r.failure === "recipient-stopped");
}

export function createZaloInvitationDelivery(deps: ZaloInvitationDeliveryDeps): ZaloInvitationDelivery {
  const log = deps.logger.child({ component: "invitation-delivery" });
  const waitMs = deps.waitMs ?? 5_000;
  const inFlight = new Set<Promise<unknown>>();

  function plan(contact: DossierContact): { attempts: Attempt[]; why: string } {
    const attempts: Attempt[] = [];
    if (contact.zaloUserId) attempts.push({ channel: "zalo-message", userId: contact.zaloUserId });
    const phone = contact.phone ? normalizeVietnamPhone(contact.phone) : undefined;
    if (phone && deps.znsConfigured) attempts.push({ channel: "zns", phone });
    const why = contact.phone && !deps.znsConfigured ? "a phone number needs a ZNS template, and ZALO_ZNS_TEMPLATE_ID is not set" : "";
    return { attempts, why };
  }

  function send(a: Attempt, inv: Invitation) {
    if (a.channel === "zns") {
      return deps.client.sendTemplateByPhone({ phone: a.phone, trackingId: inv.id, templateData: znsTemplateData(inv, deps.timeZone) });
    }
    const m = csInvitation(inv, deps.timeZone);
    return deps.client.sendTextWithButtons(a.userId, m.text, [m.button]);
  }

  async function run(inv: Invitation, attempts: Attempt[]): Promise<DeliveryView> {
    const notes: string[] = [];
    for (let i = 0; i < attempts.length; i++) {
      const a = attempts[i]!;
      if (i > 0) await deps.store.switchDeliveryChannel(inv.id, a.channel, deps.now());
      const r = await send(a, inv);
      const at = deps.now();
      if (r.ok) {
        await deps.store.recordDelivery(inv.id, { channel: a.channel, status: "sent", at, ...(r.messageId ? { messageId: r.messageId } : {}) });
        const how = a.channel === "zns" ? "sent as a ZNS template to the phone (tracking_id = invitation id)" : "sent as an OA message to the follower";
        return { channel: a.channel, status: "sent", reason: [...notes, how].join("; ") };
      }
      const next = attempts[i + 1];
      if (next && fallsBackToPhone(r)) {
        notes.push(`the OA message was refused (${r.detail ?? r.failure}), so the phone was used`);
        continue;
      }
      const retryable = r.retryable;
      await deps.store.recordDelivery(inv.id, {
        channel: a.channel,
        status: retryable ? "failed-retryable" : "failed",
        at,
        error: r.detail ?? r.failure,
        ...(retryable
          ? { retryAt: new Date(at.getTime() + (r.retryAfterSeconds ?? DEFAULT_RETRY_S) * 1000), recipient: a.channel === "zns" ? a.phone : a.userId }
          : {}),
      });
      log.warn({ invitationId: inv.id, channel: a.channel, failure: r.failure, retryable, code: r.code }, "invitation not sent");
      const tail = retryable ? "kept for a retry by the reminder job" : "not retried";
      return { channel: a.channel, status: "failed", reason: [...notes, `${r.detail ?? r.failure}; ${tail}`].join("; ") };
    }
    // plan() never yields an empty list to run(); this keeps the types honest.
    return { channel: "none", status: "skipped", reason: "nothing to send" };
  }

  return {
    async deliver(inv, contact) {
      const { attempts, why } = plan(contact);
      const first = attempts[0];
      if (!first) return { channel: "none", status: "skipped", reason: why || "no usable contact" };
      if (!(await deps.store.claimDelivery(inv.id, first.channel, deps.now()))) {
        // Another request for the same dossier holds (or held) the send: never a second one.
        return { channel: first.channel, status: "pending", reason: "another request is sending this invitation; repeat the request to read the outcome" };
      }
      const work = run(inv, attempts).catch((e: Error): DeliveryView => {
        log.error({ invitationId: inv.id, err: e.message }, "invitation send outcome could not be recorded; left as sending (not resent)");
        return { channel: first.channel, status: "pending", reason: `the outcome could not be recorded (${e.message}); it is not resent automatically` };
      });
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs)));
      const outcome = await Promise.race([work, late]);
      clearTimeout(timer);
      return (
        outcome ?? {
          channel: first.channel,
          status: "pending",
          reason: `Zalo had not answered within ${waitMs} ms; the outcome is recorded on the invitation when it comes (repeat the request to read it)`,
        }
      );
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
