// The whole service against a fake Zalo OA on loopback: a dossier with the citizen's phone → ZNS invitation
// (tracking_id = invitation id) → the citizen sends "/start <token>" in the OA chat (a signed webhook) →
// answers by hidden button payloads, by typed words and through the numbered prompt → the stored answers and
// the indices are exactly what was given; a ZBS rating delivered twice is stored once; delivery receipts,
// unfollows and the OA-message path with its fallback are recorded on the invitation and the respondent.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZaloCsRequest } from "../../src/channels/zalo/client.ts";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { createPseudonymizer } from "../../src/survey/pseudonym.ts";
import { APP_ID, APP_SECRET, OA_ID, sign, zaloServiceEnv } from "../channels/zalo/helpers.ts";
import { PATHS, startFakeZaloOa, type FakeZaloOa } from "../fakes/zalo-oa.ts";
import { createPgDatabase, databaseKinds, tempDir } from "../helpers/databases.ts";
import { testClock, vnDay, vnIso } from "../helpers/clock.ts";

const API_KEY = "test-key-0123456789abcdef";
const SECRET = "e2e-secret-0123456789abcdef0123456789";
const TEMPLATE_ID = "7895417a7d3f9461cd2e";
const CITIZEN = "6142494823190448412";
const AGENCY = { agencyCode: "LSN-TTPVHCC", agencyName: "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn" };

type Delivery = { channel: string; status: string; reason: string };
type Created = { token: string; telegramUrl: string | null; expiresAt: string; delivery: Delivery };

describe.each(await databaseKinds())("Zalo survey end to end on %s", (kind) => {
  let fake: FakeZaloOa;
  let service: Service;
  let dropPg: (() => Promise<void>) | undefined;
  const dataDir = tempDir();
  let msgSeq = 0;
  // Every time the test writes or asks about comes from this clock, which is also the service's.
  const clock = testClock();
  const completedAt = vnIso(new Date(clock.now().getTime() - 3_600_000));
  const ms = (offsetMs = 0) => String(clock.now().getTime() + offsetMs);

  beforeAll(async () => {
    fake = await startFakeZaloOa({ appId: APP_ID, appSecret: APP_SECRET, refreshToken: "RT-initial-from-env" });
    const env: Record<string, string> = {
      HAILONG_DATA_DIR: dataDir,
      HAILONG_SECRET: SECRET,
      PORT: "0",
      HAILONG_API_KEYS: API_KEY,
      LOG_LEVEL: "silent",
      ...zaloServiceEnv(fake.url),
      ZALO_ZNS_TEMPLATE_ID: TEMPLATE_ID,
      // Six: a Likert question with one extra button (back, or the language switch) is shown with buttons,
      // the optional ones (back + skip) and the six-option choice fall back to the numbered text prompt.
      ZALO_MAX_BUTTONS: "6",
    };
    if (kind === "postgresql") {
      const pg = await createPgDatabase();
      env.DATABASE_URL = pg.url;
      dropPg = pg.drop;
    }
    service = await startService({ env, logger: silentLogger(), now: clock.now });
  });

  afterAll(async () => {
    await service?.stop();
    await fake?.close();
    await dropPg?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${service.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", ...(init.headers ?? {}) },
    });

  const dossier = (dossierCode: string, contact?: Record<string, string>) =>
    api("/api/v1/dossiers", {
      method: "POST",
      body: JSON.stringify({ dossierCode, ...AGENCY, procedureName: "Cấp giấy phép xây dựng", completedAt, ...(contact ? { contact } : {}) }),
    });

  /** Posts one signed webhook event and waits until the service has processed it. */
  async function webhook(event: Record<string, unknown>): Promise<void> {
    const timestamp = ms();
    const raw = JSON.stringify({ ...event, app_id: APP_ID, timestamp });
    const res = await fetch(`${service.url}/webhooks/zalo`, { method: "POST", body: raw, headers: { "content-type": "application/json", "x-zevent-signature": sign(raw, timestamp) } });
    expect(res.status).toBe(200);
    await service.zalo!.drain();
  }

  /** The citizen writes (or a hidden button sends) `text`; returns the OA messages the service sent back. */
  async function say(text: string, user = CITIZEN): Promise<ZaloCsRequest[]> {
    const before = fake.callsTo(PATHS.cs).length;
    const msgId = `e2e${String(++msgSeq).padStart(17, "0")}`;
    await webhook({ event_name: "user_send_text", sender: { id: user }, recipient: { id: OA_ID }, message: { text, msg_id: msgId }, user_id_by_app: "979122185046046317" });
    return fake.callsTo(PATHS.cs).slice(before).map((c) => c.json as ZaloCsRequest);
  }

  /** Taps the button of the last OA message whose title starts with `label`: Zalo sends its hidden payload back as text. */
  let lastMessage: ZaloCsRequest | undefined;
  async function tap(label: string): Promise<ZaloCsRequest[]> {
    const buttons = lastMessage?.message.attachment?.payload.buttons ?? [];
    const b = buttons.find((x) => x.title.startsWith(label));
    if (!b || typeof b.payload !== "string") throw new Error(`no button "${label}" in ${JSON.stringify(buttons)}`);
    expect(b.type).toBe("oa.query.hide");
    expect(b.payload.startsWith("#hl:")).toBe(true);
    return remember(await say(b.payload));
  }
  async function type(text: string): Promise<ZaloCsRequest[]> {
    return remember(await say(text));
  }
  function remember(sent: ZaloCsRequest[]): ZaloCsRequest[] {
    expect(sent.length).toBeGreaterThan(0);
    sent.forEach((m) => expect(m.recipient.user_id).toBe(CITIZEN));
    lastMessage = sent.at(-1);
    return sent;
  }

  it("invites by ZNS, surveys by buttons and typed text, and publishes exactly that", async () => {
    const created = await dossier("000.00.20.H33-261127-0101", { phone: "0987 654 321" });
    expect(created.status).toBe(201);
    const inv = (await created.json()) as Created;
    expect(inv.telegramUrl).toBeNull();
    expect(inv.delivery).toMatchObject({ channel: "zns", status: "sent" });
    expect(inv.delivery.reason).toContain("ZNS");

    const zns = fake.callsTo(PATHS.zns);
    expect(zns).toHaveLength(1);
    const sentZns = zns[0]!.json as { phone: string; template_id: string; tracking_id: string; template_data: Record<string, string> };
    const row = await service.db.prisma.invitation.findUniqueOrThrow({ where: { token: inv.token } });
    expect(sentZns.phone).toBe("84987654321");
    expect(sentZns.template_id).toBe(TEMPLATE_ID);
    expect(sentZns.tracking_id).toBe(row.id);
    expect(sentZns.tracking_id.length).toBeLessThanOrEqual(48);
    expect(sentZns.template_data).toEqual({
      agency_name: AGENCY.agencyName,
      dossier_code: "000.00.20.H33-261127-0101",
      token: inv.token,
      start_text: `bắt đầu ${inv.token}`,
      expires_on: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/) as unknown as string,
    });
    // The phone served its one send and is not kept.
    expect(row).toMatchObject({ deliveryChannel: "zns", deliveryStatus: "sent", deliveryRecipient: null, deliveredAt: null });
    expect(row.zaloMessageId).toMatch(/^[0-9a-f]{20}$/);

    // The same dossier again: the same invitation and the recorded delivery, no second ZNS.
    const again = await dossier("000.00.20.H33-261127-0101", { phone: "0987654321" });
    expect(again.status).toBe(200);
    const second = (await again.json()) as Created;
    expect(second.token).toBe(inv.token);
    expect(second.delivery).toMatchObject({ channel: "zns", status: "sent" });
    expect(second.delivery.reason).toContain("already sent");
    expect(fake.callsTo(PATHS.zns)).toHaveLength(1);

    const deliveryTime = ms(-60_000);
    // Zalo's delivery receipt for the ZNS (recipient = the phone, tracking_id = invitation id).
    await webhook({ event_name: "user_received_message", oa_id: OA_ID, sender: { id: OA_ID }, recipient: { id: "84987654321" }, message: { delivery_time: deliveryTime, msg_id: "d0000000000000000001", tracking_id: row.id } });
    expect((await service.db.prisma.invitation.findUniqueOrThrow({ where: { id: row.id } })).deliveredAt?.getTime()).toBe(Number(deliveryTime));

    // The citizen opens the OA chat and sends the start words from the message.
    const [first] = remember(await say(`/start ${inv.token}`));
    expect(first!.message.text).toContain(AGENCY.agencyName);
    expect(first!.message.text).toContain("Câu 1/8");
    const titles = first!.message.attachment!.payload.buttons.map((b) => b.title);
    expect(titles).toHaveLength(6); // five Likert buttons and the language switch
    titles.slice(0, 5).forEach((title, i) => expect(title.startsWith(String(i + 1))).toBe(true));

    await tap("4"); // access, by button
    const [q3] = await type("3"); // procedures, typed while buttons were shown
    expect(q3!.message.text).toContain("Câu 3/8");
    const [q4] = await type("rat hai long"); // civil servants, words without diacritics → 5
    expect(q4!.message.text).toContain("Câu 4/8");
    const [q5] = await tap("2"); // results, by button
    // The optional item has back + skip too: seven buttons do not fit, so a numbered prompt comes instead.
    expect(q5!.message.text).toContain("Câu 5/8");
    expect(q5!.message.attachment).toBeUndefined();
    expect(q5!.message.text).toContain("1 · Rất không hài lòng");
    expect(q5!.message.text).toContain("gõ số 1–5");
    const [q6] = await type("5"); // feedback, by number
    expect(q6!.message.text).toContain("Câu 6/8");
    expect(q6!.message.attachment?.payload.buttons).toHaveLength(6);
    const [q7] = await tap("4"); // overall, by button
    expect(q7!.message.attachment).toBeUndefined();
    expect(q7!.message.text).toContain("Ứng dụng CNTT, chuyển đổi số");
    const [q8] = await type("5"); // improve: the fifth option, typed
    expect(q8!.message.text).toContain("Câu 8/8");
    const [done] = await type("Cán bộ nhiệt tình, nhưng phải chờ lâu.");
    expect(done!.message.text).toContain("Cảm ơn");

    const answers = await service.db.prisma.answer.findMany({ orderBy: { id: "asc" }, select: { itemId: true, score: true, choice: true, text: true, skipped: true } });
    expect(answers).toEqual([
      { itemId: "access", score: 4, choice: null, text: null, skipped: false },
      { itemId: "procedures", score: 3, choice: null, text: null, skipped: false },
      { itemId: "civil_servants", score: 5, choice: null, text: null, skipped: false },
      { itemId: "results", score: 2, choice: null, text: null, skipped: false },
      { itemId: "feedback", score: 5, choice: null, text: null, skipped: false },
      { itemId: "overall", score: 4, choice: null, text: null, skipped: false },
      { itemId: "improve", score: null, choice: "digital", text: null, skipped: false },
      { itemId: "comment", score: null, choice: null, text: "Cán bộ nhiệt tình, nhưng phải chờ lâu.", skipped: false },
    ]);
    const responses = await service.db.prisma.response.findMany();
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ status: "completed", channel: "zalo", invitationId: row.id, walkIn: false, questionnaireId: "sipas-short" });

    // A ZBS rating for an invitation already answered in the chat keeps the citizen's own overall answer.
    await webhook({ event_name: "user_feedback", oa_id: OA_ID, message: { rating_type: "csat", option: "five_emotions", rate: 1, submit_time: ms(), msg_id: "f0000000000000000001", feedbacks: [], tracking_id: row.id } });
    expect(await service.db.prisma.answer.findMany({ where: { itemId: "overall" }, select: { score: true } })).toEqual([{ score: 4 }]);

    // A second dossier rated only through the ZBS template; the rating arrives twice (a redelivery with the
    // same msg_id, and the same rating again under another msg_id): one response, one overall answer.
    const rated = (await (await dossier("000.00.20.H33-261127-0102", { phone: "+84912345678" })).json()) as Created;
    expect(rated.delivery).toMatchObject({ channel: "zns", status: "sent" });
    const ratedId = (fake.callsTo(PATHS.zns).at(-1)!.json as { tracking_id: string }).tracking_id;
    const feedback = (msgId: string) => ({
      event_name: "user_feedback",
      oa_id: OA_ID,
      message: { rating_type: "csat", option: "five_emotions", note: "Nhanh", rate: 5, submit_time: ms(), msg_id: msgId, feedbacks: ["Nhanh chóng"], tracking_id: ratedId },
    });
    await webhook(feedback("f0000000000000000002"));
    await webhook(feedback("f0000000000000000002"));
    await webhook(feedback("f0000000000000000003"));
    const ratedResponses = await service.db.prisma.response.findMany({ where: { invitationId: ratedId }, include: { answers: { select: { itemId: true, score: true } } } });
    expect(ratedResponses).toHaveLength(1);
    expect(ratedResponses[0]).toMatchObject({ status: "completed", channel: "zalo", respondentId: null, answers: [{ itemId: "overall", score: 5 }] });
    expect(await service.db.prisma.answer.count()).toBe(9);

    // The indices count both responses: the full survey for every item, the rating for "overall" only.
    const res = await api(`/api/v1/indices?from=${vnDay(clock.now(), -2)}&to=${vnDay(clock.now(), 2)}&agency=${AGENCY.agencyCode}`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { groups: { key: string; n: number; items: { itemId: string; n: number; mean: number | null }[]; overallItem: { n: number; mean: number | null } | null }[] };
    const group = report.groups.find((g) => g.key === AGENCY.agencyCode);
    expect(group).toBeDefined();
    expect(group!.n).toBe(2);
    const item = (id: string) => group!.items.find((i) => i.itemId === id);
    expect(item("access")).toMatchObject({ n: 1, mean: 4 });
    expect(item("procedures")).toMatchObject({ n: 1, mean: 3 });
    expect(item("civil_servants")).toMatchObject({ n: 1, mean: 5 });
    expect(item("results")).toMatchObject({ n: 1, mean: 2 });
    expect(item("feedback")).toMatchObject({ n: 1, mean: 5 });
    expect(group!.overallItem).toMatchObject({ n: 2, mean: 4.5 });

    // The citizen unfollows the OA: their respondent is marked stopped for the reminders.
    await webhook({ event_name: "unfollow", oa_id: OA_ID, follower: { id: CITIZEN }, source: "oa_profile" });
    const respondentId = createPseudonymizer(SECRET)("zalo", CITIZEN);
    expect((await service.db.prisma.respondent.findUniqueOrThrow({ where: { id: respondentId } })).stoppedAt).not.toBeNull();
  });

  it("sends to a follower's user id, falls back to ZNS outside the 7-day window, and keeps failures for a retry", async () => {
    // A follower inside the window: one OA message with a start button carrying the token.
    const direct = (await (await dossier("000.00.20.H33-261127-0201", { zaloUserId: "7000000000000000001" })).json()) as Created;
    expect(direct.delivery).toMatchObject({ channel: "zalo-message", status: "sent" });
    const cs = fake.callsTo(PATHS.cs).at(-1)!.json as ZaloCsRequest;
    expect(cs.recipient.user_id).toBe("7000000000000000001");
    expect(cs.message.text).toContain(`bắt đầu ${direct.token}`);
    expect(cs.message.attachment!.payload.buttons).toEqual([{ title: "Bắt đầu khảo sát", type: "oa.query.hide", payload: `/start ${direct.token}` }]);

    // Outside the window (-230): the phone is used instead, and the reason says why.
    const znsBefore = fake.callsTo(PATHS.zns).length;
    fake.failNext(PATHS.cs, -230, 1, "User has not interacted with the OA in the past 7 days");
    const fallback = (await (await dossier("000.00.20.H33-261127-0202", { zaloUserId: "7000000000000000002", phone: "0912000111" })).json()) as Created;
    expect(fallback.delivery).toMatchObject({ channel: "zns", status: "sent" });
    expect(fallback.delivery.reason).toContain("-230");
    expect(fake.callsTo(PATHS.zns)).toHaveLength(znsBefore + 1);

    // Only the user id, outside the window: failed for good, nothing kept for a retry.
    fake.failNext(PATHS.cs, -232, 1, "User has not interacted with the OA in the past 7 days");
    const refused = (await (await dossier("000.00.20.H33-261127-0203", { zaloUserId: "7000000000000000003" })).json()) as Created;
    expect(refused.delivery).toMatchObject({ channel: "zalo-message", status: "failed" });
    expect(refused.delivery.reason).toContain("not retried");
    expect(await service.db.prisma.invitation.findUniqueOrThrow({ where: { token: refused.token } })).toMatchObject({ deliveryStatus: "failed", deliveryRecipient: null });

    // The night window (-133): failed-retryable with the phone kept and a retry time; a repeat does not resend.
    fake.failNext(PATHS.zns, -133, 1, "Sending ZNS at night is not allowed");
    const night = (await (await dossier("000.00.20.H33-261127-0204", { phone: "0933444555" })).json()) as Created;
    expect(night.delivery).toMatchObject({ channel: "zns", status: "failed" });
    expect(night.delivery.reason).toContain("retry");
    const nightRow = await service.db.prisma.invitation.findUniqueOrThrow({ where: { token: night.token } });
    expect(nightRow).toMatchObject({ deliveryStatus: "failed-retryable", deliveryRecipient: "84933444555" });
    expect(nightRow.deliveryRetryAt!.getTime()).toBeGreaterThan(clock.now().getTime());
    const znsCount = fake.callsTo(PATHS.zns).length;
    const repeat = (await (await dossier("000.00.20.H33-261127-0204", { phone: "0933444555" })).json()) as Created;
    expect(repeat.delivery.status).toBe("failed");
    expect(fake.callsTo(PATHS.zns)).toHaveLength(znsCount);

    // Without a contact nothing is sent; bad contacts are refused before anything is stored.
    const none = (await (await dossier("000.00.20.H33-261127-0205")).json()) as Created;
    expect(none.delivery).toEqual({ channel: "none", status: "skipped", reason: expect.stringContaining("no contact") as unknown as string });
    for (const contact of [{ phone: "12345" }, { zaloUserId: "abc" }, {}]) {
      const bad = await dossier("000.00.20.H33-261127-0206", contact as Record<string, string>);
      expect(bad.status).toBe(422);
    }
    const numeric = await api("/api/v1/dossiers", {
      method: "POST",
      body: JSON.stringify({ dossierCode: "000.00.20.H33-261127-0206", ...AGENCY, completedAt: vnDay(clock.now()), contact: { zaloUserId: 700000001 } }),
    });
    expect(numeric.status).toBe(422);
    expect(await service.db.prisma.invitation.count({ where: { dossierCode: "000.00.20.H33-261127-0206" } })).toBe(0);
  });
});
