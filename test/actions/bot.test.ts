// "You said, we did" in the running service, as the people use it in Telegram: an official records what
// the Department of Justice did by taps and one typed text (and an English one), sees what citizens will
// read, submits; comms and the admin are told and one of them approves with a tap; the official is told.
// Then a citizen who finishes that agency's survey reads it in the thank-you, the public site shows it, and
// a take-down removes it again. Refusals, stale buttons and /cancel too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLog } from "../../src/store/audit.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { startHarness, type Harness, type TelegramUser } from "../helpers/telegram-harness.ts";
import { answerAll, grant, invitation, PUBLIC_BASE_URL, seedProvince } from "./helpers.ts";

const ADMIN = 9001;
const TEXT = "Đã bố trí thêm 2 quầy tiếp nhận hồ sơ vào sáng thứ Hai.";
const TEXT_EN = "Two more reception desks on Monday mornings.";

const labels = (u: TelegramUser) => u.last()?.buttons.flat().map((b) => b.text) ?? [];

describe.each(await databaseKinds())("feedback actions in the bot (%s)", (kind) => {
  let h: Harness;
  let official: TelegramUser;
  let comms: TelegramUser;
  const admin = () => h.user(ADMIN);

  beforeAll(async () => {
    h = await startHarness({ kind, env: { HAILONG_ADMINS: String(ADMIN), PUBLIC_BASE_URL } });
    await seedProvince(h);
    official = await grant(h, ADMIN, 9002, "official LSN-STP");
    comms = await grant(h, ADMIN, 9003, "comms");
  }, 120_000);
  afterAll(() => h?.stop());

  it("refuses people whose role it is not, and answers forged buttons as stale", async () => {
    const citizen = h.user(5001);
    expect((await citizen.command("/action"))[0]!.text).toBe("Xin lỗi, chỉ cán bộ theo dõi kết quả và quản trị viên mới ghi nhận được việc đã làm theo góp ý.");
    expect((await citizen.command("/actions"))[0]!.text).toBe("Xin lỗi, lệnh này dành cho cán bộ.");
    expect((await comms.command("/action"))[0]!.text).toContain("chỉ cán bộ theo dõi kết quả");
    expect((await official.press("x:act:ap:A1b2C3d4e"))[0]!.text).toBe("Xin lỗi, chỉ cán bộ truyền thông và quản trị viên mới duyệt được.");
    for (const data of ["x:act:s:n0nce1", "x:act:zz", "x:act:g:n0nce1:01"]) expect((await official.press(data))[0]!.text, data).toContain("không còn");
  }, 60_000);

  it("takes an official from /action to a submitted action by taps and typed texts, and comms approve it with a tap", async () => {
    const [picker] = await official.command("/action");
    // The scope is one department with an office under it: the department's own level comes first.
    expect(picker!.text).toContain("Sở Tư pháp: chọn chính cơ quan này, hoặc một đơn vị trực thuộc:");
    expect(labels(official)).toEqual(["✔ Sở Tư pháp", "Phòng Công chứng số 1", "✖ Huỷ"]);

    const [topics] = await official.tap("✔ Sở Tư pháp");
    // Each step replaces the message it was tapped on, so the dialogue stays one message.
    expect(topics!.kind).toBe("edit");
    expect(topics!.messageId).toBe(picker!.messageId);
    expect(topics!.text).toBe("Sở Tư pháp\nNgười dân đã góp ý về nội dung nào?");
    expect(labels(official)).toEqual([
      "Tiếp cận dịch vụ",
      "Thủ tục hành chính",
      "Công chức giải quyết công việc",
      "Kết quả dịch vụ",
      "Tiếp nhận, xử lý góp ý",
      "Nội dung khác",
      "« Quay lại",
      "✖ Huỷ",
    ]);
    const [prompt] = await official.tap("Tiếp cận dịch vụ");
    expect(prompt!.text).toContain("Sở Tư pháp · Góp ý về Tiếp cận dịch vụ");
    expect(prompt!.text).toContain("tối đa 280 ký tự");

    // A tap elsewhere in the chat is no text: the dialogue asks for one, and the survey never sees it.
    const [tooLong] = await official.text("x".repeat(281));
    expect(tooLong!.text).toBe("Nội dung dài 281 ký tự, tối đa 280. Mời rút gọn rồi gửi lại.");
    const [preview] = await official.text(`  ${TEXT}\n`);
    expect(preview!.text).toBe(
      [
        "Xem trước — Sở Tư pháp. Người dân sẽ đọc:",
        "",
        `🇻🇳 Góp ý về Tiếp cận dịch vụ: ${TEXT}`,
        "(Chưa có bản tiếng Anh: trang tiếng Anh sẽ hiện bản tiếng Việt.)",
        "",
        "Bấm «Gửi duyệt»: cán bộ truyền thông hoặc quản trị viên duyệt rồi nội dung mới được công bố.",
      ].join("\n"),
    );
    expect(labels(official)).toEqual(["📨 Gửi duyệt", "✏️ Sửa nội dung", "🇬🇧 Thêm bản tiếng Anh", "✖ Huỷ"]);
    await official.tap("🇬🇧 Thêm bản tiếng Anh");
    const [withEnglish] = await official.text(TEXT_EN);
    expect(withEnglish!.text).toContain(`🇬🇧 Feedback on Access to services: ${TEXT_EN}`);
    expect(labels(official)).toContain("🇬🇧 Sửa bản tiếng Anh");
    // Nothing is stored before it is submitted.
    expect(await h.service.db.prisma.feedbackAction.count()).toBe(0);

    const before = h.sent.length;
    const [submitted] = await official.tap("📨 Gửi duyệt");
    const row = (await h.service.db.prisma.feedbackAction.findFirst())!;
    expect(row).toMatchObject({ status: "pending", textVi: TEXT, textEn: TEXT_EN, element: "access", createdBy: "telegram:9002" });
    expect(submitted!.text).toContain(`📨 Đã gửi duyệt (mã ${row.id}); 2 người duyệt đã được báo.`);
    expect(submitted!.buttons).toEqual([]);
    // Both reviewers (comms and the admin) got the action with its buttons; the official got none.
    const told = h.sent.slice(before).filter((m) => m.chat_id !== "9002");
    expect(told.map((m) => m.chat_id).sort()).toEqual(["9001", "9003"]);
    expect(told[0]!.text).toContain("🔔 Citizen9002 ghi nhận một việc đã làm theo góp ý, cần duyệt:");
    expect(told[0]!.text).toContain(`🇻🇳 ${TEXT}`);
    expect(labels(comms)).toEqual(["✅ Duyệt", "✖ Từ chối"]);

    const approved = await comms.tap("✅ Duyệt");
    const mine = approved.find((m) => m.chat_id === "9003")!;
    expect(mine.kind).toBe("edit");
    expect(mine.text).toContain(`✅ Đã duyệt ${row.id}: nội dung hiện trên trang kết quả và cuối khảo sát của Sở Tư pháp.`);
    expect(mine.text).toContain("✅ Đã duyệt, đang hiện công khai");
    expect(mine.buttons.flat().map((b) => b.text)).toEqual(["✖ Gỡ xuống"]);
    expect(approved.find((m) => m.chat_id === "9002")!.text).toBe(`✅ Việc bạn ghi nhận cho Sở Tư pháp (mã ${row.id}) đã được duyệt và đang hiện công khai.`);
    // The admin's copy is now out of date: their tap is told what happened instead.
    const [late] = await admin().tap("✅ Duyệt");
    expect(late!.text).toBe(`Việc ${row.id} đang ở trạng thái «✅ Đã duyệt, đang hiện công khai», nên không thể làm vậy.`);

    const trail = (await createAuditLog(h.service.db).list({ subject: row.id })).map((e) => `${e.actor} ${e.action}`).reverse();
    expect(trail).toEqual(["telegram:9002 action.add", "telegram:9003 action.approve", "telegram:9001 action.refused"]);
  }, 120_000);

  it("shows a citizen who finishes that agency's survey what was done, and another agency's citizen nothing", async () => {
    const citizen = h.user(5002);
    await citizen.command(`/start ${await invitation(h, "LSN-STP")}`);
    const [thanks] = await answerAll(citizen);
    expect(thanks!.text).toBe(
      [
        "Cảm ơn Ông/Bà đã đánh giá! Ý kiến đã được ghi nhận và sẽ giúp cơ quan phục vụ tốt hơn.",
        "Muốn xóa dữ liệu của Ông/Bà, gõ /delete.",
        "",
        "Ông/Bà đã góp ý, chúng tôi đã làm:",
        `• Tiếp cận dịch vụ: ${TEXT} (27/11/2026)`,
      ].join("\n"),
    );
    const english = h.user(5003, "en");
    await english.command(`/start ${await invitation(h, "LSN-STP")}`);
    await english.tap("🇬🇧");
    const [thanksEn] = await answerAll(english);
    expect(thanksEn!.text).toContain(`You said, we did:\n• Access to services: ${TEXT_EN} (27/11/2026)`);

    const elsewhere = h.user(5004);
    await elsewhere.command(`/start ${await invitation(h, "LSN-SXD")}`);
    const [plain] = await answerAll(elsewhere);
    expect(plain!.text).not.toContain("chúng tôi đã làm");
  }, 120_000);

  it("puts the approved action on the agency's public page and the overview, in both languages", async () => {
    const page = await (await h.service.http.request("/results/agencies/LSN-STP?lang=vi")).text();
    expect(page).toContain("Ông/Bà đã góp ý, chúng tôi đã làm");
    expect(page).toContain(`<p class="post">${TEXT}</p>`);
    expect(page).toContain("27/11/2026 · Góp ý về Tiếp cận dịch vụ");
    const overview = await (await h.service.http.request("/?lang=en")).text();
    expect(overview).toContain("You said, we did");
    expect(overview).toContain("27/11/2026 · Department of Justice · Feedback on Access to services");
    expect(overview).toContain(TEXT_EN);
  }, 60_000);

  it("lists what waits and what is public with /actions, and a take-down removes it from the survey", async () => {
    const [none] = await comms.command("/actions");
    expect(none!.text).toBe("Không có việc nào chờ duyệt. Gõ /actions approved để xem những việc đang hiện công khai.");
    const listed = await comms.command("/actions approved");
    expect(listed[0]!.text).toBe("Đang hiện công khai (1 việc gần nhất); «Gỡ xuống» để ẩn một việc:");
    expect(listed[1]!.text).toContain(TEXT);
    const [mine] = await official.command("/actions");
    expect(mine!.text).toContain("Các việc đã ghi nhận gần đây:");
    expect(mine!.text).toContain("Ghi nhận bởi Citizen9002, ngày 27/11/2026");
    expect(mine!.text).toContain("✅ Đã duyệt, đang hiện công khai · ngày 27/11/2026");

    const down = await comms.tap("✖ Gỡ xuống");
    expect(down.find((m) => m.chat_id === "9003")!.text).toContain("Đã gỡ");
    expect(down.find((m) => m.chat_id === "9002")!.text).toContain("đã được gỡ khỏi trang công khai");
    const citizen = h.user(5005);
    await citizen.command(`/start ${await invitation(h, "LSN-STP")}`);
    const [thanks] = await answerAll(citizen);
    expect(thanks!.text).not.toContain("chúng tôi đã làm");
  }, 120_000);

  it("ends the dialogue with /cancel or ✖, after which typed text is a survey's again", async () => {
    await official.command("/action");
    await official.tap("Phòng Công chứng số 1");
    await official.tap("Nội dung khác");
    const [cancelled] = await official.command("/cancel");
    expect(cancelled!.text).toBe("Đã huỷ, không có gì được lưu.");
    const [survey] = await official.text("tư pháp");
    // With no dialogue open, a typed name is the citizen survey's agency search.
    expect(survey!.text).toBe("Các cơ quan khớp với “tư pháp”:");
    // The picker from before the /cancel is stale now.
    const [stale] = await official.press("x:act:s:n0nce1");
    expect(stale!.text).toContain("không còn");

    await official.command("/action");
    const [gone] = await official.tap("✖ Huỷ");
    expect(gone!.text).toBe("Đã huỷ, không có gì được lưu.");
    expect(await h.service.db.prisma.feedbackAction.count()).toBe(1);
  }, 60_000);
});
