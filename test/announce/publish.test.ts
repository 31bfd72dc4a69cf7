// Publishing through the real grammY channel (Bot API faked by a transformer) and the real Zalo client (Zalo
// faked at fetch): the picture and the escaped HTML text on Telegram, the uploaded picture and the plain text
// on Zalo, the requester's progress message edited into a per-target report, and the audit of it all.
import { describe, expect, it } from "vitest";
import { decode } from "../charts/pixels.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { approvedAnnouncement, createWorld, freshWorldEach, TARGETS, type World } from "./helpers.ts";

const HOSTILE_VI = "Năm 2021 <b>x</b> & _*[ Lạng Sơn </i><a href=\"javascript:alert(1)\">bấm</a>";
const HOSTILE_EN = "In 2021 <script>alert(1)</script> & *bold* [link](http://x) `code`";

describe.each(await databaseKinds())("publishing an announcement (%s)", (kind) => {
  let w!: World;
  freshWorldEach(kind, (world) => (w = world));

  async function hostileApproved() {
    const comms = w.actor(w.people.comms);
    const created = await w.ann.service.create(comms, { kind: "official_result", indexCode: "SIPAS", unitCode: "20", year: 2021 });
    const id = created.ok ? created.announcement.id : "";
    await w.ann.service.edit(comms, id, "vi", HOSTILE_VI);
    await w.ann.service.edit(comms, id, "en", HOSTILE_EN);
    await w.ann.service.submit(comms, id);
    const approved = await w.ann.service.approve(w.actor(w.people.admin), id, 3);
    expect(approved.ok).toBe(true);
    return id;
  }

  it("Telegram: one photo per chat, the caption in HTML with every character of the staff's text escaped", async () => {
    const id = await hostileApproved();
    const { started, done } = await w.ann.service.publishNow(w.actor(w.people.comms), id, { progress: { chatId: "100", locale: "vi" } });
    expect(started.ok).toBe(true);
    const out = await done!;
    expect(out).toMatchObject({ ok: true, announcement: { status: "published" }, report: { total: 3, sent: 3 } });

    for (const chat of TARGETS.telegramChats) {
      const calls = w.telegram.to(chat);
      expect(calls.map((c) => c.method)).toEqual(["sendPhoto"]);
      const p = calls[0]!.payload;
      expect(p.parse_mode).toBe("HTML");
      expect(p.caption).toBe(
        "Năm 2021 &lt;b&gt;x&lt;/b&gt; &amp; _*[ Lạng Sơn &lt;/i&gt;&lt;a href=&quot;javascript:alert(1)&quot;&gt;bấm&lt;/a&gt;\n\n" +
          "<i>In 2021 &lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold* [link](http://x) `code`</i>",
      );
      // The only tags are our own <i>…</i>: nothing typed by staff became markup.
      expect(String(p.caption).match(/<[^>]+>/g)).toEqual(["<i>", "</i>"]);
      const png = decode(calls[0]!.photo!);
      // The card as the draft drew it: phone-width, as tall as its content (at most 500 units).
      expect(png.width).toBe(720);
      expect(png.height).toBeLessThanOrEqual(1000);
    }
  });

  it("Zalo: the picture uploaded once, then a media message with the plain text as its caption", async () => {
    const id = await hostileApproved();
    await (await w.ann.service.publishNow(w.actor(w.people.comms), id)).done;
    expect(w.zalo.uploads).toBe(1);
    expect(w.zalo.messages).toEqual([
      {
        user_id: TARGETS.zaloUsers[0],
        message: {
          text: `${HOSTILE_VI}\n\n${HOSTILE_EN}`,
          attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: "att-1" }] } },
        },
      },
    ]);
  });

  it("the requester's progress message is edited as sends complete and ends as the per-target report", async () => {
    w.telegram.forbidden.add("-1001234567890");
    const a = await approvedAnnouncement(w, w.actor(w.people.comms), w.actor(w.people.admin));
    const out = await (await w.ann.service.publishNow(w.actor(w.people.comms), a.id, { progress: { chatId: "100", locale: "vi" } })).done;
    expect(out).toMatchObject({
      ok: true,
      report: {
        total: 3,
        sent: 2,
        results: [
          { channel: "telegram", chatId: "@langson_news", ok: true },
          { channel: "telegram", chatId: "-1001234567890", ok: false, failure: "recipient-stopped" },
          { channel: "zalo", chatId: TARGETS.zaloUsers[0], ok: true },
        ],
      },
    });
    const mine = w.telegram.to("100");
    expect(mine[0]).toMatchObject({ method: "sendMessage", payload: { text: `Đang đăng bản tin ${a.id}: đã gửi 0/3` } });
    const edits = mine.slice(1);
    expect(edits.map((c) => c.method).every((m) => m === "editMessageText")).toBe(true);
    expect(edits.map((c) => c.payload.message_id)).toEqual(edits.map(() => 501));
    expect(edits.some((c) => c.payload.text === `Đang đăng bản tin ${a.id}: đã gửi 2/3`)).toBe(true);
    expect(edits.at(-1)!.payload.text).toBe(
      `Đã đăng bản tin ${a.id}: thành công 2/3 nơi nhận.\n✗ Telegram -1001234567890: bot không còn được gửi vào đây (bị chặn hoặc bị gỡ khỏi kênh)`,
    );
    const done = (await w.audit.list({ subject: a.id, action: "announce.publish.done" }))[0]!;
    expect(done).toMatchObject({ actor: "telegram:100", details: { version: 1, sent: 2, total: 3, failed: [{ target: "Telegram -1001234567890", failure: "recipient-stopped" }] } });
  });

  it("published once: a second publish (or a double tap) sends nothing more", async () => {
    const a = await approvedAnnouncement(w, w.actor(w.people.comms), w.actor(w.people.admin));
    const [one, two] = await Promise.all([
      w.ann.service.publishNow(w.actor(w.people.comms), a.id),
      w.ann.service.publishNow(w.actor(w.people.comms2), a.id),
    ]);
    const results = await Promise.all([one.done, two.done]);
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    expect(results.find((r) => r && !r.ok)).toMatchObject({ ok: false, refusal: { reason: "wrong_status" } });
    expect(w.telegram.calls.filter((c) => c.method === "sendPhoto")).toHaveLength(2);
    expect(w.zalo.messages).toHaveLength(1);
    expect((await w.ann.service.publishNow(w.actor(w.people.comms), a.id)).started).toMatchObject({ ok: false, refusal: { reason: "wrong_status", status: "published" } });
  });

  it("when no target got it, the post stays approved to be tried again; no targets at all is refused up front", async () => {
    const off = await createWorld(w.db, { targets: { telegramChats: ["@gone"], zaloUsers: [] } });
    off.telegram.forbidden.add("@gone");
    const a = await approvedAnnouncement(off, off.actor(off.people.comms), off.actor(off.people.admin));
    const out = await (await off.ann.service.publishNow(off.actor(off.people.comms), a.id, { progress: { chatId: "100", locale: "en" } })).done;
    expect(out).toMatchObject({ ok: true, announcement: { status: "approved", publishedAt: null }, report: { sent: 0 } });
    expect(off.telegram.to("100").at(-1)!.payload.text).toBe(
      `Announcement ${a.id} reached no target; it stays approved so it can be tried again.\n✗ Telegram @gone: the bot may no longer post there (blocked or removed from the channel)`,
    );
    const none = await createWorld(w.db, { targets: { telegramChats: [], zaloUsers: [] } });
    expect((await none.ann.service.publishNow(none.actor(none.people.comms), a.id)).started).toMatchObject({ ok: false, refusal: { reason: "no_targets" } });
  });
});
