// A citizen without a link (/start alone) finds the agency they visited in the registry of
// examples/agencies.csv: level by level (province → department or district → commune) or by typing part
// of its name, and the picker is redrawn in place rather than piling up messages.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importAgenciesCsv } from "../../../src/registry/agencies-import.ts";
import { startHarness, type Harness } from "../../helpers/telegram-harness.ts";

const CSV = fs.readFileSync(path.resolve(import.meta.dirname, "../../../examples/agencies.csv"), "utf8");

describe("walk-in agency picker in Telegram", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await importAgenciesCsv(h.service.db, CSV, { defaultQuestionnaire: "sipas-short" });
  });
  afterAll(async () => h?.stop());

  const labels = (m: { buttons: { text: string }[][] } | undefined) => m!.buttons.flat().map((b) => b.text);
  const walkIns = () => h.service.db.prisma.response.findMany({ where: { walkIn: true }, include: { agency: true } });

  it("by level: the province's units first, a district opens its communes, and the choice starts the survey", async () => {
    const u = h.user(6001);
    const [menu] = await u.command("/start");
    expect(menu!.text).toContain("cơ quan nào");
    expect(menu!.text).toContain("gõ một phần tên");
    expect(labels(menu)).toEqual(["Đánh giá: UBND tỉnh Lạng Sơn", "Sở Tư pháp", "Sở Xây dựng", "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn", "UBND huyện Hữu Lũng ›"]);

    const [district] = await u.tap("UBND huyện Hữu Lũng");
    expect(district).toMatchObject({ kind: "edit", messageId: menu!.messageId }); // the picker changes in place
    expect(district!.text).toContain("UBND huyện Hữu Lũng — mời chọn đơn vị");
    expect(labels(district)).toEqual(["Đánh giá: UBND huyện Hữu Lũng", "UBND xã Đồng Tân, huyện Hữu Lũng", "« Cấp trên"]);
    const [up] = await u.tap("« Cấp trên");
    expect(labels(up)).toContain("Sở Tư pháp");
    await u.tap("UBND huyện Hữu Lũng");

    const replies = await u.tap("UBND xã Đồng Tân");
    expect(replies[0]!.text).toContain("UBND xã Đồng Tân, huyện Hữu Lũng");
    expect(replies[0]!.text).toContain("Câu 1/8");
    // The picker loses its buttons once the survey starts.
    expect(u.screen().get(menu!.messageId)!.buttons).toEqual([]);
    expect((await walkIns()).map((r) => r.agency.code)).toEqual(["LSN-HL-DONGTAN"]);
  });

  it("by typed name, without diacritics, once no survey is running", async () => {
    const u = h.user(6002);
    await u.command("/start");
    const [found] = await u.text("tu phap");
    expect(found!.text).toContain("“tu phap”");
    expect(labels(found)).toEqual(["Sở Tư pháp"]);
    const [q1] = await u.tap("Sở Tư pháp");
    expect(q1!.text).toContain("Câu 1/8");
    // During the survey, typed text is an answer again, never a search.
    const [reprompt] = await u.text("tu phap");
    expect(reprompt!.text).toContain("chưa hiểu");

    const [none] = await h.user(6003).text("bệnh viện");
    expect(none!.text).toContain("Không tìm thấy cơ quan nào khớp với “bệnh viện”");
    expect(none!.buttons).toEqual([]);
    const [answerLike] = await h.user(6003).text("4");
    expect(answerLike!.text).toContain("không có khảo sát");
  });
});
