// /about and the greeting, as a citizen reads them in Telegram: the greeting's one line about SIPAS; /about
// with what the survey is, who sees the answers, how the index is computed, the last published figure of
// the agency they rate (the public site's, once it has min-n answers) or else the province's official SIPAS,
// and the link to the public page; in the command menu and /help; in English too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerAll, invitation, PUBLIC_BASE_URL, seedProvince } from "../actions/helpers.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { startHarness, type Harness } from "../helpers/telegram-harness.ts";

const MINUTE = 60_000;

describe.each(await databaseKinds())("/about (%s)", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ kind, env: { PUBLIC_BASE_URL, HAILONG_MIN_N: "2" } });
    await seedProvince(h);
  }, 120_000);
  afterAll(() => h?.stop());

  it("greets with one line on what SIPAS is and why the answer counts, pointing to /about", async () => {
    const [first] = await h.user(6001).command(`/start ${await invitation(h, "LSN-STP")}`);
    expect(first!.text.split("\n").slice(0, 3)).toEqual([
      "Xin chào! Cảm ơn Ông/Bà đã sử dụng dịch vụ tại Sở Tư pháp.",
      "Khảo sát theo chuẩn SIPAS của Bộ Nội vụ: ý kiến của Ông/Bà được tính vào chỉ số hài lòng công khai của cơ quan và cho cơ quan biết cần cải thiện gì. Xem thêm: /about",
      "Mời Ông/Bà dành khoảng 1 phút trả lời 8 câu hỏi ngắn bằng cách bấm nút. Ý kiến của Ông/Bà được giữ kín.",
    ]);
    await h.user(6001).command("/cancel");
  }, 60_000);

  it("explains the survey to someone who has not rated anything, with the province's official SIPAS and the overview", async () => {
    const [about] = await h.user(6002).command("/about");
    expect(about!.text.split("\n\n")).toEqual([
      "ℹ️ Về khảo sát này",
      "Đây là khảo sát sự hài lòng theo phương pháp SIPAS của Bộ Nội vụ (Chỉ số hài lòng về sự phục vụ hành chính). Sau khi làm thủ tục, Ông/Bà đánh giá 5 yếu tố: tiếp cận dịch vụ, thủ tục hành chính, công chức giải quyết công việc, kết quả dịch vụ, và việc tiếp nhận, xử lý góp ý.",
      "Vì sao quan trọng: ý kiến của Ông/Bà được tính vào chỉ số công khai của cơ quan, cho lãnh đạo biết cần cải thiện gì, và cơ quan công bố những việc đã làm theo góp ý của người dân.",
      "Ai thấy câu trả lời: Ông/Bà được ghi nhận bằng một mã ẩn danh, không phải tên hay số điện thoại; không ai thấy được ai đã trả lời gì. Cơ quan chỉ thấy số liệu tổng hợp, còn góp ý bằng chữ được chuyển tới cán bộ của cơ quan sau khi đã ẩn số điện thoại, email và số giấy tờ. Gõ /delete bất cứ lúc nào để xóa dữ liệu của Ông/Bà.",
      "Cách tính: mỗi câu hỏi lấy tỷ lệ câu trả lời «Hài lòng» hoặc «Rất hài lòng»; chỉ số của cơ quan là trung bình của 5 yếu tố. Chỉ số chỉ được công bố khi có ít nhất 2 câu trả lời.",
      "Chỉ số SIPAS năm 2021 do Bộ Nội vụ công bố — Lạng Sơn: 87,07 %, xếp hạng 31/63.",
      `Xem kết quả công khai: ${PUBLIC_BASE_URL}/?lang=vi`,
    ]);
    expect(about!.buttons).toEqual([]);
  }, 60_000);

  it("during a survey, says the agency has too few answers yet, then asks the question again", async () => {
    const u = h.user(6003);
    await u.command(`/start ${await invitation(h, "LSN-STP")}`);
    await u.tap("4");
    const replies = await u.command("/about");
    expect(replies[0]!.text).toContain("Sở Tư pháp chưa đủ 2 câu trả lời để công bố chỉ số.\nChỉ số SIPAS năm 2021 do Bộ Nội vụ công bố — Lạng Sơn: 87,07 %, xếp hạng 31/63.");
    expect(replies[0]!.text).toContain(`${PUBLIC_BASE_URL}/results/agencies/LSN-STP?lang=vi`);
    const question = replies.find((m) => m.buttons.length > 0)!;
    expect(question.text).toContain("Câu 2/8");
    await answerAll(u);
  }, 60_000);

  it("quotes the agency's published index once the site has it, and the same figure the site shows", async () => {
    const u = h.user(6004);
    await u.command(`/start ${await invitation(h, "LSN-STP")}`);
    await answerAll(u);
    // /about reads the site's snapshot as last built when it is under 10 minutes old; later it is rebuilt.
    h.clock.now = new Date(h.clock.now.getTime() + 11 * MINUTE);
    const [about] = await u.command("/about");
    // Two answers: 4 then 5s on the first, 5s on the second → access 100 %, the other elements 100 %.
    const figure = about!.text.split("\n\n")[5];
    expect(figure).toMatch(/^Kết quả gần nhất của Sở Tư pháp \(Quý 4\/2026 \(đến nay\)\): \d{1,3},\d{2} % hài lòng, 2 câu trả lời\.$/);
    const value = /: (\d{1,3},\d{2} %) hài lòng/.exec(figure!)![1]!;
    const page = await (await h.service.http.request("/results/agencies/LSN-STP?lang=vi")).text();
    expect(page).toContain(`<span class="value">${value}</span>`);
    expect(about!.text).toContain(`Xem kết quả công khai: ${PUBLIC_BASE_URL}/results/agencies/LSN-STP?lang=vi`);
  }, 60_000);

  it("speaks English to an English speaker, and is in the command menu and /help", async () => {
    const u = h.user(6004);
    await u.command("/language");
    await u.tap("English");
    const [about] = await u.command("/about");
    expect(about!.text).toContain("ℹ️ About this survey");
    expect(about!.text).toContain("Who sees your answers: you are recorded under an anonymous code");
    expect(about!.text).toMatch(/Latest result of Department of Justice \(Q4 2026 \(so far\)\): \d{1,3}\.\d{2}% satisfied, 2 answers\./);
    expect(about!.text).toContain(`Public results: ${PUBLIC_BASE_URL}/results/agencies/LSN-STP?lang=en`);
    const [help] = await u.command("/help");
    expect(help!.text).toContain("/about — what this survey is, who sees your answers");
    const menus = h.calls.filter((c) => c.method === "setMyCommands" && !c.payload.scope);
    expect(menus.length).toBeGreaterThan(0);
    for (const m of menus) {
      const cmds = (m.payload.commands as { command: string; description: string }[]).map((c) => c.command);
      expect(cmds.slice(0, 2)).toEqual(["start", "about"]);
    }
  }, 60_000);
});
