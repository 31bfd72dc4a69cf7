// Complaints after a low score, in the running service as people use it in Telegram: the citizen is offered
// one after scoring an item 1–2 (never after high scores), declines or describes the problem by taps and
// one typed message, may leave a phone number; the agency's official is told at once through the outbox,
// replies by a button and one typed message, which the citizen reads in their own chat, and resolves it.
// Staff outside the agency's scope see it redacted; /delete wipes it; forged and old buttons change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createComplaintStore } from "../../src/store/complaints.ts";
import { grant, invitation, seedProvince } from "../actions/helpers.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { startHarness, type Harness, type TelegramUser } from "../helpers/telegram-harness.ts";
import { answerWith, complaintIdIn, labelsOf } from "./helpers.ts";

const ADMIN = 9101;
const PROBLEM = "Tôi phải chờ 3 tiếng ở quầy số 2 mà không ai hướng dẫn.";
const REPLY = "Xin lỗi Ông/Bà. Từ tuần sau quầy số 2 có thêm một cán bộ hướng dẫn.";

describe.each(await databaseKinds())("complaints in the bot (%s)", (kind) => {
  let h: Harness;
  let justice: TelegramUser;
  let construction: TelegramUser;
  let store: ReturnType<typeof createComplaintStore>;
  let citizenNo = 6000;

  /** A citizen who finished the Department of Justice's survey with these scores. */
  async function finished(scores: number[]) {
    const u = h.user(++citizenNo);
    await u.command(`/start ${await invitation(h, "LSN-STP")}`);
    return { u, replies: await answerWith(u, scores), chatId: String(citizenNo) };
  }

  /** …who took the offer and sent the problem; the official's notice card after the outbox ran. */
  async function complained(scores = [1, 2]) {
    const c = await finished(scores);
    await c.u.tap("✍️ Mô tả vấn đề");
    const before = h.sent.length;
    await c.u.text(PROBLEM);
    await c.u.tap("✓ Trả lời trong khung chat này là đủ");
    // The complaint ran the outbox at once; this waits for that run.
    await h.service.outbox.runDue();
    const card = h.sent.slice(before).find((m) => m.chat_id === "9102" && m.text.includes(PROBLEM));
    if (!card) throw new Error("the official got no notice");
    return { ...c, card, id: complaintIdIn(card.text) };
  }

  beforeAll(async () => {
    h = await startHarness({ kind, env: { HAILONG_ADMINS: String(ADMIN) } });
    await seedProvince(h);
    justice = await grant(h, ADMIN, 9102, "official LSN-STP");
    construction = await grant(h, ADMIN, 9103, "official LSN-SXD");
    // An admin appointed for the Department of Construction only.
    await h.service.staff.staff.upsert(
      { channel: "telegram", userId: "9104", chatId: "9104", displayName: "Admin SXD", role: "admin", scope: ["LSN-SXD"], locale: "vi", grantedBy: "cli" },
      h.clock.now,
    );
    store = createComplaintStore(h.service.db, () => h.clock.now);
  }, 120_000);
  afterAll(() => h?.stop());

  /** The messages a tap or text sent to this chat (the outbox may send officials' notices meanwhile). */
  const to = (chatId: string, sent: { chat_id: string }[]) => sent.filter((m) => m.chat_id === chatId) as typeof h.sent;
  const byText = async (text: string) => (await store.list({ agencyIds: null, statuses: ["open", "resolved", "erased"], limit: 1000 })).find((c) => c.text === text);

  it("offers nothing after high scores, and one optional offer under the thank-you after a 1–2", async () => {
    const high = await finished([5, 4, 3, 4, 5]);
    expect(high.replies.some((m) => labelsOf(m).includes("✍️ Mô tả vấn đề"))).toBe(false);

    const low = await finished([5, 2]);
    const offer = low.u.last()!;
    expect(offer.text).toContain("Ông/Bà đã chấm điểm thấp");
    expect(offer.text).toContain("không bắt buộc");
    expect(labelsOf(offer)).toEqual(["✍️ Mô tả vấn đề", "Không, cảm ơn"]);
  }, 60_000);

  it("declines by one tap: thanked, the offer's buttons go, nothing is stored", async () => {
    const c = await finished([1]);
    const offerId = c.u.last()!.messageId;
    const replies = await c.u.tap("Không, cảm ơn");
    expect(replies.find((m) => m.kind === undefined)!.text).toBe("Cảm ơn Ông/Bà đã dành thời gian đánh giá.");
    expect(c.u.screen().get(offerId)!.buttons).toEqual([]);
    expect((await store.list({ agencyIds: null, statuses: ["drafting", "open"], limit: 100 })).length).toBe(0);
  }, 60_000);

  it("stores the text (capped, control characters dropped) and an optional, checked phone number", async () => {
    const c = await finished([2, 1]);
    const [ask] = await c.u.tap("✍️ Mô tả vấn đề");
    expect(ask!.text).toContain("tối đa 1000 ký tự");
    expect(to(c.chatId, await c.u.text("x".repeat(1001)))[0]!.text).toBe("Nội dung dài 1001 ký tự, quá mức 1000 ký tự. Mời Ông/Bà gõ ngắn hơn.");
    const [sent] = to(c.chatId, await c.u.text(`Quầy\u0007 số 2\nđông quá`));
    expect(sent!.text).toContain("Đã gửi tới cơ quan");
    expect(labelsOf(sent)).toEqual(["✓ Trả lời trong khung chat này là đủ"]);
    expect(to(c.chatId, await c.u.text("12 34 56"))[0]!.text).toContain("Số điện thoại chưa đúng");
    expect(to(c.chatId, await c.u.text("0912 345 678"))[0]!.text).toBe("Đã lưu số điện thoại 0912345678 cho phản ánh này. Cảm ơn Ông/Bà.");

    const saved = await byText("Quầy số 2\nđông quá");
    expect(saved).toMatchObject({ text: "Quầy số 2\nđông quá", contactPhone: "0912345678", status: "open", awaitingContact: false });
    expect(saved!.lowScores.map((s) => s.score)).toEqual([2, 1]);
    // The next text is the citizen's own again: no complaint waits for it.
    expect(to(c.chatId, await c.u.text("xin chào"))[0]!.text).not.toContain("điện thoại");
  }, 60_000);

  it("tells the agency's official once, in full; staff outside the scope see it redacted", async () => {
    const c = await complained();
    expect(c.card.text).toContain("📮 Phản ánh mới của người dân");
    expect(c.card.text).toContain("Sở Tư pháp");
    expect(c.card.text).toContain("Liên hệ: trả lời trong khung chat là đủ");
    expect(labelsOf(c.card)).toEqual(["💬 Trả lời người dân", "✅ Đã giải quyết"]);
    // Nothing in it names the citizen or their chat.
    expect(c.card.text).not.toContain(c.chatId);
    expect(c.card.text).not.toContain(`Citizen${c.chatId}`);
    // Once: the outbox does not send it again, and the other department's official got nothing.
    const before = h.sent.length;
    await h.service.outbox.runDue();
    expect(h.sent.slice(before).filter((m) => m.text.includes(PROBLEM))).toEqual([]);
    expect(h.sent.some((m) => m.chat_id === "9103" && m.text.includes(PROBLEM))).toBe(false);

    const list = await construction.command("/complaints");
    expect(list[0]!.text).toContain("Không có phản ánh nào đang chờ xử lý trong phạm vi");
    expect(list[0]!.text).toMatch(/Ngoài phạm vi của Ông\/Bà còn \d+ phản ánh đang chờ/);
    expect(list.some((m) => m.text.includes(PROBLEM))).toBe(false);
    for (const other of [construction, h.user(9104)]) {
      const [seen] = await other.press(c.card.buttons[0]![0]!.callback_data);
      expect(seen!.text).toContain(`Phản ánh ${c.id} · Sở Tư pháp`);
      expect(seen!.text).toContain("chỉ hiển thị cho cán bộ của cơ quan này");
      expect(seen!.text).not.toContain(PROBLEM);
      expect(seen!.buttons).toEqual([]);
    }
    // The justice official's /complaints lists it with its buttons.
    const mine = await justice.command("/complaints");
    expect(mine.some((m) => m.text.includes(PROBLEM) && labelsOf(m).includes("✅ Đã giải quyết"))).toBe(true);
    // A citizen has no /complaints.
    expect((await h.user(6999).command("/complaints"))[0]!.text).toContain("chỉ cán bộ theo dõi kết quả và quản trị viên");
  }, 90_000);

  it("a reply reaches the citizen's chat in the agency's name; resolving tells them; a second press changes nothing", async () => {
    const c = await complained();
    const [prompt] = await justice.press(c.card.buttons[0]![0]!.callback_data, c.card.messageId);
    expect(prompt!.text).toContain(`Gõ câu trả lời cho phản ánh ${c.id}`);
    expect((await justice.text("y".repeat(1001)))[0]!.text).toContain("quá mức 1000 ký tự");
    const out = await justice.text(REPLY);
    const toCitizen = out.find((m) => m.chat_id === c.chatId)!;
    expect(toCitizen.text).toBe(`💬 Sở Tư pháp trả lời phản ánh của Ông/Bà:\n\n${REPLY}`);
    const toOfficial = out.find((m) => m.chat_id === "9102")!;
    expect(toOfficial.text).toBe(`✅ Đã gửi câu trả lời cho phản ánh ${c.id} tới người dân.`);
    expect(labelsOf(toOfficial)).toEqual(["💬 Trả lời thêm", "✅ Đã giải quyết"]);
    // The official's chat never shows the citizen's chat id.
    expect(h.sent.filter((m) => m.chat_id === "9102").some((m) => m.text.includes(c.chatId))).toBe(false);
    // After the reply, the official's text is theirs again (it is no complaint reply).
    expect((await justice.text("hello")).some((m) => m.chat_id === c.chatId)).toBe(false);

    const resolved = await justice.press(c.card.buttons[0]![1]!.callback_data, c.card.messageId);
    expect(resolved.find((m) => m.chat_id === c.chatId)!.text).toBe("✅ Sở Tư pháp đã xử lý xong phản ánh của Ông/Bà. Cảm ơn Ông/Bà đã góp ý.");
    expect(resolved.find((m) => m.chat_id === "9102")!.text).toContain(`Đã đánh dấu phản ánh ${c.id} là đã giải quyết; người dân đã được báo.`);
    const again = await justice.press(c.card.buttons[0]![1]!.callback_data, c.card.messageId);
    expect(again.map((m) => m.chat_id)).toEqual(["9102"]);
    expect(again[0]!.text).toBe(`Phản ánh ${c.id} đã được giải quyết trước đó; không cần làm gì thêm.`);
    expect((await justice.press(c.card.buttons[0]![0]!.callback_data))[0]!.text).toContain("đã được giải quyết trước đó");
    expect(await store.find(c.id)).toMatchObject({ status: "resolved", replies: 2 });
  }, 90_000);

  it("a citizen who blocked the bot: the reply is recorded and the official told it could not be delivered", async () => {
    const c = await complained([1]);
    h.blocked.add(c.chatId);
    await justice.press(c.card.buttons[0]![0]!.callback_data);
    const out = await justice.text(REPLY);
    expect(out.map((m) => m.chat_id)).toEqual(["9102"]);
    expect(out[0]!.text).toContain(`Đã lưu câu trả lời cho phản ánh ${c.id}, nhưng không gửi được: người dân đã chặn bot`);
    expect(await store.find(c.id)).toMatchObject({ status: "open", replies: 1 });
    h.blocked.delete(c.chatId);
  }, 90_000);

  it("/delete wipes the complaint's text and contact; the official can no longer answer it", async () => {
    const c = await finished([2]);
    await c.u.tap("✍️ Mô tả vấn đề");
    await c.u.text("Hồ sơ của tôi bị trả lại hai lần.");
    await c.u.text("0987654321");
    const row = await byText("Hồ sơ của tôi bị trả lại hai lần.");
    expect(row).toMatchObject({ contactPhone: "0987654321" });
    await c.u.command("/delete");
    await c.u.tap("Xóa");
    expect(await store.find(row!.id)).toMatchObject({ status: "erased", text: null, contactPhone: null });
    const [tried] = await justice.press(`x:cmp:r:${row!.id}`);
    expect(tried!.text).toContain("Người dân đã xóa dữ liệu của mình");
    const list = await justice.command("/complaints");
    expect(list.some((m) => m.text.includes(row!.id))).toBe(false);
  }, 90_000);

  it("answers forged and old buttons as stale, on both sides", async () => {
    for (const data of ["x:cmp:r:NoSuchOne1", "x:cmp:zz", "x:cmp:v:bad:id", "x:cmp:r:" + "a".repeat(40)]) {
      expect((await justice.press(data))[0]!.text, data).toContain("không còn dùng được");
    }
    const someone = await finished([1]);
    const describe = someone.u.last()!.buttons[0]![0]!.callback_data;
    const other = h.user(6998);
    // Another person's offer, and a run id that is nobody's.
    expect((await other.press(describe))[0]!.text).toBe("Nút này đã cũ hoặc không còn dùng được.");
    expect((await other.press("c:d:AAAAAAAAA"))[0]!.text).toBe("Nút này đã cũ hoặc không còn dùng được.");
    expect((await other.press("c:q:AAAAAAAAA"))[0]!.text).toContain("không");
  }, 90_000);
});
