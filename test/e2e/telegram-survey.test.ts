// The whole path on loopback: the centre's system creates an invitation over HTTP, the citizen opens the
// deep link in (emulated) Telegram, taps and types through the survey, the service restarts mid-way,
// and the stored answers and the published index match exactly what was tapped.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type Service } from "../../src/main.ts";
import { silentLogger } from "../../src/logger.ts";
import { databaseKinds, createPgDatabase, tempDir } from "../helpers/databases.ts";
import { Citizen, EMULATOR_BOT_INFO, startEmulator, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";
import { testClock, vnDay, vnIso } from "../helpers/clock.ts";

const API_KEY = "test-key-0123456789abcdef";

describe.each(await databaseKinds())("Telegram survey end to end on %s", (kind) => {
  let emu: Awaited<ReturnType<typeof startEmulator>>;
  let env: Record<string, string>;
  let service: Service;
  let dropPg: (() => Promise<void>) | undefined;
  const dataDir = tempDir();
  // The service's clock: the citizen finishes the survey an hour after the dossier was completed.
  const clock = testClock();
  const completedAt = new Date(clock.now().getTime() - 3_600_000);

  const boot = async () =>
    startService({ env, logger: silentLogger(), telegramBotInfo: EMULATOR_BOT_INFO, now: clock.now });

  beforeAll(async () => {
    emu = await startEmulator();
    env = {
      HAILONG_DATA_DIR: dataDir,
      PORT: "0",
      HAILONG_API_KEYS: API_KEY,
      TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
      TELEGRAM_API_ROOT: emu.apiRoot,
      LOG_LEVEL: "silent",
    };
    if (kind === "postgresql") {
      const pg = await createPgDatabase();
      env.DATABASE_URL = pg.url;
      dropPg = pg.drop;
    }
    service = await boot();
  });

  afterAll(async () => {
    await service?.stop();
    await emu?.stop();
    await dropPg?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${service.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", ...(init.headers ?? {}) },
    });

  it("invites, surveys through a restart, and publishes exactly what was tapped", async () => {
    const created = await api("/api/v1/dossiers", {
      method: "POST",
      body: JSON.stringify({
        dossierCode: "000.00.20.H33-261127-0001",
        agencyCode: "LSN-TTPVHCC",
        agencyName: "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn",
        procedureCode: "1.001234",
        procedureName: "Cấp giấy phép xây dựng",
        completedAt: vnIso(completedAt),
      }),
    });
    expect(created.status).toBe(201);
    const inv = (await created.json()) as { token: string; telegramUrl: string; expiresAt: string };
    expect(inv.telegramUrl).toBe(`https://t.me/TestNameBot?start=${inv.token}`);
    expect(inv.token).toMatch(/^[A-Za-z0-9_-]{22,64}$/);

    const citizen = new Citizen(emu.server, 1001);
    const [first] = await citizen.command(`/start ${inv.token}`);
    expect(first!.text).toContain("Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn");
    expect(first!.text).toContain("Cấp giấy phép xây dựng");
    expect(first!.text).toContain("Câu 1/8");
    const likert = first!.buttons.slice(0, 5).map((row) => row.map((b) => b.text));
    expect(likert.flat()).toHaveLength(5);
    likert.flat().forEach((label, i) => expect(label.startsWith(String(i + 1))).toBe(true));
    expect(likert.flat()[0]).toContain("Rất không hài lòng");
    expect(likert.flat()[4]).toContain("Rất hài lòng");

    await citizen.tap("4"); // access
    const [q3] = await citizen.tap("3"); // procedures
    expect(q3!.text).toContain("Câu 3/8");
    expect(q3!.buttons.flat().some((b) => b.text.startsWith("« Quay lại"))).toBe(true);
    const [q4] = await citizen.type("rat hai long"); // civil servants, typed instead of tapped → 5
    expect(q4!.text).toContain("Câu 4/8");

    // Restart mid-survey: the citizen continues at the same item with the keyboard they already have.
    await service.stop();
    service = await boot();
    const [q5] = await citizen.tap("2"); // results
    expect(q5!.text).toContain("Câu 5/8");
    await citizen.tap("5"); // feedback
    await citizen.tap("4"); // overall
    const [comment] = await citizen.tap("5."); // improve: 5th option (digital)
    expect(comment!.text).toContain("Câu 8/8");
    // A 2 for the results: the thanks, then the optional offer to describe the problem.
    const [done, offer] = await citizen.type("Cán bộ nhiệt tình, nhưng phải chờ lâu.", 2);
    expect(done!.text).toContain("Cảm ơn");
    expect(offer!.text).toContain("Ông/Bà đã chấm điểm thấp");

    const rows = await service.db.prisma.answer.findMany({ orderBy: { id: "asc" }, select: { itemId: true, score: true, choice: true, text: true, skipped: true } });
    expect(rows).toEqual([
      { itemId: "access", score: 4, choice: null, text: null, skipped: false },
      { itemId: "procedures", score: 3, choice: null, text: null, skipped: false },
      { itemId: "civil_servants", score: 5, choice: null, text: null, skipped: false },
      { itemId: "results", score: 2, choice: null, text: null, skipped: false },
      { itemId: "feedback", score: 5, choice: null, text: null, skipped: false },
      { itemId: "overall", score: 4, choice: null, text: null, skipped: false },
      { itemId: "improve", score: null, choice: "digital", text: null, skipped: false },
      { itemId: "comment", score: null, choice: null, text: "Cán bộ nhiệt tình, nhưng phải chờ lâu.", skipped: false },
    ]);
    const responses = await service.db.prisma.response.findMany();
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ status: "completed", channel: "telegram", walkIn: false, questionnaireId: "sipas-short", questionnaireVersion: 1 });

    // Same dossier again → the same invitation, 200.
    const again = await api("/api/v1/dossiers", {
      method: "POST",
      body: JSON.stringify({ dossierCode: "000.00.20.H33-261127-0001", agencyCode: "LSN-TTPVHCC", completedAt: vnDay(completedAt) }),
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { token: string }).token).toBe(inv.token);

    // The used token: no second response.
    const [used] = await citizen.command(`/start ${inv.token}`);
    expect(used!.text).toContain("đã được đánh giá");
    const other = new Citizen(emu.server, 1002);
    const [usedByOther] = await other.command(`/start ${inv.token}`);
    expect(usedByOther!.text).toContain("đã được đánh giá");
    expect(await service.db.prisma.response.count()).toBe(1);

    // The published index shows exactly these answers (share of 4–5 per item; element = its item).
    const res = await api(`/api/v1/indices?from=${vnDay(clock.now(), -2)}&to=${vnDay(clock.now(), 2)}&agency=LSN-TTPVHCC`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      groups: {
        key: string;
        n: number;
        overall: { value: number | null; n: number; sufficient: boolean };
        elements: { element: string; value: number | null }[];
        items: { itemId: string; value: number | null; mean: number | null; counts: number[] }[];
        overallItem: { value: number | null; mean: number | null } | null;
      }[];
    };
    const g = report.groups.find((x) => x.key === "LSN-TTPVHCC")!;
    expect(g.n).toBe(1);
    // Tapped 4, 3, typed 5, 2, 5 → shares of 4–5: 100, 0, 100, 0, 100; overall = their mean.
    const share = Object.fromEntries(g.items.map((i) => [i.itemId, i.value]));
    expect(share).toMatchObject({ access: 100, procedures: 0, civil_servants: 100, results: 0, feedback: 100 });
    const mean = Object.fromEntries(g.items.map((i) => [i.itemId, i.mean]));
    expect(mean).toMatchObject({ access: 4, procedures: 3, civil_servants: 5, results: 2, feedback: 5 });
    expect(Object.fromEntries(g.elements.map((e) => [e.element, e.value]))).toEqual({
      access: 100,
      procedures: 0,
      civil_servants: 100,
      results: 0,
      feedback: 100,
    });
    expect(g.overall.value).toBe(60);
    expect(g.overall.sufficient).toBe(false); // 1 response is below the minimum: flagged, not hidden, internally
    expect(g.overallItem).toMatchObject({ value: 100, mean: 4 });
  });

  it("shows each answer in place, lets a citizen who cancelled start again, and leaves no live keyboard", async () => {
    const created = await api("/api/v1/dossiers", {
      method: "POST",
      body: JSON.stringify({ dossierCode: "000.00.20.H33-261127-0002", agencyCode: "LSN-TTPVHCC", completedAt: vnIso(completedAt) }),
    });
    const { token } = (await created.json()) as { token: string };
    const citizen = new Citizen(emu.server, 1003);
    const [q1] = await citizen.command(`/start ${token}`);
    await citizen.tap("4");
    let screen = await citizen.settle((s) => s.find((m) => m.messageId === q1!.messageId)!.buttons.length === 0);
    expect(screen.find((m) => m.messageId === q1!.messageId)!.text).toMatch(/Câu 1\/8[\s\S]*\n✓ 4 · Hài lòng$/);

    const [stopped] = await citizen.command("/cancel");
    expect(stopped!.text).toContain("/start");
    await citizen.settle((s) => s.every((m) => m.buttons.length === 0));
    const [again] = await citizen.command(`/start ${token}`);
    expect(again!.text).toContain("Câu 1/8");
    for (const s of ["5", "5", "4", "4", "4", "4"]) await citizen.tap(s);
    await citizen.tap("Bỏ qua");
    const [done] = await citizen.type("Tốt");
    expect(done!.text).toContain("Cảm ơn");
    screen = await citizen.settle((s) => s.every((m) => m.buttons.length === 0));
    expect(screen.filter((m) => m.text.includes("\n✓ ")).map((m) => m.text.split("\n").at(-1))).toEqual([
      "✓ 4 · Hài lòng", // the run that was cancelled: its message stays as it was answered
      "✓ 5 · Rất hài lòng",
      "✓ 5 · Rất hài lòng",
      "✓ 4 · Hài lòng",
      "✓ 4 · Hài lòng",
      "✓ 4 · Hài lòng",
      "✓ 4 · Hài lòng",
      "✓ Bỏ qua",
      "✓ Tốt",
    ]);
    const rows = await service.db.prisma.response.findMany({ where: { invitation: { token } } });
    expect(rows.map((r) => r.status)).toEqual(["completed"]);
    expect((await citizen.command(`/start ${token}`))[0]!.text).toContain("đã được đánh giá");
  });
});
