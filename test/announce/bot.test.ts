// /announce through the staff router, as people tap and type: choosing a source, the preview, editing a text
// (the next message replaces it, /cancel aborts), submitting (admins are told), approving (the author is
// told), scheduling by a typed time, publishing now; and the polite refusals.
import { describe, expect, it } from "vitest";
import type { InboundEvent, OutboundMessage } from "../../src/messages.ts";
import { silentLogger } from "../../src/logger.ts";
import { createStaffRouter } from "../../src/staff/router.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import type { SurveyHandler } from "../../src/survey/survey-service.types.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { freshWorldEach, t, TARGETS, type World } from "./helpers.ts";

describe.each(await databaseKinds())("/announce in the bot (%s)", (kind) => {
  let w!: World;
  let router: SurveyHandler;
  let delivery = 0;
  const last = new Map<string, OutboundMessage[]>();

  freshWorldEach(kind, (world) => {
    w = world;
    const survey: SurveyHandler = { handle: async (e) => [{ chatId: e.chatId, text: "(survey)", locale: "vi" }] };
    router = createStaffRouter({ survey, features: [w.ann.feature(w.staff)], directory: w.staff, claimDelivery: async () => true, t, logger: silentLogger(), now: () => w.clock.now });
  });

  async function send(userId: string, payload: InboundEvent["payload"]): Promise<OutboundMessage[]> {
    const replies = await router.handle({ channel: "telegram", userId, chatId: userId, deliveryKey: `telegram:${++delivery}`, payload });
    // Remember, per chat, the latest message that had buttons (what the person would tap).
    for (const r of replies) if (r.buttons?.length) last.set(`${r.chatId}:buttons`, [r]);
    return replies;
  }
  const command = (userId: string, c: string, args = "") => send(userId, { kind: "command", command: c, args });
  const type = (userId: string, text: string) => send(userId, { kind: "text", text });
  function tap(userId: string, label: string): Promise<OutboundMessage[]> {
    const msg = last.get(`${userId}:buttons`)?.[0];
    const b = msg?.buttons?.flat().find((x) => x.label.startsWith(label));
    if (!b) throw new Error(`no button "${label}" for ${userId}: ${JSON.stringify(msg?.buttons?.flat().map((x) => x.label))}`);
    return send(userId, { kind: "button", data: b.data });
  }
  const labels = (m: OutboundMessage | undefined) => (m?.buttons ?? []).map((row) => row.map((b) => b.label));

  it("an official (and a citizen) is told politely that announcements are not theirs to make", async () => {
    expect((await command("400", "announce")).map((m) => m.text)).toEqual(["Xin lỗi, chỉ cán bộ truyền thông và quản trị viên mới soạn và đăng được bản tin."]);
    expect((await command("12345", "announce")).map((m) => m.text)).toEqual(["Xin lỗi, chỉ cán bộ truyền thông và quản trị viên mới soạn và đăng được bản tin."]);
    // A forged button press is refused the same way.
    expect((await send("400", { kind: "button", data: "x:a:ri" }))[0]!.text).toContain("chỉ cán bộ truyền thông");
  });

  it("a forged agency button is answered as a stale button, not looked up", async () => {
    for (const data of ["x:a:ia:abc", "x:a:ip:1e3:m", "x:a:ia:9999999999"]) {
      expect((await send("100", { kind: "button", data })).map((m) => m.text), data).toEqual([t("vi", "staff.stale_button")]);
    }
  });

  it("the whole way: pick by taps → preview → edit → submit → approve → schedule → publish now", async () => {
    const menu = await command("100", "announce");
    expect(labels(menu[0])).toEqual([["📊 Kết quả chính thức"], ["📈 Chỉ số của cơ quan"], ["🗂 Bản tin đã soạn"]]);
    const indices = await tap("100", "📊");
    expect(labels(indices[0]).flat()).toEqual(expect.arrayContaining(["SIPAS", "PAR INDEX", "« Quay lại"]));
    const units = await tap("100", "SIPAS");
    expect(units[0]!.text).toBe("SIPAS: chọn địa phương, đơn vị");
    expect(labels(units[0]).flat()).toContain("Lạng Sơn");
    const years = await tap("100", "Lạng Sơn");
    expect(labels(years[0])).toEqual([["2021", "2020"], ["« Quay lại"]]);

    const [preview] = await tap("100", "2021");
    const a = (await w.ann.service.list(1))[0]!;
    expect(preview!.photo?.png.subarray(1, 4).toString()).toBe("PNG");
    expect(preview!.text).toBe(
      [
        `Bản tin ${a.id} · phiên bản 1 · bản nháp`,
        "",
        "🇻🇳 Tiếng Việt:",
        a.textVi,
        "",
        "🇬🇧 English:",
        a.textEn,
      ].join("\n"),
    );
    expect(a.textVi.startsWith("Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %, xếp hạng 31/63, tăng 3,1 và tăng 8 bậc so với năm 2020. Trong 5 chỉ số thành phần, 3 chỉ số giảm cả điểm số và thứ hạng, 1 chỉ số tăng cả điểm số và thứ hạng. Khảo sát 400 phiếu trên tổng số 3.366 người. Trung bình 63 tỉnh, thành phố: 87,16 %.")).toBe(true);
    expect(labels(preview)).toEqual([["✏️ Sửa tiếng Việt", "✏️ Sửa tiếng Anh"], ["📨 Gửi duyệt"], ["🗑 Huỷ bản tin"]]);

    // Edit: the next message replaces the Vietnamese text.
    expect((await tap("100", "✏️ Sửa tiếng Việt"))[0]!.text).toBe(
      `Hãy gửi nội dung tiếng Việt mới cho bản tin ${a.id}: tin nhắn tiếp theo của bạn sẽ thay toàn bộ nội dung hiện tại. Gõ /cancel để thôi.`,
    );
    const edited = await type("100", "Năm 2021, Lạng Sơn tăng 8 bậc về Chỉ số SIPAS (87,07 %).");
    expect(edited[0]!.text).toBe("Đã cập nhật nội dung tiếng Việt. Bản tin trở về bản nháp (phiên bản 2); hãy gửi duyệt lại.");
    expect(edited[1]!.text).toContain("🇻🇳 Tiếng Việt:\nNăm 2021, Lạng Sơn tăng 8 bậc về Chỉ số SIPAS (87,07 %).");
    // The dialogue is over: the next text is the survey's again.
    expect((await type("100", "hello"))[0]!.text).toBe("(survey)");

    // /cancel aborts an edit.
    await tap("100", "✏️ Sửa tiếng Anh");
    expect((await command("100", "cancel"))[0]!.text).toBe("Đã thôi, nội dung giữ nguyên.");
    expect((await w.ann.service.get(a.id))!.version).toBe(2);

    // Submit: both admins are asked (the author is not an admin here), each in their language.
    const submitted = await tap("100", "📨 Gửi duyệt");
    expect(submitted[0]).toMatchObject({ chatId: "100", text: `Đã gửi bản tin ${a.id} cho 2 quản trị viên duyệt.` });
    const toAdmin2 = submitted.filter((m) => m.chatId === "300");
    expect(toAdmin2[0]!.text).toBe(`Chị Lan (truyền thông) submitted announcement ${a.id} (version 2) for approval.`);
    expect(labels(toAdmin2[1])[0]).toEqual(["✅ Approve", "↩️ Reject"]);
    for (const m of submitted.filter((x) => x.chatId !== "100")) last.set(`${m.chatId}:buttons`, [m]);

    // The admin approves; the author is told and gets the publishing buttons.
    const approved = await tap("200", "✅ Duyệt");
    expect(approved[0]).toMatchObject({ chatId: "200", text: `Đã duyệt bản tin ${a.id} (phiên bản 2).` });
    expect(approved[1]).toMatchObject({ chatId: "100", text: `Bản tin ${a.id} đã được duyệt. Bạn có thể đăng ngay hoặc hẹn giờ đăng.` });
    expect(labels(approved[2])[0]).toEqual(["📣 Đăng ngay", "🕗 Hẹn giờ đăng"]);
    expect(approved[2]!.text).toContain("Đã duyệt: Ông Hùng (quản trị), 27/11/2026 10:00");

    // Schedule by a typed time (or a quick button); a wrong time is asked again.
    const prompt = await tap("100", "🕗 Hẹn giờ đăng");
    expect(labels(prompt[0])).toEqual([["Sáng mai 08:00", "Chiều mai 14:00"], ["Thứ Hai tới 08:00"]]);
    expect((await type("100", "mai nhé"))[0]!.text).toBe("Không hiểu thời điểm “mai nhé”. Hãy gõ theo dạng 2026-12-01 08:00, hoặc /cancel để thôi.");
    const scheduled = await type("100", "2026-12-01 08:00");
    expect(scheduled[0]!.text).toBe(`Đã hẹn đăng bản tin ${a.id} lúc 01/12/2026 08:00.`);
    expect(scheduled[1]!.text).toContain("Hẹn đăng: 01/12/2026 08:00");
    expect(labels(scheduled[1])[0]).toEqual(["📣 Đăng ngay", "⏹ Bỏ hẹn giờ"]);
    expect(await w.ann.service.get(a.id)).toMatchObject({ status: "scheduled", publishAt: new Date("2026-12-01T01:00:00Z") });

    // Changed their mind: publish now. The progress message comes from the publisher.
    expect(await tap("100", "📣 Đăng ngay")).toEqual([]);
    await w.ann.service.idle();
    expect(await w.ann.service.get(a.id)).toMatchObject({ status: "published" });
    expect(w.telegram.calls.filter((c) => c.method === "sendPhoto").map((c) => c.payload.chat_id)).toEqual(TARGETS.telegramChats);
    expect(w.telegram.to("100").at(-1)!.payload.text).toBe(`Đã đăng bản tin ${a.id}: thành công 3/3 nơi nhận.`);
    expect((await w.db.prisma.outboxJob.findMany({ select: { status: true } })).map((j) => j.status)).toEqual(["cancelled"]);
  });

  it("an admin who wrote the post cannot approve it (second person); stale buttons are refused", async () => {
    await command("200", "announce");
    await tap("200", "📊");
    await tap("200", "SIPAS");
    await tap("200", "Lạng Sơn");
    await tap("200", "2021");
    const submitted = await tap("200", "📨 Gửi duyệt");
    // Only the other admin is asked.
    expect(submitted.filter((m) => m.chatId !== "200").map((m) => m.chatId)).toEqual(["300", "300"]);
    const a = (await w.ann.service.list(1))[0]!;
    const own = await send("200", { kind: "button", data: `x:a:ap:${a.id}:1` });
    expect(own[0]!.text).toBe("Theo quy định duyệt hai người, bạn không thể tự duyệt bản tin do chính mình soạn hoặc sửa. Hãy nhờ một quản trị viên khác.");
    const stale = await send("300", { kind: "button", data: `x:a:ap:${a.id}:7` });
    expect(stale[0]!.text).toBe(`Announcement ${a.id} was edited (it is now version 1) since you saw it. Please look at the latest version.`);
    // A comms member cannot approve, even with a forged button.
    expect((await send("110", { kind: "button", data: `x:a:ap:${a.id}:1` }))[0]!.text).toBe("Only admins can approve or reject announcements.");
  });

  it("an agency's index: not enough answers is said plainly, no figure is drafted", async () => {
    await createAgencyStore(w.db).ensure({ code: "LSN-STP", nameVi: "Sở Tư pháp tỉnh Lạng Sơn", nameEn: "Lang Son Department of Justice" });
    await command("100", "announce");
    const agencies = await tap("100", "📈");
    expect(labels(agencies[0]).flat()).toContain("Sở Tư pháp tỉnh Lạng Sơn");
    const periods = await tap("100", "Sở Tư pháp");
    expect(labels(periods[0])).toEqual([["Tháng trước (2026-10)"], ["Quý trước (2026-Q3)"], ["« Quay lại"]]);
    const refused = await tap("100", "Tháng trước");
    expect(refused[0]!.text).toBe("Sở Tư pháp tỉnh Lạng Sơn chưa đủ câu trả lời trong 2026-10 (cần ít nhất 30) nên chưa thể công bố chỉ số.");
    expect(await w.ann.service.list()).toEqual([]);
  });

  it("the list of announcements opens any of them", async () => {
    await w.ann.service.create(w.actor(w.people.comms), { kind: "official_result", indexCode: "PAR_INDEX", unitCode: "20", year: 2021 });
    await command("100", "announce");
    const list = await tap("100", "🗂");
    const a = (await w.ann.service.list(1))[0]!;
    expect(list[0]!.text).toBe(`Bản tin gần đây:\n• ${a.id} · bản nháp — Năm 2021, Chỉ số cải cách hành chính (PAR INDEX…`);
    const opened = await tap("100", a.id);
    expect(opened[0]!.text.split("\n")[0]).toBe(`Bản tin ${a.id} · phiên bản 1 · bản nháp`);
  });
});
