import { describe, expect, it } from "vitest";
import { parseJsonLossless } from "../../../src/channels/zalo/json.ts";
import { parseZaloEvent, zaloDedupeKey } from "../../../src/channels/zalo/payload.ts";
import { parseZaloCommand, zaloToInbound, type ZaloTranslation } from "../../../src/channels/zalo/to-inbound.ts";
import { fixtureText } from "./helpers.ts";

function translate(body: unknown): { key: string; out: ZaloTranslation } {
  const p = parseZaloEvent(body);
  if (!p.ok) throw new Error(`fixture did not parse: ${JSON.stringify(p)}`);
  const key = zaloDedupeKey(p.event);
  return { key, out: zaloToInbound(p.event, key) };
}

const fixture = (name: string) => parseJsonLossless(fixtureText(name));
const withText = (text: string) => ({ ...(fixture("user_send_text.json") as object), message: { text, msg_id: "cb31dff1c39642cc1b83" } });

describe("Zalo webhook payload → InboundEvent (real samples)", () => {
  const cases: { name: string; body: () => unknown; key: string; out: ZaloTranslation }[] = [
    {
      name: "user_send_text (a4b.vn sample)",
      body: () => fixture("user_send_text.json"),
      key: "zalo:msg:cb31dff1c39642cc1b83",
      out: {
        kind: "inbound",
        event: { channel: "zalo", userId: "6142494823190448412", chatId: "6142494823190448412", deliveryKey: "zalo:cb31dff1c39642cc1b83", payload: { kind: "text", text: "Chào A4B" } },
      },
    },
    {
      name: "user_send_text with ids as bare numbers > 2^53",
      body: () => fixture("user_send_text_numeric_ids.json"),
      key: "zalo:msg:0a1b2c3d4e5f60718293",
      out: {
        kind: "inbound",
        event: { channel: "zalo", userId: "6142494823190448412", chatId: "6142494823190448412", deliveryKey: "zalo:0a1b2c3d4e5f60718293", payload: { kind: "text", text: "3" } },
      },
    },
    {
      name: "a hidden query button arriving as user_send_text",
      body: () => withText("#hl:sv:AbC123:q1:5"),
      key: "zalo:msg:cb31dff1c39642cc1b83",
      out: {
        kind: "inbound",
        event: { channel: "zalo", userId: "6142494823190448412", chatId: "6142494823190448412", deliveryKey: "zalo:cb31dff1c39642cc1b83", payload: { kind: "button", data: "sv:AbC123:q1:5" } },
      },
    },
    {
      name: "user_click_button (unverified shape)",
      body: () => fixture("user_click_button.json"),
      key: "zalo:msg:77aa01bb02cc03dd04ee",
      out: {
        kind: "inbound",
        event: { channel: "zalo", userId: "6142494823190448412", chatId: "6142494823190448412", deliveryKey: "zalo:77aa01bb02cc03dd04ee", payload: { kind: "button", data: "sv:AbC123:q1:4" } },
      },
    },
    {
      name: "follow ([R2] sample)",
      body: () => fixture("follow.json"),
      key: "zalo:follow:24684588352919792:154397978274",
      out: {
        kind: "notice",
        notice: { kind: "followed", deliveryKey: "zalo:follow:24684588352919792:154397978274", userId: "24684588352919792", userIdByApp: "552172779717587730", source: "oa_profile", at: new Date(154397978274) },
      },
    },
    {
      name: "unfollow",
      body: () => fixture("unfollow.json"),
      key: "zalo:unfollow:24684588352919792:154397998274",
      out: {
        kind: "notice",
        notice: { kind: "unfollowed", deliveryKey: "zalo:unfollow:24684588352919792:154397998274", userId: "24684588352919792", userIdByApp: "552172779717587730", at: new Date(154397998274) },
      },
    },
    {
      name: "user_feedback (ZBS service rating)",
      body: () => fixture("user_feedback.json"),
      key: "zalo:feedback:6f3a1c9e2b7d4f0a8c51",
      out: {
        kind: "notice",
        notice: {
          kind: "rating",
          deliveryKey: "zalo:feedback:6f3a1c9e2b7d4f0a8c51",
          msgId: "6f3a1c9e2b7d4f0a8c51",
          rate: 5,
          trackingId: "1956",
          ratingType: "csat",
          option: "five_emotions",
          note: "Cán bộ hướng dẫn tận tình",
          feedbacks: ["Nhanh chóng", "Thân thiện"],
          submittedAt: new Date(1616673095659),
        },
      },
    },
    {
      name: "user_received_message (ZNS delivery)",
      body: () => fixture("user_received_message_zns.json"),
      key: "zalo:received:2b8f0d1e7a9c43f6b510",
      out: {
        kind: "notice",
        notice: { kind: "delivered", deliveryKey: "zalo:received:2b8f0d1e7a9c43f6b510", msgId: "2b8f0d1e7a9c43f6b510", recipient: "84987654321", trackingId: "inv_8f3kQ2mZ", deliveredAt: new Date(1626926349402) },
      },
    },
    {
      name: "user_send_image without text",
      body: () => fixture("user_send_image.json"),
      key: "zalo:msg:9e8d7c6b5a4f3e2d1c0b",
      out: { kind: "ignored", reason: "user_send_image without text (media is not a survey answer)" },
    },
  ];

  it.each(cases)("$name", ({ body, key, out }) => {
    const r = translate(body());
    expect(r.key).toBe(key);
    expect(r.out).toEqual(out);
  });

  it("reports unknown events by name and invalid known events with the reason", () => {
    expect(parseZaloEvent(fixture("user_seen_message.json"))).toEqual({ ok: false, kind: "unknown", eventName: "user_seen_message" });
    const broken = { ...(fixture("user_send_text.json") as object), sender: {} };
    expect(parseZaloEvent(broken)).toMatchObject({ ok: false, kind: "invalid", eventName: "user_send_text" });
    expect(parseZaloEvent({ ...(fixture("user_feedback.json") as { message: object }), message: { msg_id: "m", rate: 9 } })).toMatchObject({ ok: false, kind: "invalid" });
  });
});

describe("commands typed as words (same names as Telegram)", () => {
  it.each([
    ["/start", "start", ""],
    ["/start AbCdEf123_-xyzXYZ0123456", "start", "AbCdEf123_-xyzXYZ0123456"],
    ["Bắt đầu", "start", ""],
    ["bắt đầu  ", "start", ""],
    ["BẮT ĐẦU", "start", ""],
    ["bat dau", "start", ""],
    ["Bắt đầu AbCdEf123_-xyzXYZ0123456", "start", "AbCdEf123_-xyzXYZ0123456"],
    ["Đổi ngôn ngữ", "language", ""],
    ["doi ngon ngu", "language", ""],
    ["English", "language", "en"],
    ["english.", "language", "en"],
    ["Tiếng Việt", "language", "vi"],
    ["/language", "language", ""],
    ["Hủy", "cancel", ""],
    ["huỷ", "cancel", ""],
    ["Hủy bỏ!", "cancel", ""],
    ["/cancel", "cancel", ""],
    ["Xóa dữ liệu", "delete", ""],
    ["xoá dữ liệu", "delete", ""],
    ["xoa du lieu", "delete", ""],
    ["/delete", "delete", ""],
    ["/help", "help", ""],
    ["Trợ giúp", "help", ""],
    ["/privacy", "privacy", ""],
    ["Quyền riêng tư", "privacy", ""],
    // The greeting points to /about in Zalo too.
    ["/about", "about", ""],
    ["Giới thiệu", "about", ""],
    ["gioi thieu", "about", ""],
  ])("%j → %s %j", (text, command, args) => {
    expect(parseZaloCommand(text)).toEqual({ command, args });
  });

  it("decomposed (NFD) Vietnamese is recognised too", () => {
    expect(parseZaloCommand("Xóa dữ liệu".normalize("NFD"))).toEqual({ command: "delete", args: "" });
  });

  it.each(["Huy", "huy", "5", "Tôi muốn hủy hồ sơ", "bắt đầu lại từ đầu đi", "/unknown", "english please", "rất hài lòng"])(
    "%j is not a command",
    (text) => expect(parseZaloCommand(text)).toBeUndefined(),
  );

  it("a command word arrives as a command InboundEvent", () => {
    expect(translate(withText("Xóa dữ liệu")).out).toMatchObject({ kind: "inbound", event: { payload: { kind: "command", command: "delete", args: "" } } });
  });
});
