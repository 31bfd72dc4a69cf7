// /invite in the running service, as an admin uses it in Telegram with the registry of examples/agencies.csv:
// the role by a tap, an official's agencies ticked level by level or found by typing part of a name (any
// case, no diacritics needed) or a code, the code issued and redeemed with that scope; typed agency codes in
// any case; a code that matches nothing named plainly; old and forged picker buttons answered as stale.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n.ts";
import { importAgenciesCsv } from "../../src/registry/agencies-import.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { startHarness, type Harness, type SentMessage } from "../helpers/telegram-harness.ts";

const CSV = fs.readFileSync(path.resolve(import.meta.dirname, "../../examples/agencies.csv"), "utf8");
const CODE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
const ADMIN = 9101;
const t = createTranslator();
const stale = t("vi", "staff.stale_button");

const labels = (m: SentMessage | undefined) => m!.buttons.flat().map((b) => b.text);

describe.each(await databaseKinds())("/invite by taps (%s)", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ kind, env: { HAILONG_ADMINS: String(ADMIN) } });
    await importAgenciesCsv(h.service.db, CSV, { defaultQuestionnaire: "sipas-short" });
  }, 120_000);
  afterAll(async () => h?.stop());

  it("an official's agencies by level and by typed name, then the code, which gives exactly that scope", async () => {
    const admin = h.user(ADMIN);
    const [usage] = await admin.command("/invite");
    expect(usage!.text).toBe(t("vi", "roles.invite.usage", { days: 7 }));
    expect(labels(usage)).toEqual(["Mời cán bộ theo dõi kết quả", "Mời cán bộ truyền thông", "Mời quản trị viên"]);

    const [picker] = await admin.tap("Mời cán bộ theo dõi kết quả");
    expect(picker).toMatchObject({ kind: "edit", messageId: usage!.messageId });
    expect(picker!.text).toContain(t("vi", "roles.invite.pick_intro"));
    expect(picker!.text).toContain("Chưa chọn cơ quan nào.");
    // One province: its own level first, the province itself on top, units with units of their own open them.
    expect(labels(picker)).toEqual([
      "☐ Toàn bộ UBND tỉnh Lạng Sơn",
      "☐ Sở Tư pháp",
      "☐ Sở Xây dựng",
      "☐ Trung tâm Phục vụ hành chính công tỉnh Lạng S…",
      "☐ UBND huyện Hữu Lũng ›",
      "✖ Huỷ",
      "✔ Tạo mã mời (0)",
    ]);
    const [empty] = await admin.tap("✔ Tạo mã mời");
    expect(empty!.text).toContain("Hãy chọn ít nhất một cơ quan trước khi tạo mã mời.");
    expect(CODE.test(empty!.text)).toBe(false);

    const [district] = await admin.tap("☐ UBND huyện Hữu Lũng ›");
    expect(district!.messageId).toBe(usage!.messageId);
    expect(district!.text).toContain("UBND huyện Hữu Lũng — các đơn vị trực thuộc:");
    expect(labels(district)).toEqual(["☐ Toàn bộ UBND huyện Hữu Lũng", "☐ UBND xã Đồng Tân, huyện Hữu Lũng", "« Cấp trên", "✖ Huỷ", "✔ Tạo mã mời (0)"]);
    const [ticked] = await admin.tap("☐ UBND xã Đồng Tân");
    expect(labels(ticked)).toContain("☑ UBND xã Đồng Tân, huyện Hữu Lũng");
    expect(ticked!.text).toContain("Đã chọn (1): UBND xã Đồng Tân, huyện Hữu Lũng");
    const [top] = await admin.tap("« Cấp trên");
    expect(labels(top)).toContain("☐ Sở Tư pháp");

    // Typed: no diacritics, any case; the matches are ticked in their own message.
    const typedReplies = await admin.text("TU PHAP");
    const found = typedReplies.at(-1);
    expect(found!.kind).toBeUndefined();
    // The picker moved to the new message: the old one keeps its text but loses its buttons.
    expect(typedReplies[0]).toMatchObject({ kind: "keyboard", messageId: usage!.messageId, buttons: [] });
    expect(found!.text).toContain("Các cơ quan khớp với “TU PHAP”");
    expect(labels(found)).toEqual(["☐ Sở Tư pháp", "« Về danh sách", "✖ Huỷ", "✔ Tạo mã mời (1)"]);
    const [both] = await admin.tap("☐ Sở Tư pháp");
    expect(both).toMatchObject({ kind: "edit", messageId: found!.messageId });
    expect(labels(both)).toEqual(["☑ Sở Tư pháp", "« Về danh sách", "✖ Huỷ", "✔ Tạo mã mời (2)"]);
    // A code, typed in lower case, finds its agency too; a name nobody has is said plainly.
    const byCode = (await admin.text("lsn-sxd")).at(-1);
    expect(labels(byCode)[0]).toBe("☐ Sở Xây dựng");
    const none = (await admin.text("bệnh viện")).at(-1);
    expect(none!.text).toContain("Không có cơ quan nào có tên hoặc mã khớp với “bệnh viện”");
    expect(labels(none)).toContain("☑ Sở Tư pháp");

    const [issued] = await admin.tap("✔ Tạo mã mời (2)");
    expect(issued!.kind).toBe("edit");
    // No picker buttons are left anywhere in the chat.
    const pickerButtons = [...admin.screen().values()].flatMap((m) => m.buttons.flat()).filter((b) => b.callback_data.startsWith("x:r:i"));
    expect(pickerButtons).toEqual([]);
    expect(issued!.buttons).toEqual([]);
    expect(issued!.text).toContain("cơ quan: LSN-HL-DONGTAN, LSN-STP");
    const code = CODE.exec(issued!.text)![0];

    const [welcome] = await h.user(9102).command(`/redeem ${code}`);
    expect(welcome!.text).toContain("cơ quan: LSN-HL-DONGTAN, LSN-STP");
    expect(await h.service.staff.staff.find("telegram", "9102")).toMatchObject({ role: "official", scope: ["LSN-HL-DONGTAN", "LSN-STP"] });

    // The picker is over: its buttons are stale, and typed text is the survey's again (a walk-in search).
    expect((await admin.press(picker!.buttons[1]![0]!.callback_data, picker!.messageId))[0]!.text).toBe(stale);
    expect((await admin.text("tu phap"))[0]!.text).toContain(t("vi", "start.search_results", { query: "tu phap" }));
  });

  it("takes typed agency codes in any case, and names a code that matches nothing, offering the list", async () => {
    const admin = h.user(ADMIN);
    const [issued] = await admin.command("/invite official lsn-stp Lsn-Hl");
    expect(issued!.text).toContain("cơ quan: LSN-STP, LSN-HL");

    const [unknown] = await admin.command("/invite official nope lsn-stp");
    expect(unknown!.text).toBe(t("vi", "roles.invite.unknown_agencies", { codes: "nope" }));
    expect(unknown!.text).toContain("chữ hoa hay chữ thường đều được");
    const [picker] = await admin.tap("Chọn cơ quan từ danh sách");
    expect(picker!.text).toContain(t("vi", "roles.invite.pick_intro"));
    await admin.tap("☐ Sở Xây dựng");
    expect((await admin.command("/cancel")).map((m) => [m.kind, m.text])).toEqual([
      ["keyboard", ""],
      [undefined, "Đã huỷ, không tạo mã mời nào."],
    ]);
    expect((await admin.press(picker!.buttons[1]![0]!.callback_data, picker!.messageId))[0]!.text).toBe(stale);
  });

  it("issues comms and admin codes with one tap; forged taps are stale; others are refused", async () => {
    const admin = h.user(ADMIN);
    const [usage] = await admin.command("/invite");
    const [comms] = await admin.tap("Mời cán bộ truyền thông");
    expect(comms).toMatchObject({ kind: "edit", messageId: usage!.messageId });
    expect(comms!.text).toContain("Mã mời cho cán bộ truyền thông (tất cả cơ quan)");
    expect(CODE.test(comms!.text)).toBe(true);

    const [picker] = await admin.command("/invite official");
    const nonce = /^x:r:it:([^:]+):/.exec(picker!.buttons[0]![0]!.callback_data)![1]!;
    for (const forged of [`x:r:it:${nonce}:999999`, `x:r:it:${nonce}:abc`, "x:r:it:someoneelse:1", `x:r:il:${nonce}:999999:0`, "x:r:ii:old", "x:r:zz"]) {
      expect((await admin.press(forged))[0]!.text, forged).toBe(stale);
    }
    // The open picker is untouched by all of that.
    const justice = picker!.buttons.flat().find((b) => b.text === "☐ Sở Tư pháp")!;
    const [still] = await admin.press(justice.callback_data, picker!.messageId);
    expect(still!.text).toContain("Đã chọn (1): Sở Tư pháp");
    await admin.command("/cancel");

    const citizen = h.user(9199);
    expect((await citizen.press("x:r:ir:admin"))[0]!.text).toBe(t("vi", "roles.not_allowed"));
    expect((await citizen.command("/invite"))[0]!.text).toBe(t("vi", "roles.not_allowed"));
  });
});
