// /alerts in the running bot, as an official uses it: the list, a threshold set by taps (agency of their
// scope → figure → level), the one alert it brings when the running month falls under it, and removing it.
// Citizens are refused; forged or old buttons, agencies outside the scope and typed garbage get a clear answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { createAuditLog } from "../../src/store/audit.ts";
import { grant, PUBLIC_BASE_URL, seedProvince } from "../actions/helpers.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { startHarness, type Harness, type TelegramUser } from "../helpers/telegram-harness.ts";
import { insertResponses, uniform } from "../indices/helpers.ts";

const ADMIN = 9201;
const OFFICIAL = 9202;
const t = createTranslator();
const labels = (u: TelegramUser) => u.last()?.buttons.flat().map((b) => b.text) ?? [];

describe.each(await databaseKinds())("/alerts in the bot (%s)", (kind) => {
  let h: Harness;
  let official: TelegramUser;
  let ids: Map<string, number>;

  beforeAll(async () => {
    h = await startHarness({ kind, env: { HAILONG_ADMINS: String(ADMIN), PUBLIC_BASE_URL } });
    await seedProvince(h);
    ids = new Map((await createAgencyStore(h.service.db).listAll()).map((a) => [a.code, a.id]));
    official = await grant(h, ADMIN, OFFICIAL, "official LSN-STP");
  }, 120_000);
  afterAll(() => h?.stop());

  it("sets a threshold by taps and lists it", async () => {
    const [list] = await official.command("/alerts");
    expect(list!.text).toContain(t("vi", "alert.list_empty"));
    expect(labels(official)).toEqual([t("vi", "alert.add_button")]);
    await official.tap(t("vi", "alert.add_button"));
    expect(labels(official)).toEqual(["Sở Tư pháp ›", t("vi", "alert.back_button")]);
    await official.tap("Sở Tư pháp");
    expect(labels(official)).toEqual(["✔ Sở Tư pháp", "Phòng Công chứng số 1", t("vi", "alert.back_button")]);
    await official.tap("✔ Sở Tư pháp");
    expect(labels(official).slice(0, 3)).toEqual([t("vi", "alert.what_index"), t("vi", "element.access"), t("vi", "element.procedures")]);
    await official.tap(t("vi", "alert.what_index"));
    expect(labels(official)).toContain("80 %");
    expect(labels(official).some((l) => l.includes("/5"))).toBe(false);
    const [saved] = await official.tap("80 %");
    expect(saved!.kind).toBe("edit");
    expect(saved!.text).toContain("Đã đặt ngưỡng: Sở Tư pháp, Chỉ số hài lòng chung dưới 80 %.");
    expect(saved!.text).toContain("1. Sở Tư pháp: Chỉ số hài lòng chung dưới 80 %");

    // A question offers the 5-point scale too.
    await official.tap(t("vi", "alert.add_button"));
    await official.tap("Sở Tư pháp");
    await official.tap("✔ Sở Tư pháp");
    await official.tap(t("vi", "alert.items_button"));
    await official.tap("Câu hỏi «Nhìn chung");
    await official.tap("điểm 4,0/5");
    expect(official.last()!.text).toContain("dưới điểm 4,0/5");

    // Setting the same figure again replaces its level, and the audit log says from what.
    await official.tap(t("vi", "alert.add_button"));
    await official.tap("Sở Tư pháp");
    await official.tap("✔ Sở Tư pháp");
    await official.tap(t("vi", "alert.what_index"));
    await official.tap("70 %");
    const set = (await createAuditLog(h.service.db).list({ action: "alert.threshold.set" })).map((e) => ({ actor: e.actor, ...e.details }));
    expect(set).toEqual([
      { actor: `telegram:${OFFICIAL}`, agency: "LSN-STP", target: "index", unit: "percent", value: 70, was: 80 },
      expect.objectContaining({ actor: `telegram:${OFFICIAL}`, agency: "LSN-STP", unit: "score", value: 4 }),
      { actor: `telegram:${OFFICIAL}`, agency: "LSN-STP", target: "index", unit: "percent", value: 80 },
    ]);
    await official.command("/alerts");
    const index = official.last()!.text.split("\n").find((l) => l.includes("Chỉ số hài lòng chung"));
    expect(index).toContain("70 %");
    // Back to 80 % for the next test.
    await official.tap(t("vi", "alert.add_button"));
    await official.tap("Sở Tư pháp");
    await official.tap("✔ Sở Tư pháp");
    await official.tap(t("vi", "alert.what_index"));
    await official.tap("80 %");
  }, 60_000);

  it("alerts the official once when the running month falls under the threshold", async () => {
    await insertResponses(h.service.db, ids, [...uniform("LSN-STP", 24, 5, "2026-11-20T03:00:00Z"), ...uniform("LSN-STP", 16, 2, "2026-11-20T03:00:00Z")]);
    const before = h.sent.length;
    const first = await h.service.alerts.scheduler.checkNow();
    expect(first.claimed.map((c) => c.period)).toEqual(["2026-11", "2026-11"]);
    await h.service.outbox.runDue();
    const got = h.sent.slice(before).filter((m) => m.chat_id === String(OFFICIAL));
    expect(got).toHaveLength(2);
    const index = got.find((m) => m.text.includes("Chỉ số hài lòng chung của Sở Tư pháp dưới ngưỡng"));
    expect(index!.text).toContain("Tháng này (2026-11, đến nay): 60,00 %, n = 40, dưới ngưỡng 80,00 %");
    expect(index!.text).toContain(`${PUBLIC_BASE_URL}/results/agencies/LSN-STP`);
    expect(got.find((m) => m.text.includes("điểm trung bình 3,80/5, n = 40, dưới ngưỡng 4,00/5"))).toBeDefined();
    await h.service.alerts.scheduler.checkNow();
    await h.service.outbox.runDue();
    expect(h.sent.slice(before).filter((m) => m.chat_id === String(OFFICIAL))).toHaveLength(2);
  }, 60_000);

  it("removes a threshold from the list", async () => {
    await official.command("/alerts");
    const [after] = await official.tap(t("vi", "alert.remove_button", { i: 1 }));
    expect(after!.text).toContain(t("vi", "alert.removed"));
    expect(after!.text).not.toContain("Chỉ số hài lòng chung dưới 80 %");
    const [removed] = await createAuditLog(h.service.db).list({ action: "alert.threshold.remove" });
    expect(removed).toMatchObject({ actor: `telegram:${OFFICIAL}`, details: { agency: "LSN-STP", target: "index", unit: "percent", value: 80 } });
  }, 60_000);

  it("answers citizens, garbage, old and forged buttons and agencies outside the scope clearly", async () => {
    expect((await h.user(5201).command("/alerts"))[0]!.text).toBe(t("vi", "roles.not_allowed"));
    expect((await official.command("/alerts please 80%"))[0]!.text).toContain(t("vi", "alert.usage"));
    expect((await official.press(`x:al:g:${ids.get("LSN-SXD")}`))[0]!.text).toBe(t("vi", "alert.out_of_scope"));
    expect((await official.press(`x:al:v:${ids.get("LSN")}:index:all:p80`))[0]!.text).toBe(t("vi", "alert.out_of_scope"));
    const stale = t("vi", "staff.stale_button");
    for (const data of ["x:al:zz", "x:al:g:999999", "x:al:v:1:index:all:p42", `x:al:v:${ids.get("LSN-STP")}:element:access:s40`, `x:al:t:${ids.get("LSN-STP")}:item:nope`, "x:al:r:someoneelse"]) {
      expect((await official.press(data))[0]!.text, data).toBe(stale);
    }
  }, 60_000);
});
