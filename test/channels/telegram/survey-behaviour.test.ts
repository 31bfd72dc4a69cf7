// What a citizen notices in Telegram: redeliveries, old buttons, used/expired/unknown links, language,
// cancel, delete, walk-ins — on the embedded default and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../../helpers/databases.ts";
import { fixture, startHarness, type Harness } from "../../helpers/telegram-harness.ts";

const KEY = "test-key-0123456789abcdef";

describe.each(await databaseKinds())("Telegram survey behaviour on %s", (kind) => {
  let h: Harness;
  let seq = 0;
  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => h?.stop());

  async function invite(extra: Record<string, unknown> = {}): Promise<string> {
    const res = await h.service.http.request("/api/v1/dossiers", {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        dossierCode: `HS-${kind}-${++seq}`,
        agencyCode: "UBND-XA-A",
        agencyName: "UBND xã Tân Thanh",
        completedAt: "2026-11-26T10:00:00+07:00",
        ...extra,
      }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { token: string }).token;
  }

  const answers = () => h.service.db.prisma.answer.count();

  it("a redelivered update (same update_id) changes nothing and says nothing", async () => {
    const u = h.user(2001);
    await u.command(`/start ${await invite()}`);
    await u.tap("4");
    const n = await answers();
    const replies = await h.feed(u.lastUpdate());
    expect(replies).toEqual([]);
    expect(await answers()).toBe(n);
    // Typed answers are redelivered too: a "5" must not answer the next question.
    await u.text("5");
    const n2 = await answers();
    expect(await h.feed(u.lastUpdate())).toEqual([]);
    expect(await answers()).toBe(n2);
    expect(u.last()!.text).toContain("Câu 3/8");
  });

  it("a press on an earlier question's keyboard changes nothing and says so kindly", async () => {
    const u = h.user(2002);
    const [q1] = await u.command(`/start ${await invite()}`);
    await u.tap("4");
    await u.tap("2");
    const before = await h.service.db.prisma.answer.findMany({ where: { itemId: "access" }, select: { score: true, responseId: true } });
    const old = q1!.buttons[0]![0]!.callback_data; // "1" on question 1
    const [reply] = await u.press(old);
    expect(reply!.text).toContain("đã được trả lời");
    expect(reply!.text).toContain("Câu 3/8");
    const after = await h.service.db.prisma.answer.findMany({ where: { itemId: "access" }, select: { score: true, responseId: true } });
    expect(after).toEqual(before);
  });

  it("after finishing, old buttons and a second /start with the used token add no response", async () => {
    const token = await invite();
    const u = h.user(2003);
    const [q1] = await u.command(`/start ${token}`);
    for (const s of ["5", "5", "5", "5", "5", "5"]) await u.tap(s);
    await u.tap("Bỏ qua");
    const [done] = await u.tap("Bỏ qua");
    expect(done!.text).toContain("Cảm ơn");
    const responses = await h.service.db.prisma.response.count();
    const [stale] = await u.press(q1!.buttons[1]![0]!.callback_data);
    expect(stale!.text).toContain("đã kết thúc");
    const [used] = await u.command(`/start ${token}`);
    expect(used!.text).toContain("đã được đánh giá");
    expect(await h.service.db.prisma.response.count()).toBe(responses);
    const skipped = await h.service.db.prisma.answer.findMany({ where: { itemId: { in: ["improve", "comment"] } , skipped: true } });
    expect(skipped.length).toBeGreaterThanOrEqual(2);
  });

  it("an expired link and an unknown link each say so and start nothing", async () => {
    const token = await invite();
    const saved = h.clock.now;
    h.clock.now = new Date(saved.getTime() + 8 * 86_400_000);
    const u = h.user(2004);
    const [expired] = await u.command(`/start ${token}`);
    h.clock.now = saved;
    expect(expired!.text).toContain("hết hạn");
    const [unknown] = await u.command("/start AAAAAAAAAAAAAAAAAAAAAA");
    expect(unknown!.text).toContain("Không tìm thấy");
    const [weird] = await u.command("/start ../../etc/passwd");
    expect(weird!.text).toContain("Không tìm thấy");
    const mine = await h.service.db.prisma.response.count({ where: { invitation: { token } } });
    expect(mine).toBe(0);
  });

  it("changes language mid-survey without losing answers", async () => {
    const u = h.user(2005);
    await u.command(`/start ${await invite()}`);
    await u.tap("3");
    const [choose] = await u.command("/language");
    expect(choose!.buttons.flat().map((b) => b.text)).toEqual(["Tiếng Việt", "English"]);
    const [q2en] = await u.tap("English");
    expect(q2en!.text).toContain("Question 2/8");
    expect(q2en!.buttons[0]![0]!.text).toBe("1 · Very dissatisfied");
    const [q3] = await u.text("very satisfied");
    expect(q3!.text).toContain("Question 3/8");
    const [back] = await u.tap("« Back");
    expect(back!.text).toContain("Question 2/8");
    const run = await h.service.db.prisma.response.findFirstOrThrow({ where: { status: "active", AND: [{ answers: { some: { itemId: "access", score: 3 } } }, { answers: { some: { itemId: "procedures", score: 5 } } }] }, include: { answers: true } });
    expect(run.answers.map((a) => [a.itemId, a.score]).sort()).toEqual([["access", 3], ["procedures", 5]]);
  });

  it("/cancel stops the survey; /delete asks, then erases the person's link and comments", async () => {
    const u = h.user(2006);
    await u.command(`/start ${await invite()}`);
    await u.tap("4");
    const [cancelled] = await u.command("/cancel");
    expect(cancelled!.text).toContain("Đã dừng");
    const [nothing] = await u.text("4");
    expect(nothing!.text).toContain("không có khảo sát");

    const token = await invite();
    await u.command(`/start ${token}`);
    for (const s of ["5", "4", "4", "4", "4", "4"]) await u.tap(s);
    await u.tap("Bỏ qua");
    await u.text("Tôi là Nguyễn Văn A, số 0912345678");
    const [ask] = await u.command("/delete");
    expect(ask!.buttons.flat()).toHaveLength(2);
    const [done] = await u.tap("Xóa dữ liệu");
    expect(done!.text).toContain("Đã xóa");
    const linked = await h.service.db.prisma.response.findMany({ where: { invitation: { token } } });
    expect(linked[0]!.respondentId).toBeNull();
    expect(await h.service.db.prisma.answer.count({ where: { responseId: linked[0]!.id, itemId: "comment" } })).toBe(0);
    expect(await h.service.db.prisma.answer.count({ where: { responseId: linked[0]!.id } })).toBe(7);
  });

  it("/start without a token offers the agencies; a walk-in response is marked as such", async () => {
    const u = h.user(2007);
    const [menu] = await u.command("/start");
    expect(menu!.text).toContain("cơ quan nào");
    const [q1] = await u.tap("UBND xã Tân Thanh");
    expect(q1!.text).toContain("Câu 1/8");
    await u.tap("5");
    const run = await h.service.db.prisma.response.findFirstOrThrow({ where: { walkIn: true } });
    expect(run.invitationId).toBeNull();
  });

  it("real Telegram payloads: stickers re-prompt, group chats are ignored, commands with @bot work", async () => {
    const u = h.user(5123456789);
    await u.command(`/start ${await invite()}`);
    const sticker = fixture("sticker-message");
    const [again] = await h.feed(sticker);
    expect(again!.text).toContain("chưa hiểu");
    expect(again!.buttons.flat().filter((b) => /^[1-5] ·/.test(b.text))).toHaveLength(5);
    expect(await h.feed(fixture("group-message"))).toEqual([]);
    const [typed] = await h.feed(fixture("text-message")); // "rất hài lòng"
    expect(typed!.text).toContain("Câu 2/8");
    const forged = fixture("callback-query");
    const [f] = await h.feed(forged);
    expect(f!.text).toContain("khảo sát cũ");
    expect(h.calls.filter((c) => c.method === "answerCallbackQuery").length).toBeGreaterThan(0);
  });
});
