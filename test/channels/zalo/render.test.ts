// OutboundMessage → the exact HTTP request the OA API receives (through channel, client and a loopback fake).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../../src/messages.ts";
import { createZaloChannel } from "../../../src/channels/zalo/channel.ts";
import { createZaloClient, type ZaloClient } from "../../../src/channels/zalo/client.ts";
import { numberedPrompt, renderZaloMessage } from "../../../src/channels/zalo/render.ts";
import { silentLogger } from "../../../src/logger.ts";
import { PATHS, startFakeZaloOa, type FakeZaloOa } from "../../fakes/zalo-oa.ts";
import { APP_ID, APP_SECRET, USER_ID, fakeClock, memoryCredentialStore, testConfig } from "./helpers.ts";

const likert = [
  { label: "1 – Rất không hài lòng", data: "sv:AbC123:q1:1" },
  { label: "2 – Không hài lòng", data: "sv:AbC123:q1:2" },
  { label: "3 – Bình thường", data: "sv:AbC123:q1:3" },
  { label: "4 – Hài lòng", data: "sv:AbC123:q1:4" },
  { label: "5 – Rất hài lòng", data: "sv:AbC123:q1:5" },
];
const skip = [{ label: "Bỏ qua", data: "sv:AbC123:q1:skip" }];

describe("render + send: the exact OA API request", () => {
  let fake: FakeZaloOa;
  let client: ZaloClient;
  const clock = fakeClock();

  beforeAll(async () => {
    fake = await startFakeZaloOa({ appId: APP_ID, appSecret: APP_SECRET, refreshToken: "RT-initial-from-env" });
    client = createZaloClient({ config: testConfig(fake.url), credentials: memoryCredentialStore(), logger: silentLogger(), now: clock.now });
  });
  afterAll(async () => fake?.close());
  beforeEach(() => {
    fake.calls.length = 0;
  });

  async function sendVia(msg: OutboundMessage, maxButtons = 5) {
    const channel = createZaloChannel({ client, logger: silentLogger(), maxButtons });
    const result = await channel.send(msg);
    const cs = fake.callsTo(PATHS.cs);
    expect(cs).toHaveLength(1);
    return { result, call: cs[0]! };
  }

  it("bootstraps the token with the configured refresh token: form body, secret_key header", async () => {
    await client.sendText(USER_ID, "xin chào");
    const oauth = fake.callsTo(PATHS.oauth);
    expect(oauth).toHaveLength(1);
    expect(oauth[0]!.method).toBe("POST");
    expect(oauth[0]!.headers["secret_key"]).toBe(APP_SECRET);
    expect(oauth[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(oauth[0]!.body).toBe(`grant_type=refresh_token&refresh_token=RT-initial-from-env&app_id=${APP_ID}`);
  });

  it("plain text → POST /v3.0/oa/message/cs with the access_token header and a text message", async () => {
    const { result, call } = await sendVia({ chatId: USER_ID, text: "Cảm ơn ông/bà đã đánh giá!", locale: "vi" });
    expect(result).toEqual({ ok: true, messageId: expect.stringMatching(/^[0-9a-f]{20}$/) });
    expect(call.method).toBe("POST");
    expect(call.headers["access_token"]).toMatch(/^AT-1-/);
    expect(call.headers["content-type"]).toBe("application/json");
    expect(call.headers["authorization"]).toBeUndefined();
    expect(call.body).toBe(`{"recipient":{"user_id":"${USER_ID}"},"message":{"text":"Cảm ơn ông/bà đã đánh giá!"}}`);
  });

  it("five Likert buttons → oa.query.hide buttons carrying #hl: + our callback data", async () => {
    const { call } = await sendVia({ chatId: USER_ID, text: "Câu 1/8. Ông/bà hài lòng thế nào?", buttons: [likert], locale: "vi" });
    expect(call.json).toEqual({
      recipient: { user_id: USER_ID },
      message: {
        text: "Câu 1/8. Ông/bà hài lòng thế nào?",
        attachment: {
          type: "template",
          payload: {
            buttons: likert.map((b) => ({ title: b.label, type: "oa.query.hide", payload: `#hl:${b.data}` })),
          },
        },
      },
    });
  });

  it("more buttons than ZALO_MAX_BUTTONS → a numbered text prompt, no attachment", async () => {
    const { call } = await sendVia({ chatId: USER_ID, text: "Câu 2/8. Thủ tục có dễ hiểu không?", buttons: [likert, skip], locale: "vi" }, 5);
    expect(call.json).toEqual({
      recipient: { user_id: USER_ID },
      message: {
        text: [
          "Câu 2/8. Thủ tục có dễ hiểu không?",
          "",
          "1 – Rất không hài lòng",
          "2 – Không hài lòng",
          "3 – Bình thường",
          "4 – Hài lòng",
          "5 – Rất hài lòng",
          "",
          "Trả lời bằng cách gõ số 1–5.",
          "Hoặc gõ: “Bỏ qua”",
        ].join("\n"),
      },
    });
  });

  it("ZALO_MAX_BUTTONS=0 → always text; English hint for English messages; bare digit labels on one line", async () => {
    const digits = [1, 2, 3, 4, 5].map((n) => ({ label: String(n), data: `sv:x:q1:${n}` }));
    const { call } = await sendVia({ chatId: USER_ID, text: "How satisfied are you?", buttons: [digits], locale: "en" }, 0);
    expect((call.json as { message: { text: string } }).message.text).toBe("How satisfied are you?\n\n1 · 2 · 3 · 4 · 5\n\nReply by typing a number 1–5.");
  });

  it("non-numbered choices become a bullet list", () => {
    expect(numberedPrompt("Chọn ngôn ngữ", [{ label: "Tiếng Việt", data: "l:vi" }, { label: "English", data: "l:en" }], "vi")).toBe(
      "Chọn ngôn ngữ\n\n• Tiếng Việt\n• English",
    );
  });

  it("normalises decomposed Vietnamese (NFD) to NFC in text and titles", async () => {
    const { call } = await sendVia({
      chatId: USER_ID,
      text: "Rất hài lòng".normalize("NFD"),
      buttons: [[{ label: "Đồng ý".normalize("NFD"), data: "ok" }]],
      locale: "vi",
    });
    expect(call.body).toContain('"text":"Rất hài lòng"');
    expect(call.body).toContain('"title":"Đồng ý"');
    expect(call.body).not.toContain("Rất hài lòng".normalize("NFD"));
  });

  it("truncates a button title to 100 characters", () => {
    const req = renderZaloMessage({ chatId: USER_ID, text: "t", buttons: [[{ label: "ả".repeat(150), data: "d" }]], locale: "vi" }, { maxButtons: 5 });
    const title = req.message.attachment!.payload.buttons[0]!.title;
    expect([...title]).toHaveLength(100);
    expect(title.endsWith("…")).toBe(true);
  });

  it("refuses text over 2,000 characters after NFC without calling Zalo; exactly 2,000 is sent", async () => {
    const channel = createZaloChannel({ client, logger: silentLogger() });
    // 2,000 precomposed characters written in NFD (4,000 code units) still count as 2,000.
    const ok = await channel.send({ chatId: USER_ID, text: "ế".normalize("NFD").repeat(1000) + "a".repeat(1000), locale: "vi" });
    expect(ok.ok).toBe(true);
    fake.calls.length = 0;
    const tooLong = await channel.send({ chatId: USER_ID, text: "a".repeat(2001), locale: "vi" });
    expect(tooLong).toEqual({ ok: false, failure: "bad-request", retryable: false, detail: "message text is 2001 characters after NFC; Zalo allows 2000" });
    expect(fake.calls).toHaveLength(0);
  });
});
