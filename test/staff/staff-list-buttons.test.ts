// /staff in the running service, as an admin uses it in Telegram: each member has a revoke button (none for
// the admin themself or for HAILONG_ADMINS), a tap asks first, "No" changes nothing, "Revoke" takes the
// rights, removes the person's staff menu and tells them; an old button then finds nobody. And /language
// redraws a member's command menu in the language they chose.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n.ts";
import { createAgencyStore } from "../../src/store/agencies.ts";
import { startHarness, type Harness, type SentMessage } from "../helpers/telegram-harness.ts";

const CODE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
const ADMIN = 9201;
const t = createTranslator();

const labels = (m: SentMessage | undefined) => m!.buttons.flat().map((b) => b.text);

describe("/staff with revoke buttons", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { HAILONG_ADMINS: String(ADMIN) } });
  }, 120_000);
  afterAll(async () => h?.stop());

  async function grant(userId: number, line: string): Promise<string> {
    // The list is oldest first: a minute apart, the members' order is known.
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const [issued] = await h.user(ADMIN).command(line);
    await h.user(userId).command(`/redeem ${CODE.exec(issued!.text)![0]}`);
    return (await h.service.staff.staff.find("telegram", String(userId)))!.id;
  }

  it("an official's invite before any agency is registered says what to do instead of showing an empty picker", async () => {
    const [reply] = await h.user(ADMIN).command("/invite official");
    expect(reply!.text).toBe(t("vi", "roles.invite.no_agencies"));
    expect(reply!.buttons).toEqual([]);
    await createAgencyStore(h.service.db).ensure({ code: "LSN-STP", nameVi: "Sở Tư pháp" });
  });

  it("revokes from the list after asking, tells the person and takes their staff menu away", async () => {
    const comms = await grant(9202, "/invite comms");
    const official = await grant(9203, "/invite official lsn-stp");
    const admin = h.user(ADMIN);
    const [list] = await admin.command("/staff");
    expect(list!.text).toMatch(/^Cán bộ đang hoạt động \(3\):/);
    expect(list!.text).toContain(`${official} — Citizen9203 — cán bộ theo dõi kết quả — cơ quan: LSN-STP`);
    // Nobody revokes themself, and HAILONG_ADMINS come back at every start: no button for them.
    expect(labels(list)).toEqual([`🚫 Thu hồi: Citizen9202 (${comms})`, `🚫 Thu hồi: Citizen9203 (${official})`]);

    const [ask] = await admin.tap("🚫 Thu hồi: Citizen9203");
    expect(ask!.kind).toBeUndefined(); // a question of its own: the list stays as it is
    expect(ask!.text).toBe(t("vi", "roles.revoke.confirm", { name: "Citizen9203", role: "cán bộ theo dõi kết quả", scope: "cơ quan: LSN-STP" }));
    expect(labels(ask)).toEqual(["Thu hồi", "Không"]);
    const [kept] = await admin.tap("Không");
    expect(kept).toMatchObject({ kind: "edit", messageId: ask!.messageId, text: t("vi", "roles.revoke.kept"), buttons: [] });
    expect(await h.service.staff.staff.get(official)).not.toBeNull();

    const revokeButton = list!.buttons[1]![0]!.callback_data;
    await admin.press(revokeButton, list!.messageId);
    const replies = await admin.tap("Thu hồi");
    expect(replies.map((m) => [m.chat_id, m.kind, m.text])).toEqual([
      [String(ADMIN), "edit", t("vi", "roles.revoke.done", { name: "Citizen9203" })],
      ["9203", undefined, t("vi", "roles.revoke.notice")],
    ]);
    expect(await h.service.staff.staff.find("telegram", "9203")).toBeNull();
    expect(h.calls.some((c) => c.method === "deleteMyCommands" && (c.payload.scope as { chat_id?: number })?.chat_id === 9203)).toBe(true);
    expect((await h.user(9203).command("/subscribe"))[0]!.text).toBe(t("vi", "subscribe.not_allowed"));

    // The list's button, pressed again later, finds nobody to revoke.
    expect((await admin.press(revokeButton, list!.messageId))[0]!.text).toBe(t("vi", "roles.revoke.not_found", { id: official }));
    const [after] = await admin.command("/staff");
    expect(labels(after)).toEqual([`🚫 Thu hồi: Citizen9202 (${comms})`]);
    // Typed ids are no case trap either.
    const [typed] = await admin.command(`/revoke ${comms.toLowerCase()}`);
    expect(typed!.text).toBe(t("vi", "roles.revoke.confirm", { name: "Citizen9202", role: "cán bộ truyền thông", scope: "tất cả cơ quan" }));
  });

  it("refuses the buttons to anyone who is not an admin", async () => {
    const comms = (await h.service.staff.staff.find("telegram", "9202"))!;
    expect((await h.user(9202).press(`x:r:ra:${comms.id}`))[0]!.text).toBe(t("vi", "roles.not_allowed"));
    expect((await h.user(9299).press(`x:r:ry:${comms.id}`))[0]!.text).toBe(t("vi", "roles.not_allowed"));
    expect(await h.service.staff.staff.get(comms.id)).not.toBeNull();
  });

  it("answers garbled or forged data of every staff feature with the stale-button message", async () => {
    const admin = h.user(ADMIN);
    const stale = t("vi", "staff.stale_button");
    for (const data of ["x:r:zz", "x:r:ra:", "x:r:ry:a:b", "x:a:zz", "x:a:ap:abc", "x:a:ia:-1", "x:d:zz", "x:d:v:yesterday", "x:d:t:abc:1", "x:zz:1", `x:a:${"a".repeat(70)}`]) {
      expect((await admin.press(data))[0]!.text, data).toBe(stale);
    }
  });

  it("/language redraws the member's command menu in the chosen language", async () => {
    const admin = h.user(ADMIN);
    const before = h.calls.length;
    await admin.command("/language");
    await admin.tap("English");
    const menu = h.calls.slice(before).find((c) => c.method === "setMyCommands" && (c.payload.scope as { chat_id?: number })?.chat_id === ADMIN);
    const commands = menu?.payload.commands as { command: string; description: string }[] | undefined;
    expect(commands?.find((c) => c.command === "invite")?.description).toBe(t("en", "staff_menu.invite"));
    expect((await admin.command("/staff"))[0]!.text).toMatch(/^Active staff members \(2\):/);
  });
});
