// What the chat looks like as a citizen answers: each answered question is rewritten to show the choice
// ("✓ 4 · Hài lòng") and loses its buttons, « Back shows the earlier answer, /help repeats the question,
// and a finished survey leaves no keyboard to tap.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness, type TelegramUser } from "../../helpers/telegram-harness.ts";

const KEY = "test-key-0123456789abcdef";

/** The messages of this chat that still show buttons, as they read now. */
const liveKeyboards = (u: TelegramUser) => [...u.screen().entries()].filter(([, m]) => m.buttons.length > 0);

describe("answers shown in place (Telegram)", () => {
  let h: Harness;
  let seq = 0;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  async function invite(): Promise<string> {
    const res = await h.service.http.request("/api/v1/dossiers", {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ dossierCode: `HS-PLACE-${++seq}`, agencyCode: "UBND-XA-A", agencyName: "UBND xã Tân Thanh", completedAt: "2026-11-26T10:00:00+07:00" }),
    });
    return ((await res.json()) as { token: string }).token;
  }

  it("a tapped answer is written into its question, whose buttons go; the next question comes below", async () => {
    const u = h.user(3001);
    const [q1] = await u.command(`/start ${await invite()}`);
    const replies = await u.tap("4");
    expect(replies[0]!.text).toContain("Câu 2/8");
    const edit = replies.find((m) => m.kind === "edit" && m.messageId === q1!.messageId)!;
    expect(edit.text).toContain("Câu 1/8");
    expect(edit.text).toContain("✓ 4 · Hài lòng");
    expect(edit.buttons).toEqual([]);
    expect(liveKeyboards(u).map(([id]) => id)).toEqual([replies[0]!.messageId]);
  });

  it("a typed answer is shown on the question it answered too", async () => {
    const u = h.user(3002);
    const [q1] = await u.command(`/start ${await invite()}`);
    await u.text("rất hài lòng");
    expect(u.screen().get(q1!.messageId)).toMatchObject({ buttons: [] });
    expect(u.screen().get(q1!.messageId)!.text).toContain("✓ 5 · Rất hài lòng");
    expect(liveKeyboards(u)).toHaveLength(1);
  });

  it("« Back asks the earlier question again, showing what was chosen; the abandoned keyboard goes", async () => {
    const u = h.user(3003);
    await u.command(`/start ${await invite()}`);
    await u.tap("2");
    const [q2] = [u.last()!];
    const [back] = await u.tap("« Quay lại");
    expect(back!.text).toContain("Câu 1/8");
    expect(back!.text).toContain("Câu trả lời trước đây của Ông/Bà: 2 · Không hài lòng");
    expect(u.screen().get(q2.messageId)!.buttons).toEqual([]);
    expect(liveKeyboards(u).map(([id]) => id)).toEqual([back!.messageId]);
    const [again] = await u.tap("5");
    expect(again!.text).toContain("Câu 2/8");
    expect(u.screen().get(back!.messageId)!.text).toContain("✓ 5 · Rất hài lòng");
  });

  it("a finished survey leaves no live keyboard, whatever mix of taps, typing and re-prompts", async () => {
    const u = h.user(3004);
    await u.command(`/start ${await invite()}`);
    await u.tap("5");
    await u.text("không biết"); // not understood: the question comes again, the old copy loses its buttons
    expect(liveKeyboards(u)).toHaveLength(1);
    await u.text("4");
    for (const s of ["3", "4", "5", "4"]) await u.tap(s);
    await u.tap("Bỏ qua");
    const [done] = await u.text("Nhanh gọn");
    expect(done!.text).toContain("Cảm ơn");
    expect(liveKeyboards(u)).toEqual([]);
    const answered = [...u.screen().values()].filter((m) => m.text.includes("✓ "));
    expect(answered.map((m) => m.text.split("\n").at(-1))).toEqual([
      "✓ 5 · Rất hài lòng",
      "✓ 4 · Hài lòng",
      "✓ 3 · Bình thường",
      "✓ 4 · Hài lòng",
      "✓ 5 · Rất hài lòng",
      "✓ 4 · Hài lòng",
      "✓ Bỏ qua",
      "✓ Nhanh gọn",
    ]);
  });

  it("switching language on the first question redraws it in place", async () => {
    const u = h.user(3005);
    const [q1] = await u.command(`/start ${await invite()}`);
    const replies = await u.tap("🇬🇧");
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ kind: "edit", messageId: q1!.messageId });
    expect(replies[0]!.text).toContain("Question 1/8");
    expect(replies[0]!.buttons[0]![0]!.text).toBe("1 · Very dissatisfied");
    await u.tap("4");
    expect(u.screen().get(q1!.messageId)!.text).toContain("✓ 4 · Satisfied");
  });

  it("/help during a survey explains, then asks the current question again", async () => {
    const u = h.user(3006);
    await u.command(`/start ${await invite()}`);
    await u.tap("3");
    const replies = await u.command("/help");
    expect(replies[0]!.text).toContain("/cancel");
    expect(replies[1]!.text).toContain("Câu 2/8");
    expect(replies[1]!.buttons.flat().filter((b) => /^[1-5] ·/.test(b.text))).toHaveLength(5);
    expect(liveKeyboards(u).map(([id]) => id)).toEqual([replies[1]!.messageId]);
    const [noRun] = await h.user(3007).command("/help");
    expect(noRun!.buttons).toEqual([]);
  });

  it("/cancel takes the buttons off the question it stopped", async () => {
    const u = h.user(3008);
    await u.command(`/start ${await invite()}`);
    await u.tap("3");
    await u.command("/cancel");
    expect(liveKeyboards(u)).toEqual([]);
  });

  it("an old keyboard's button changes nothing, and that keyboard goes", async () => {
    const u = h.user(3009);
    const [q1] = await u.command(`/start ${await invite()}`);
    await u.tap("4");
    await u.tap("4");
    const stale = await u.press(q1!.buttons[0]![0]!.callback_data, 77_777);
    expect(stale[0]!.text).toContain("đã được trả lời");
    expect(stale.some((m) => m.kind === "keyboard" && m.messageId === 77_777 && m.buttons.length === 0)).toBe(true);
  });
});
