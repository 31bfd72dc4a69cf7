// A complaint from a citizen who answered in the Zalo OA chat: the offer comes under the thank-you as Zalo
// buttons (hidden payloads), the problem is typed in the OA chat, and the official's reply and the
// resolution, written in Telegram, reach the citizen's own Zalo chat in the agency's name. Zalo is faked at
// its HTTP boundary with real-shaped, signed webhook events; Telegram by the harness's Bot API transformer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZaloCsRequest } from "../../src/channels/zalo/client.ts";
import { grant, invitation, seedProvince } from "../actions/helpers.ts";
import { APP_ID, APP_SECRET, OA_ID, sign, zaloServiceEnv } from "../channels/zalo/helpers.ts";
import { PATHS, startFakeZaloOa, type FakeZaloOa } from "../fakes/zalo-oa.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { startHarness, type Harness, type TelegramUser } from "../helpers/telegram-harness.ts";
import { complaintIdIn } from "./helpers.ts";

const ADMIN = 9201;
const CITIZEN = "6142494823190448999";
const PROBLEM = "Tôi gọi tổng đài 3 lần không ai nghe máy.";
const REPLY = "Sở đã bổ sung một cán bộ trực tổng đài từ 7 giờ 30. Xin lỗi Ông/Bà.";

describe.each(await databaseKinds())("a complaint from the Zalo chat (%s)", (kind) => {
  let fake: FakeZaloOa;
  let h: Harness;
  let official: TelegramUser;
  let msgSeq = 0;

  beforeAll(async () => {
    fake = await startFakeZaloOa({ appId: APP_ID, appSecret: APP_SECRET, refreshToken: "RT-initial-from-env" });
    h = await startHarness({
      kind,
      env: { HAILONG_ADMINS: String(ADMIN), ...zaloServiceEnv(fake.url) },
    });
    await seedProvince(h);
    official = await grant(h, ADMIN, 9202, "official LSN-STP");
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
  });

  /** Posts one signed user_send_text event, as Zalo does, and returns what the OA sent back to the citizen. */
  async function say(text: string): Promise<ZaloCsRequest[]> {
    const before = fake.callsTo(PATHS.cs).length;
    const timestamp = String(h.clock.now.getTime());
    const raw = JSON.stringify({
      app_id: APP_ID,
      event_name: "user_send_text",
      sender: { id: CITIZEN },
      recipient: { id: OA_ID },
      message: { text, msg_id: `zc${String(++msgSeq).padStart(18, "0")}` },
      user_id_by_app: "979122185046046999",
      timestamp,
    });
    const res = await h.service.http.request("/webhooks/zalo", { method: "POST", body: raw, headers: { "content-type": "application/json", "x-zevent-signature": sign(raw, timestamp) } });
    expect(res.status).toBe(200);
    await h.service.zalo!.drain();
    return fake
      .callsTo(PATHS.cs)
      .slice(before)
      .map((c) => c.json as ZaloCsRequest)
      .filter((m) => m.recipient.user_id === CITIZEN);
  }

  const buttonsOf = (m: ZaloCsRequest | undefined) => m?.message.attachment?.payload.buttons ?? [];

  /** Taps the button starting with `label` on the last message that has one: Zalo sends its hidden payload back. */
  let last: ZaloCsRequest | undefined;
  async function tap(label: string): Promise<ZaloCsRequest[]> {
    const b = buttonsOf(last).find((x) => x.title.startsWith(label));
    if (!b || typeof b.payload !== "string") throw new Error(`no button "${label}" in ${JSON.stringify(buttonsOf(last))}`);
    return remember(await say(b.payload));
  }
  function remember(sent: ZaloCsRequest[]): ZaloCsRequest[] {
    const withButtons = sent.filter((m) => buttonsOf(m).length > 0).at(-1);
    if (withButtons) last = withButtons;
    return sent;
  }

  it("offers to describe the problem after a 1, and the official's reply and resolution reach the Zalo chat", async () => {
    const token = await invitation(h, "LSN-STP");
    // Access 1, then 5s, typed as the numbered prompt asks (five buttons and the language switch do not fit
    // Zalo's default); the optional questions are typed past ("bỏ qua").
    let prompt = (await say(`/start ${token}`)).at(-1)!;
    let finished: ZaloCsRequest[] = [];
    for (let first = true, i = 0; i < 12 && finished.length === 0; first = false, i++) {
      const sent = await say(prompt.message.text.includes("1 · Rất không hài lòng") ? (first ? "1" : "5") : "bỏ qua");
      if (sent.some((m) => m.message.text.includes("Cảm ơn Ông/Bà đã đánh giá"))) finished = sent;
      prompt = sent.at(-1)!;
    }
    remember(finished);
    expect(finished.map((m) => m.message.text.split("\n")[0])).toEqual([
      "Cảm ơn Ông/Bà đã đánh giá! Ý kiến đã được ghi nhận và sẽ giúp cơ quan phục vụ tốt hơn.",
      expect.stringContaining("Ông/Bà đã chấm điểm thấp"),
    ]);
    expect(buttonsOf(finished[1]).map((b) => b.title)).toEqual(["✍️ Mô tả vấn đề", "Không, cảm ơn"]);

    const [ask] = await tap("✍️ Mô tả vấn đề");
    expect(ask!.message.text).toContain("họ không thấy tên hay tài khoản của Ông/Bà");
    const [sent] = remember(await say(PROBLEM));
    expect(sent!.message.text).toContain("Đã gửi tới cơ quan");
    await tap("✓ Trả lời trong khung chat này là đủ");

    await h.service.outbox.runDue();
    const card = h.sent.find((m) => m.chat_id === "9202" && m.text.includes(PROBLEM));
    expect(card, "the official is told in Telegram").toBeDefined();
    expect(card!.text).toContain("Tiếp cận dịch vụ (1)");
    // The official's card names no Zalo account.
    expect(card!.text).not.toContain(CITIZEN);
    const id = complaintIdIn(card!.text);

    const toCitizen = () => fake.callsTo(PATHS.cs).map((c) => c.json as ZaloCsRequest).filter((m) => m.recipient.user_id === CITIZEN);
    const before = toCitizen().length;
    await official.tap("💬 Trả lời người dân");
    const confirmed = await official.text(REPLY);
    expect(confirmed.map((m) => m.text)).toContain(`✅ Đã gửi câu trả lời cho phản ánh ${id} tới người dân.`);
    await official.tap("✅ Đã giải quyết");
    const got = toCitizen().slice(before).map((m) => m.message.text);
    expect(got).toEqual([`💬 Sở Tư pháp trả lời phản ánh của Ông/Bà:\n\n${REPLY}`, "✅ Sở Tư pháp đã xử lý xong phản ánh của Ông/Bà. Cảm ơn Ông/Bà đã góp ý."]);
  });
});
