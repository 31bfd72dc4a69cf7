// Garbage at every point of the chat: a clear, kind reply with the buttons again; nothing stored wrongly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, startHarness, type Harness, type TelegramUser } from "../../helpers/telegram-harness.ts";

const KEY = "test-key-0123456789abcdef";

describe("Telegram bad input", () => {
  let h: Harness;
  let u: TelegramUser;
  beforeAll(async () => {
    h = await startHarness();
    const res = await h.service.http.request("/api/v1/dossiers", {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ dossierCode: "BAD-1", agencyCode: "A1", agencyName: "Cơ quan A1", completedAt: "2026-11-27" }),
    });
    const { token } = (await res.json()) as { token: string };
    u = h.user(4001);
    await u.command(`/start ${token}`);
  });
  afterAll(async () => h?.stop());

  const atLikert: [string, string][] = [
    ["empty text", ""],
    ["5,000 characters", "a".repeat(5000)],
    ["emoji only", "😀😀🎉"],
    ["SQL", "4'); DELETE FROM answer; --"],
    ["HTML", "<b>5</b><script>alert(1)</script>"],
    ["out of range", "7"],
    ["two numbers", "4 5"],
  ];

  it.each(atLikert)("at a 1–5 question, %s → re-prompt with the five buttons, nothing stored", async (_name, text) => {
    const before = await h.service.db.prisma.answer.count();
    const [reply] = await u.text(text);
    expect(reply!.text).toContain("chưa hiểu");
    expect(reply!.text).toContain("Câu 1/8");
    expect(reply!.buttons.flat().filter((b) => /^[1-5] ·/.test(b.text))).toHaveLength(5);
    expect(await h.service.db.prisma.answer.count()).toBe(before);
  });

  it.each([["/foo"], ["/admin"], ["/start@OtherBot extra words here"]])("unknown or odd command %s → a helpful reply", async (cmd) => {
    const [reply] = await u.command(cmd);
    expect(reply!.text.length).toBeGreaterThan(10);
  });

  it.each([["not ours"], ["a:../../etc:0:5"], ["a:AAAAAAAAAAAA:999999:5"], ["x".repeat(64)], [""], ["g:99999"], ["l:fr"]])(
    "callback data %j changes nothing and is answered",
    async (data) => {
      const before = await h.service.db.prisma.answer.count();
      const answered = h.calls.filter((c) => c.method === "answerCallbackQuery").length;
      const replies = await u.press(data);
      expect(replies.length).toBeGreaterThanOrEqual(1);
      expect(await h.service.db.prisma.answer.count()).toBe(before);
      expect(h.calls.filter((c) => c.method === "answerCallbackQuery").length).toBe(answered + 1);
    },
  );

  it("at the comment, 5,000 characters are refused kindly; SQL and HTML are stored as plain text", async () => {
    const [resumed] = await u.command("/start"); // resumes the unfinished survey with its buttons
    expect(resumed!.text).toContain("Câu 1/8");
    for (const s of ["4", "4", "4", "4", "4", "4"]) await u.tap(s);
    await u.tap("Bỏ qua");
    const [tooLong] = await u.text("á".repeat(5000));
    expect(tooLong!.text).toContain("tối đa 1000");
    const sqlHtml = "<b>hi</b>'); DROP TABLE answer; --";
    const [done] = await u.text(sqlHtml);
    expect(done!.text).toContain("Cảm ơn");
    const comment = await h.service.db.prisma.answer.findFirstOrThrow({ where: { itemId: "comment" } });
    expect(comment.text).toBe(sqlHtml);
  });

  it("a sticker after the survey ended says nothing is in progress", async () => {
    const [reply] = await h.feed({ ...fixture("sticker-message"), message: { ...fixture("sticker-message").message!, from: { id: 4001, is_bot: false, first_name: "x" }, chat: { id: 4001, type: "private", first_name: "x" } } });
    expect(reply!.text).toContain("không có khảo sát");
  });
});
