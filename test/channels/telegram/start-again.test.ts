// "Type /start whenever you want to rate again" must hold: after /cancel or /delete the same link starts
// the survey again (bot and landing page agree), while a dossier still has at most one completed response.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../../helpers/databases.ts";
import { startHarness, type Harness, type TelegramUser } from "../../helpers/telegram-harness.ts";

const KEY = "test-key-0123456789abcdef";

describe.each(await databaseKinds())("starting again after /cancel or /delete on %s", (kind) => {
  let h: Harness;
  let seq = 0;
  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => h?.stop());

  async function invite(): Promise<string> {
    const res = await h.service.http.request("/api/v1/dossiers", {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ dossierCode: `HS-AGAIN-${kind}-${++seq}`, agencyCode: "UBND-XA-A", agencyName: "UBND xã Tân Thanh", completedAt: "2026-11-26T10:00:00+07:00" }),
    });
    return ((await res.json()) as { token: string }).token;
  }

  const landing = (token: string) => h.service.http.request(`/i/${token}`);
  const rows = (token: string) => h.service.db.prisma.response.findMany({ where: { invitation: { token } }, include: { answers: true } });

  async function finish(u: TelegramUser) {
    for (const s of ["5", "4", "4", "4", "4", "4"]) await u.tap(s);
    await u.tap("Bỏ qua");
    return u.tap("Bỏ qua");
  }

  it("after /cancel, /start with the same link begins again from question 1, with nothing kept", async () => {
    const token = await invite();
    const u = h.user(4001);
    await u.command(`/start ${token}`);
    await u.tap("1");
    await u.tap("1");
    const [cancelled] = await u.command("/cancel");
    expect(cancelled!.text).toContain("/start");
    expect((await landing(token)).status).toBe(200);

    const [again] = await u.command(`/start ${token}`);
    expect(again!.text).toContain("Câu 1/8");
    expect(again!.text).not.toContain("đã được đánh giá");
    const [row] = await rows(token);
    expect(row).toMatchObject({ status: "active" });
    expect(row!.answers).toEqual([]);

    const [done] = await finish(u);
    expect(done!.text).toContain("Cảm ơn");
    const after = await rows(token);
    expect(after).toHaveLength(1);
    expect(after[0]!.status).toBe("completed");
    expect(after[0]!.answers.find((a) => a.itemId === "access")!.score).toBe(5);
    // Once completed, the link is used, for this person and anyone else.
    expect((await u.command(`/start ${token}`))[0]!.text).toContain("đã được đánh giá");
    expect((await h.user(4002).command(`/start ${token}`))[0]!.text).toContain("đã được đánh giá");
    expect((await landing(token)).status).toBe(410);
  });

  it("after /delete, the person can start the same link again", async () => {
    const token = await invite();
    const u = h.user(4003);
    await u.command(`/start ${token}`);
    await u.tap("3");
    await u.command("/delete");
    const [erased] = await u.tap("Xóa dữ liệu");
    expect(erased!.text).toContain("Đã xóa");
    expect((await landing(token)).status).toBe(200);
    const [again] = await u.command(`/start ${token}`);
    expect(again!.text).toContain("Câu 1/8");
    await finish(u);
    const after = await rows(token);
    expect(after).toHaveLength(1);
    expect(after[0]!.status).toBe("completed");
  });

  it("a cancelled link that has expired says it expired, on the page and in the chat", async () => {
    const token = await invite();
    const u = h.user(4004);
    await u.command(`/start ${token}`);
    await u.command("/cancel");
    const saved = h.clock.now;
    h.clock.now = new Date(saved.getTime() + 8 * 86_400_000);
    try {
      expect((await u.command(`/start ${token}`))[0]!.text).toContain("hết hạn");
      expect((await landing(token)).status).toBe(410);
    } finally {
      h.clock.now = saved;
    }
  });

  it("the database still refuses a second response row for one dossier", async () => {
    const token = await invite();
    const u = h.user(4005);
    await u.command(`/start ${token}`);
    const [row] = await rows(token);
    await expect(
      h.service.db.prisma.response.create({
        data: { ...row!, id: "second-row", state: row!.state as object, status: "completed", answers: undefined },
      }),
    ).rejects.toThrow(/unique/i);
  });
});
