// The whole service, as an admin, an official and a citizen use it in Telegram: an invite code becomes a
// role, the official subscribes by taps, Monday's firing sends one digest with its chart, a second firing
// sends nothing more, and citizens' surveys still work behind the staff router.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../helpers/databases.ts";
import { startHarness, type Harness } from "../helpers/telegram-harness.ts";

const API_KEY = "test-key-0123456789abcdef";
const CODE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;

describe.each(await databaseKinds())("staff in the running service (%s)", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ kind, env: { HAILONG_ADMINS: "9001", HAILONG_ANNOUNCE_TELEGRAM_CHATS: "@hailong_news" } });
    const res = await h.service.http.request("/api/v1/dossiers", {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ dossierCode: "HS-STAFF-1", agencyCode: "LSN-STP", agencyName: "Sở Tư pháp", completedAt: "2026-11-25T09:30:00+07:00" }),
    });
    expect(res.status).toBe(201);
  }, 120_000);
  afterAll(() => h?.stop());

  it("turns an invite code into a role, a subscription, and exactly one Monday digest with its chart", async () => {
    const admin = h.user(9001);
    const [issued] = await admin.command("/invite official LSN-STP");
    const code = CODE.exec(issued!.text)?.[0];
    expect(code, issued!.text).toBeDefined();

    const official = h.user(9002);
    const [welcome] = await official.command(`/redeem ${code}`);
    expect(welcome!.text).toContain("cán bộ theo dõi kết quả");
    // The same code a second time is refused.
    const [again] = await h.user(9003).command(`/redeem ${code}`);
    expect(again!.text).toContain("đã được dùng");

    await official.command("/subscribe");
    await official.tap("☐ Tất cả");
    await official.tap("Tiếp tục");
    await official.tap("Cả hai");
    await official.tap("Hằng tuần");
    const [saved] = await official.tap("✔ Xác nhận");
    expect(saved!.text).toContain("Đã đăng ký nhận bản tin");

    // Monday 30 November 2026, 08:00 in Hà Nội: the week 23–29 November (2026-W48) goes out.
    h.clock.now = new Date("2026-11-30T01:00:00Z");
    const digests = h.service.staff.digests!;
    const before = h.sent.length;
    await digests.scheduler.fireNow(h.clock.now);
    await digests.dispatcher.runDue();
    const toOfficial = h.sent.slice(before).filter((m) => m.chat_id === "9002");
    const photos = toOfficial.filter((m) => m.kind === "photo");
    expect(photos).toHaveLength(2); // vi and en
    const text = toOfficial.map((m) => m.text).join("\n");
    expect(text).toContain("2026-W48");
    expect(text).toContain("Sở Tư pháp");

    // A double firing, another run: nothing more.
    const after = h.sent.length;
    await digests.scheduler.fireNow(h.clock.now);
    await digests.dispatcher.runDue();
    expect(h.sent.slice(after).filter((m) => m.chat_id === "9002")).toHaveLength(0);
  }, 120_000);

  it("shows an official on Monday the week just finished with /digest last, in both their languages, with a period picker", async () => {
    const official = h.user(9002);
    // Monday morning, as in the test above: the week in progress is W49, the one just finished W48.
    h.clock.now = new Date("2026-11-30T02:00:00Z");
    const replies = await official.command("/digest last");
    expect(replies.filter((m) => m.kind === "photo")).toHaveLength(2);
    const texts = replies.filter((m) => m.kind !== "photo").map((m) => m.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain("BẢN TIN");
    expect(texts[1]).toContain("CITIZEN SATISFACTION DIGEST");
    for (const text of texts) {
      expect(text).toContain("2026-W48");
      expect(text).not.toContain("2026-W49");
      // A finished week is not a preview.
      expect(text).not.toMatch(/XEM TRƯỚC|PREVIEW/);
    }
    expect(replies.at(-1)!.buttons.flat().map((b) => b.text)).toEqual(["« Tuần trước", "Tuần này", "« Tháng trước", "Tháng này"]);

    const month = await official.tap("« Tháng trước");
    expect(month.filter((m) => m.kind !== "photo").map((m) => m.text).join("\n")).toContain("2026-10");
    const current = await official.command("/digest");
    expect(current.filter((m) => m.kind !== "photo")[0]!.text).toContain("XEM TRƯỚC");
    expect(current.map((m) => m.text).join("\n")).toContain("2026-W49");
    const [unknown] = await official.command("/digest yesterday-ish");
    expect(unknown!.text).toContain("/digest last");
  }, 120_000);

  it("changes an official's staff messages too when they choose a language with /language", async () => {
    const official = h.user(9002);
    const [vi] = await official.command("/whoami");
    expect(vi!.text).toMatch(/cán bộ/i);
    await official.command("/language");
    await official.tap("English");
    const [en] = await official.command("/whoami");
    expect(en!.text).not.toMatch(/cán bộ/i);
    expect(en!.text).toMatch(/official/i);
    await official.command("/language");
    await official.tap("Tiếng Việt");
  }, 60_000);

  it("takes a comms officer's announcement from an official result through approval to the channel, escaped", async () => {
    const admin = h.user(9001);
    const [issued] = await admin.command("/invite comms");
    const comms = h.user(9004);
    await comms.command(`/redeem ${CODE.exec(issued!.text)![0]}`);

    await comms.command("/announce");
    await comms.tap("📊");
    await comms.tap("SIPAS");
    await comms.tap("Lạng Sơn");
    // The draft comes as its card (a photo) and then its text with the buttons.
    const shown = await comms.tap("2021");
    expect(shown.map((m) => m.kind)).toContain("photo");
    const preview = shown.find((m) => m.buttons.length > 0);
    expect(preview!.text).toContain("87,07 %");
    // Not approved yet: nothing can reach the channel.
    expect(h.calls.filter((c) => c.payload.chat_id === "@hailong_news")).toHaveLength(0);
    await comms.tap("📨 Gửi duyệt");
    await admin.tap("✅ Duyệt");
    await comms.tap("📣 Đăng ngay");
    await h.service.staff.announcements.service.idle();

    const posted = h.calls.filter((c) => c.payload.chat_id === "@hailong_news");
    expect(posted.map((c) => c.method)).toContain("sendPhoto");
    const body = posted.map((c) => String(c.payload.caption ?? c.payload.text ?? "")).join("\n");
    expect(body).toContain("87,07 %");
    expect(body).toContain("87.07");
    // The card goes alone when the post is longer than a caption may be; every text sent is HTML, escaped.
    expect(posted.filter((c) => c.payload.caption ?? c.payload.text).every((c) => c.payload.parse_mode === "HTML")).toBe(true);
    const trail = await h.service.db.prisma.auditEntry.findMany({ where: { action: { startsWith: "announce." } }, orderBy: { id: "asc" } });
    expect(trail.map((e) => e.actor)).toEqual(expect.arrayContaining(["telegram:9004", "telegram:9001"]));
  }, 120_000);

  it("refuses staff commands to a citizen politely and still runs the citizen's survey", async () => {
    const citizen = h.user(9100);
    const [refused] = await citizen.command("/invite admin");
    expect(refused!.text).toContain("không có quyền");
    const [start] = await citizen.command("/start");
    expect(start!.buttons.flat().some((b) => b.text.includes("Sở Tư pháp"))).toBe(true);
  }, 60_000);
});
