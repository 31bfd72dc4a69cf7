// Rejecting an announcement in the running service, as people do it in Telegram: the admin's "Reject" asks
// why (a typed reply; a button or /cancel keeps the post pending), the reason is stored and audited, the
// author reads it in their chat and in the announcement view, and it stays visible through the next edit
// and submission, so the next approver sees what was asked for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n.ts";
import { createAuditLog } from "../../src/store/audit.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { startHarness, type Harness, type SentMessage } from "../helpers/telegram-harness.ts";

const CODE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
const ADMIN = 9301;
const COMMS = 9302;
const t = createTranslator();
const REASON = "Số liệu năm 2020 chưa được xác minh; hãy ghi rõ nguồn.";

describe.each(await databaseKinds())("rejecting with a reason (%s)", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ kind, env: { HAILONG_ADMINS: String(ADMIN), HAILONG_ANNOUNCE_TELEGRAM_CHATS: "@hailong_news" } });
    const [issued] = await h.user(ADMIN).command("/invite comms");
    await h.user(COMMS).command(`/redeem ${CODE.exec(issued!.text)![0]}`);
  }, 120_000);
  afterAll(async () => h?.stop());

  const buttonOf = (m: SentMessage, label: string) => {
    const b = m.buttons.flat().find((x) => x.text.startsWith(label));
    if (!b) throw new Error(`no "${label}" in ${JSON.stringify(m.buttons)}`);
    return b.callback_data;
  };

  it("asks the admin why, tells the author the reason, and shows it with the post", async () => {
    const comms = h.user(COMMS);
    const admin = h.user(ADMIN);
    await comms.command("/announce");
    await comms.tap("📊");
    await comms.tap("SIPAS");
    await comms.tap("Lạng Sơn");
    await comms.tap("2021");
    const submitted = await comms.tap("📨 Gửi duyệt");
    const review = submitted.filter((m) => m.chat_id === String(ADMIN)).at(-1)!;
    const [ann] = await h.service.staff.announcements.service.list(1);
    const id = ann!.id;

    // "Reject" asks first; the button under the question keeps the post pending.
    const [prompt] = await admin.press(buttonOf(review, "↩️ Từ chối"), review.messageId);
    expect(prompt!.text).toBe(t("vi", "announce.bot.reject_prompt", { id }));
    const [kept] = await admin.tap("✖ Thôi, không từ chối");
    expect(kept).toMatchObject({ kind: "edit", messageId: prompt!.messageId, text: `Đã thôi, bản tin ${id} không bị từ chối.` });
    expect(await h.service.staff.announcements.service.get(id)).toMatchObject({ status: "pending", rejectionReason: null });
    // The dialogue is over: the admin's next message is not taken for a reason.
    expect((await admin.text("xin chào"))[0]!.text).not.toContain(id);

    // So does /cancel.
    await admin.press(buttonOf(review, "↩️ Từ chối"), review.messageId);
    expect((await admin.command("/cancel"))[0]!.text).toBe(`Đã thôi, bản tin ${id} không bị từ chối.`);
    expect((await h.service.staff.announcements.service.get(id))!.status).toBe("pending");

    // A reason too long to read in a chat is asked again; a good one rejects.
    await admin.press(buttonOf(review, "↩️ Từ chối"), review.messageId);
    expect((await admin.text("x".repeat(501)))[0]!.text).toBe(t("vi", "announce.refused.too_long", { length: 501, max: 500 }));
    const replies = await admin.text(REASON);
    expect(replies[0]).toMatchObject({ chat_id: String(ADMIN), text: t("vi", "announce.bot.rejected", { id }) });
    const toAuthor = replies.filter((m) => m.chat_id === String(COMMS));
    expect(toAuthor[0]!.text).toBe(`telegram:${ADMIN} đã từ chối bản tin ${id}.\nLý do: ${REASON}\nHãy sửa nội dung rồi gửi duyệt lại.`);
    const view = toAuthor.at(-1)!;
    expect(view.text).toContain(`Bản tin ${id} · phiên bản 1 · bị từ chối`);
    expect(view.text).toContain(`Từ chối: telegram:${ADMIN}, 27/11/2026 10:00 — lý do: ${REASON}`);
    expect(view.buttons.flat().map((b) => b.text)).toContain("📨 Gửi duyệt");

    expect(await h.service.staff.announcements.service.get(id)).toMatchObject({ status: "rejected", rejectedBy: `telegram:${ADMIN}`, rejectionReason: REASON });
    const [entry] = await createAuditLog(h.service.db).list({ subject: id, action: "announce.reject" });
    expect(entry).toMatchObject({ actor: `telegram:${ADMIN}`, details: { reason: REASON, version: 1 } });

    // The author edits and submits again: the reason is still there, for them and for the admin.
    await comms.press(buttonOf(view, "✏️ Sửa tiếng Việt"), view.messageId);
    const edited = await comms.text("Năm 2021, Lạng Sơn đạt 87,07 % Chỉ số SIPAS (nguồn: Bộ Nội vụ).");
    expect(edited.at(-1)!.text).toContain(`Lần từ chối trước: telegram:${ADMIN}, 27/11/2026 10:00 — lý do: ${REASON}`);
    const again = await comms.tap("📨 Gửi duyệt");
    expect(again.filter((m) => m.chat_id === String(ADMIN)).at(-1)!.text).toContain(`Lần từ chối trước: telegram:${ADMIN}`);
  });

  it("asks no reason of someone who may not reject", async () => {
    const [ann] = await h.service.staff.announcements.service.list(1);
    const forged = `x:a:rj:${ann!.id}:${ann!.version}`;
    expect((await h.user(COMMS).press(forged))[0]!.text).toBe(t("vi", "announce.refused.admin_only", { id: ann!.id }));
    // An old button (the version the admin saw is gone) is refused before any reason is typed.
    expect((await h.user(ADMIN).press(`x:a:rj:${ann!.id}:1`))[0]!.text).toBe(t("vi", "announce.refused.stale_version", { id: ann!.id, version: ann!.version }));
    expect((await h.user(ADMIN).text("không phải lý do"))[0]!.text).not.toContain("từ chối");
  });
});
