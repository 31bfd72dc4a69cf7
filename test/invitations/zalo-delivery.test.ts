// The invitation sender on its own, with a scripted Zalo client and an in-memory claim: a slow Zalo answers
// "pending" at once and still records its outcome; concurrent requests send once; a lost database write
// leaves "sending" (maybe sent) rather than a resend.
import { describe, expect, it } from "vitest";
import type { ZaloClient, ZaloTemplateResult } from "../../src/channels/zalo/client.ts";
import { createZaloInvitationDelivery } from "../../src/invitations/zalo-delivery.ts";
import { silentLogger } from "../../src/logger.ts";
import type { DeliveryRecord, Invitation, InvitationStore } from "../../src/store/invitations.ts";

const invitation: Invitation = {
  id: "inv_0123456789abcd",
  token: "tok_0123456789abcdefghi",
  dossierCode: "HS-1",
  agencyId: 1,
  agencyCode: "A1",
  agencyNameVi: "Cơ quan A1",
  agencyNameEn: null,
  questionnaireId: "sipas-short",
  procedureCode: null,
  procedureName: null,
  completedAt: new Date("2026-11-27T01:00:00Z"),
  locale: "vi",
  expiresAt: new Date("2026-12-27T01:00:00Z"),
  createdAt: new Date("2026-11-27T01:00:00Z"),
  response: null,
  delivery: null,
};

function memoryStore(opts: { failRecord?: boolean } = {}) {
  const rows = new Map<string, { status: string; channel: string; record?: DeliveryRecord }>();
  const store: Pick<InvitationStore, "claimDelivery" | "switchDeliveryChannel" | "recordDelivery"> = {
    async claimDelivery(id, channel) {
      if (rows.has(id)) return false;
      rows.set(id, { status: "sending", channel });
      return true;
    },
    async switchDeliveryChannel(id, channel) {
      const r = rows.get(id);
      if (r?.status === "sending") r.channel = channel;
    },
    async recordDelivery(id, d) {
      if (opts.failRecord) throw new Error("database went away");
      const r = rows.get(id);
      if (r?.status === "sending") Object.assign(r, { status: d.status, channel: d.channel, record: d });
    },
  };
  return { store, rows };
}

function client(answer: () => Promise<ZaloTemplateResult>) {
  const calls: string[] = [];
  const c: Pick<ZaloClient, "sendTemplateByPhone" | "sendTextWithButtons"> = {
    async sendTemplateByPhone(input) {
      calls.push(`zns:${input.phone}:${input.trackingId}`);
      return answer();
    },
    async sendTextWithButtons(userId) {
      calls.push(`cs:${userId}`);
      return answer();
    },
  };
  return { client: c, calls };
}

const base = { logger: silentLogger(), now: () => new Date("2026-11-27T03:00:00Z"), timeZone: "Asia/Ho_Chi_Minh", znsConfigured: true };

describe("Zalo invitation delivery", () => {
  it("answers pending when Zalo is slow, and records the outcome when it comes", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { client: c } = client(async () => {
      await gate;
      return { ok: true, messageId: "m1" };
    });
    const { store, rows } = memoryStore();
    const d = createZaloInvitationDelivery({ ...base, client: c, store, waitMs: 20 });
    const view = await d.deliver(invitation, { phone: "0987654321" });
    expect(view).toMatchObject({ channel: "zns", status: "pending" });
    expect(rows.get(invitation.id)?.status).toBe("sending");
    release();
    await d.idle();
    expect(rows.get(invitation.id)).toMatchObject({ status: "sent", record: { messageId: "m1" } });
  });

  it("sends once when two requests for the same invitation race", async () => {
    const { client: c, calls } = client(async () => ({ ok: true, messageId: "m2" }));
    const { store } = memoryStore();
    const d = createZaloInvitationDelivery({ ...base, client: c, store });
    const views = await Promise.all([d.deliver(invitation, { phone: "0987654321" }), d.deliver(invitation, { phone: "0987654321" })]);
    expect(calls).toEqual(["zns:84987654321:inv_0123456789abcd"]);
    expect(views.map((v) => v.status).sort()).toEqual(["pending", "sent"]);
  });

  it("keeps an unrecordable outcome as sending (maybe sent), never resending", async () => {
    const { client: c, calls } = client(async () => ({ ok: true, messageId: "m3" }));
    const { store, rows } = memoryStore({ failRecord: true });
    const d = createZaloInvitationDelivery({ ...base, client: c, store });
    const view = await d.deliver(invitation, { phone: "0987654321" });
    expect(view.status).toBe("pending");
    expect(view.reason).toContain("database went away");
    expect(rows.get(invitation.id)?.status).toBe("sending");
    expect(await d.deliver(invitation, { phone: "0987654321" })).toMatchObject({ status: "pending" });
    expect(calls).toHaveLength(1);
  });

  it("skips a phone when no ZNS template is configured, saying so", async () => {
    const { client: c, calls } = client(async () => ({ ok: true, messageId: "m4" }));
    const { store, rows } = memoryStore();
    const d = createZaloInvitationDelivery({ ...base, znsConfigured: false, client: c, store });
    const view = await d.deliver(invitation, { phone: "0987654321" });
    expect(view).toMatchObject({ status: "skipped" });
    expect(view.reason).toContain("ZALO_ZNS_TEMPLATE_ID");
    expect(calls).toHaveLength(0);
    expect(rows.size).toBe(0);
  });

  it("records a retryable failure with the recipient and a retry time; a final one without", async () => {
    const { client: c } = client(async () => ({ ok: false, failure: "quiet-hours", retryable: true, retryAfterSeconds: 3600, detail: "zalo -133", code: -133 }));
    const { store, rows } = memoryStore();
    const d = createZaloInvitationDelivery({ ...base, client: c, store });
    expect(await d.deliver(invitation, { phone: "+84987654321" })).toMatchObject({ channel: "zns", status: "failed" });
    const rec = rows.get(invitation.id)!.record!;
    expect(rec).toMatchObject({ status: "failed-retryable", recipient: "84987654321", error: "zalo -133" });
    expect(rec.retryAt!.toISOString()).toBe("2026-11-27T04:00:00.000Z");

    const { client: c2 } = client(async () => ({ ok: false, failure: "bad-request", retryable: false, detail: "zalo -108", code: -108 }));
    const second = memoryStore();
    const d2 = createZaloInvitationDelivery({ ...base, client: c2, store: second.store });
    await d2.deliver(invitation, { phone: "0987654321" });
    expect(second.rows.get(invitation.id)!.record).toMatchObject({ status: "failed", error: "zalo -108" });
    expect(second.rows.get(invitation.id)!.record!.recipient).toBeUndefined();
  });
});
