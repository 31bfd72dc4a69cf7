// The send-time decision on its own: what a due reminder does given what happened since it was scheduled.
import { describe, expect, it } from "vitest";
import { decideReminder, type DecideContext } from "../../src/invitations/reminders-decision.ts";
import type { ReminderFacts } from "../../src/store/reminders.ts";

const H = 3_600_000;
const now = new Date("2026-11-28T03:00:00Z"); // 10:00 in Ho Chi Minh City
const ctx: DecideContext = { now, delayMs: 24 * H, timeZone: "Asia/Ho_Chi_Minh", recipient: null, recipientStopped: false };
const state = { questionnaireId: "sipas-short", questionnaireVersion: 1, locale: "vi" as const, position: 1, answers: {}, completed: false };

function facts(over: { run?: Partial<NonNullable<ReminderFacts["run"]>> | null; invitation?: Partial<NonNullable<ReminderFacts["invitation"]>> | null } = {}): ReminderFacts {
  return {
    invitation:
      over.invitation === null
        ? null
        : {
            id: "inv1",
            expiresAt: new Date(now.getTime() + 5 * 24 * H),
            deliveryChannel: null,
            deliveryStatus: null,
            deliveryUpdatedAt: null,
            deliveryRetryAt: null,
            ...over.invitation,
          },
    run:
      over.run === null
        ? null
        : { id: "run1", status: "active", channel: "telegram", state, respondentId: "p1", chatId: "42", stoppedAt: null, ...over.run },
    agency: { nameVi: "UBND xã A", nameEn: null },
  };
}

const zaloSent = (o: Partial<NonNullable<ReminderFacts["invitation"]>> = {}) =>
  facts({ run: null, invitation: { deliveryChannel: "zalo-message", deliveryStatus: "sent", deliveryUpdatedAt: new Date(now.getTime() - 25 * H), ...o } });

describe("decideReminder", () => {
  it("re-asks an active run", () => {
    expect(decideReminder(facts(), ctx)).toMatchObject({ action: "send-run", run: { chatId: "42" } });
  });

  it.each([
    ["completed", { status: "completed" }, /completed/],
    ["cancelled (/cancel)", { status: "cancelled" }, /cancelled/],
    ["erased (/delete)", { respondentId: null, chatId: null }, /erased/],
    ["stopped (block, unfollow)", { stoppedAt: new Date(now.getTime() - H) }, /left the channel/],
  ])("drops a run that was %s", (_name, run, reason) => {
    const plan = decideReminder(facts({ run }), ctx);
    expect(plan.action).toBe("cancel");
    expect(plan.action === "cancel" && plan.reason).toMatch(reason);
  });

  it("drops anything after the invitation expired, and whatever no longer exists", () => {
    expect(decideReminder(facts({ invitation: { expiresAt: now } }), ctx)).toMatchObject({ action: "cancel", reason: "the invitation expired" });
    expect(decideReminder(null, ctx)).toMatchObject({ action: "cancel" });
  });

  it("waits for the morning when it comes due at night, unless the invitation expires first", () => {
    const night = { ...ctx, now: new Date("2026-11-28T15:00:00Z") }; // 22:00 local
    expect(decideReminder(facts(), night)).toEqual({ action: "postpone", at: new Date("2026-11-29T00:00:00Z"), reason: "quiet hours" });
    const expiring = facts({ invitation: { expiresAt: new Date("2026-11-28T20:00:00Z") } });
    expect(decideReminder(expiring, night)).toMatchObject({ action: "cancel" });
  });

  it("repeats a Zalo invitation that was delivered and never opened, unless the follower left", () => {
    expect(decideReminder(zaloSent(), { ...ctx, recipient: "zuid" })).toEqual({ action: "send-invitation", invitationId: "inv1", userId: "zuid" });
    expect(decideReminder(zaloSent(), { ...ctx, recipient: "zuid", recipientStopped: true })).toMatchObject({ action: "cancel" });
    expect(decideReminder(zaloSent(), ctx)).toMatchObject({ action: "cancel" }); // no recipient kept
    expect(decideReminder(zaloSent({ deliveryChannel: "zns" }), { ...ctx, recipient: "zuid" })).toMatchObject({ action: "cancel" });
    expect(decideReminder(zaloSent({ deliveryStatus: "failed" }), { ...ctx, recipient: "zuid" })).toMatchObject({ action: "cancel" });
  });

  it("counts from a delivery that only worked on a retry, and waits for a retry still due", () => {
    const lateDelivery = zaloSent({ deliveryUpdatedAt: new Date(now.getTime() - 2 * H) });
    expect(decideReminder(lateDelivery, { ...ctx, recipient: "zuid" })).toMatchObject({ action: "postpone", at: new Date(now.getTime() + 22 * H) });
    const waiting = zaloSent({ deliveryStatus: "failed-retryable", deliveryRetryAt: new Date(now.getTime() + H) });
    expect(decideReminder(waiting, { ...ctx, recipient: "zuid" })).toMatchObject({ action: "postpone", at: new Date(now.getTime() + 25 * H) });
  });

  it("gives a send in flight a moment, and drops one whose outcome was lost", () => {
    const inFlight = zaloSent({ deliveryStatus: "sending", deliveryUpdatedAt: new Date(now.getTime() - 60_000) });
    expect(decideReminder(inFlight, { ...ctx, recipient: "zuid" })).toMatchObject({ action: "postpone" });
    const lost = zaloSent({ deliveryStatus: "sending", deliveryUpdatedAt: new Date(now.getTime() - 2 * H) });
    expect(decideReminder(lost, { ...ctx, recipient: "zuid" })).toMatchObject({ action: "cancel" });
  });
});
