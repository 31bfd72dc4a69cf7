// "You said, we did" and /about over loopback, through the Telegram Bot API emulator and real long polling:
// an admin's invite code makes an official, who records an action by taps and one typed text; the admin
// approves it from the message they were sent; a citizen then opens an invitation, reads the greeting's
// SIPAS line, asks /about, finishes, and reads the action in the thank-you.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { testClock } from "../helpers/clock.ts";
import { createPgDatabase, databaseKinds, tempDir } from "../helpers/databases.ts";
import { Citizen, EMULATOR_BOT_INFO, startEmulator, TEST_BOT_TOKEN, type BotMessage } from "../helpers/telegram-emulator.ts";

const API_KEY = "test-key-0123456789abcdef";
const ADMIN = 9101;
const TEXT = "Đã bố trí thêm 2 quầy tiếp nhận hồ sơ vào sáng thứ Hai.";

/** A tap whose answer replaces the tapped message (the staff dialogues): waits until the chat reads so. */
async function tapInPlace(who: Citizen, label: string, until: (screen: BotMessage[]) => boolean): Promise<BotMessage[]> {
  const msg = who.screen().findLast((m) => m.buttons.flat().some((b) => b.text.startsWith(label)));
  const button = msg?.buttons.flat().find((b) => b.text.startsWith(label));
  if (!msg || !button) throw new Error(`no button "${label}" for ${who.userId}: ${JSON.stringify(who.screen().map((m) => m.buttons))}`);
  await who.client.sendCallback(who.client.makeCallbackQuery(button.callback_data, { message: { message_id: msg.messageId } }));
  return who.settle(until, 15_000);
}

describe.each(await databaseKinds())("feedback actions and /about over the Bot API emulator (%s)", (kind) => {
  let emu: Awaited<ReturnType<typeof startEmulator>>;
  let service: Service;
  let dropPg: (() => Promise<void>) | undefined;
  const dataDir = tempDir();
  const clock = testClock();

  beforeAll(async () => {
    emu = await startEmulator();
    const env: Record<string, string> = {
      HAILONG_DATA_DIR: dataDir,
      PORT: "0",
      HAILONG_API_KEYS: API_KEY,
      TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
      TELEGRAM_API_ROOT: emu.apiRoot,
      HAILONG_ADMINS: String(ADMIN),
      PUBLIC_BASE_URL: "https://hailong.example.gov.vn",
      LOG_LEVEL: "silent",
    };
    if (kind === "postgresql") {
      const pg = await createPgDatabase();
      env.DATABASE_URL = pg.url;
      dropPg = pg.drop;
    }
    service = await startService({ env, logger: silentLogger(), telegramBotInfo: EMULATOR_BOT_INFO, now: clock.now });
    await createAgencyStore(service.db).upsertRegistry([
      { code: "LSN", nameVi: "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn", nameEn: null, parentCode: null, questionnaireId: "sipas-short" },
      { code: "LSN-STP", nameVi: "Sở Tư pháp", nameEn: "Department of Justice", parentCode: "LSN", questionnaireId: "sipas-short" },
    ]);
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await emu?.stop();
    await dropPg?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("takes an action from an official's taps to the admin's approval and a citizen's thank-you", async () => {
    const admin = new Citizen(emu.server, ADMIN);
    const [issued] = await admin.command("/invite official LSN-STP");
    const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(issued!.text)![0];
    const official = new Citizen(emu.server, 9102);
    await official.command(`/redeem ${code}`);

    // The scope is one agency with nothing under it: /action goes straight to the topic.
    const [topics] = await official.command("/action");
    expect(topics!.text).toBe("Sở Tư pháp\nNgười dân đã góp ý về nội dung nào?");
    await tapInPlace(official, "Tiếp cận dịch vụ", (s) => s.some((m) => m.text.includes("Mời gõ ngắn gọn")));
    const [preview] = await official.type(TEXT);
    expect(preview!.text).toContain(`🇻🇳 Góp ý về Tiếp cận dịch vụ: ${TEXT}`);
    await tapInPlace(official, "📨 Gửi duyệt", (s) => s.some((m) => m.text.startsWith("📨 Đã gửi duyệt")));

    const adminChat = await admin.settle((s) => s.some((m) => m.text.startsWith("🔔 ")), 15_000);
    expect(adminChat.find((m) => m.text.startsWith("🔔 "))!.text).toMatch(/^🔔 Citizen9102 .*ghi nhận một việc đã làm theo góp ý, cần duyệt:/);
    await tapInPlace(admin, "✅ Duyệt", (s) => s.some((m) => m.text.includes("✅ Đã duyệt") && m.buttons.flat().some((b) => b.text === "✖ Gỡ xuống")));
    await official.settle((s) => s.some((m) => m.text.includes("đã được duyệt và đang hiện công khai")), 15_000);

    const created = await fetch(`${service.url}/api/v1/dossiers`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ dossierCode: "HS-E2E-ACT-1", agencyCode: "LSN-STP", completedAt: new Date(clock.now().getTime() - 3_600_000).toISOString() }),
    });
    const { token } = (await created.json()) as { token: string };
    const citizen = new Citizen(emu.server, 1201);
    const [first] = await citizen.command(`/start ${token}`);
    expect(first!.text).toContain("Khảo sát theo chuẩn SIPAS của Bộ Nội vụ");
    expect(first!.text).toContain("Xem thêm: /about");
    await citizen.client.sendCommand(citizen.client.makeCommand("/about"));
    // Two messages answer /about during a survey (the text, then the question again): wait for both.
    const screen = await citizen.settle((s) => s.some((m) => m.text.startsWith("ℹ️")) && s.at(-1)!.buttons.length > 0 && s.at(-1)!.messageId > first!.messageId, 15_000);
    const about = screen.find((m) => m.text.startsWith("ℹ️"))!;
    expect(about.text).toContain("Sở Tư pháp chưa đủ 30 câu trả lời để công bố chỉ số.");
    expect(about.text).toContain("https://hailong.example.gov.vn/results/agencies/LSN-STP?lang=vi");
    expect(screen.at(-1)!.text).toContain("Câu 1/8");
    await citizen.replies(2);
    for (const score of ["5", "5", "5", "5", "5", "5"]) await citizen.tap(score, citizen.screen().findLast((m) => m.buttons.length > 0));
    await citizen.tap("Bỏ qua", citizen.screen().findLast((m) => m.buttons.length > 0));
    const [thanks] = await citizen.tap("Bỏ qua", citizen.screen().findLast((m) => m.buttons.length > 0));
    expect(thanks!.text).toContain(`Ông/Bà đã góp ý, chúng tôi đã làm:\n• Tiếp cận dịch vụ: ${TEXT} (`);
  }, 120_000);
});
