// /integrity in the running bot, as an admin uses it: the period by a tap, then the agency by taps (down
// the registry's tree), then the same report `hailong integrity` prints; the period buttons under it read
// another period. Citizens and officials are refused, and old or forged buttons get the stale reply.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n.ts";
import { integrityReport } from "../../src/integrity/integrity-service.ts";
import { renderIntegrity } from "../../src/integrity/render.ts";
import { parsePeriod } from "../../src/indices/period.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { grant, PUBLIC_BASE_URL, seedProvince } from "../actions/helpers.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { startHarness, type Harness, type TelegramUser } from "../helpers/telegram-harness.ts";
import { honest, insertResponses, stuffing } from "./seed.ts";

const ADMIN = 9101;
const TZ = "Asia/Ho_Chi_Minh";
const labels = (u: TelegramUser) => u.last()?.buttons.flat().map((b) => b.text) ?? [];

describe.each(await databaseKinds())("/integrity in the bot (%s)", (kind) => {
  let h: Harness;
  const admin = () => h.user(ADMIN);

  beforeAll(async () => {
    // The harness's clock stands on 27 Nov 2026, so "this month" is November, where the stuffing is.
    h = await startHarness({ kind, env: { HAILONG_ADMINS: String(ADMIN), PUBLIC_BASE_URL, TZ_DISPLAY: TZ } });
    await seedProvince(h);
    const stp = (await createAgencyStore(h.service.db).listAll()).find((a) => a.code === "LSN-STP")!;
    await insertResponses(h.service.db, stp.id, [...honest().slice(0, 40), ...stuffing()]);
  }, 120_000);
  afterAll(() => h?.stop());

  it("takes an admin from /integrity to the report of an agency and a period by taps", async () => {
    const [ask] = await admin().command("/integrity");
    expect(ask!.text).toBe("Xem kiểm tra số liệu của kỳ nào?");
    expect(labels(admin())).toEqual(["Tháng này", "Tháng trước", "Quý này", "Quý trước"]);

    const [top] = await admin().tap("Tháng này");
    expect(top!.kind).toBe("edit");
    expect(top!.messageId).toBe(ask!.messageId);
    expect(labels(admin())).toEqual(["Tất cả cơ quan", "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn ›"]);
    await admin().tap("Trung tâm Phục vụ");
    expect(labels(admin())).toEqual(["✔ Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn", "Sở Tư pháp ›", "Sở Xây dựng"]);
    await admin().tap("Sở Tư pháp");
    expect(labels(admin())[0]).toBe("✔ Sở Tư pháp");

    const [report] = await admin().tap("✔ Sở Tư pháp");
    const summary = await integrityReport(h.service.db, parsePeriod("2026-11", TZ), "LSN-STP");
    expect(summary).toMatchObject({ completed: 70, flagged: 30, excluded: 30 });
    expect(report!.text).toBe(renderIntegrity(createTranslator(), "vi", "2026-11 · Sở Tư pháp", summary));
    expect(report!.text).toContain("• LSN-STP: 30 / 30");

    // Last month (October) has nothing; the same agency, read from the buttons under the report.
    const [october] = await admin().tap("Tháng trước");
    expect(october!.text).toContain("2026-10 · Sở Tư pháp");
    expect(october!.text).toContain(createTranslator()("vi", "integrity.none"));
  }, 60_000);

  it("reads every agency in English for an admin who speaks it", async () => {
    await admin().command("/language");
    await admin().tap("English");
    await admin().command("/integrity");
    expect(labels(admin())).toEqual(["This month", "Last month", "This quarter", "Last quarter"]);
    await admin().tap("This quarter");
    const [report] = await admin().tap("All agencies");
    expect(report!.text).toContain("Integrity of the figures — 2026-Q4");
    expect(report!.text).toContain("flagged: 30");
    await admin().command("/language");
    await admin().tap("Tiếng Việt");
  }, 60_000);

  it("lists /integrity in an admin's /help only", async () => {
    expect((await admin().command("/help")).map((m) => m.text).join("\n")).toContain("/integrity — ");
    const official = await grant(h, ADMIN, 9102, "official LSN-STP");
    expect((await official.command("/help")).map((m) => m.text).join("\n")).not.toContain("/integrity");
  }, 60_000);

  it("refuses citizens and officials, and answers old or forged buttons as stale", async () => {
    const notAllowed = "Xin lỗi, Ông/Bà không có quyền dùng lệnh này.";
    expect((await h.user(5101).command("/integrity"))[0]!.text).toBe(notAllowed);
    const official = h.user(9102);
    expect((await official.command("/integrity"))[0]!.text).toBe(notAllowed);
    expect((await official.press("x:ig:r:tm:0"))[0]!.text).toBe(notAllowed);
    for (const data of ["x:ig:r:xx:0", "x:ig:r:tm:999999", "x:ig:l:tm:01", "x:ig:zz", "x:ig:r:tm"]) {
      expect((await admin().press(data))[0]!.text, data).toContain("không còn");
    }
  }, 60_000);
});
