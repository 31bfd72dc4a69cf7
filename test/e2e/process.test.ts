// The service as a real process: start without Telegram, refuse a second process on the same data
// directory, and keep every acknowledged answer through a SIGKILL.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { spawnService, type Child } from "../helpers/child-service.ts";
import { tempDir } from "../helpers/databases.ts";
import { Citizen, startEmulator, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";

const KEY = "test-key-0123456789abcdef";

describe("the service process", () => {
  const children: Child[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const c of children) await c.kill("SIGKILL");
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it("starts without Telegram, serves /healthz, says how to turn Telegram on; a second process on the same data refuses", async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = spawnService({ HAILONG_DATA_DIR: dataDir, HAILONG_API_KEYS: KEY });
    children.push(first);
    const url = await first.url;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", checks: { database: { ok: true, detail: "embedded" } } });
    expect(first.logs.join("\n")).toContain("Telegram is off: set TELEGRAM_BOT_TOKEN");

    const second = spawnService({ HAILONG_DATA_DIR: dataDir });
    children.push(second);
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.stderr.join("")).toMatch(/in use by another hailong process \(pid \d+\)/);
    // The first one is unharmed.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await first.kill("SIGTERM");
    expect(await first.exited).toBe(0);
  });

  it("stops at start on bad configuration, naming the variable", async () => {
    const c = spawnService({ HAILONG_DATA_DIR: tempDir(), TELEGRAM_BOT_TOKEN: "not-a-token", PORT: "abc" });
    children.push(c);
    expect(await c.exited).toBe(2);
    const err = c.stderr.join("");
    expect(err).toContain("TELEGRAM_BOT_TOKEN");
    expect(err).toContain("PORT");
  });

  describe("killed with SIGKILL while answers arrive", () => {
    let emu: Awaited<ReturnType<typeof startEmulator>>;
    beforeAll(async () => {
      emu = await startEmulator();
    });
    afterAll(async () => emu?.stop());

    it("keeps every answer the bot acknowledged", async () => {
      const dataDir = tempDir();
      dirs.push(dataDir);
      const env = { HAILONG_DATA_DIR: dataDir, HAILONG_API_KEYS: KEY, TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, TELEGRAM_API_ROOT: emu.apiRoot };
      const svc = spawnService(env);
      children.push(svc);
      const url = await svc.url;

      const citizens = await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const res = await fetch(`${url}/api/v1/dossiers`, {
            method: "POST",
            headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
            body: JSON.stringify({ dossierCode: `KILL-${i}`, agencyCode: "A1", agencyName: "Cơ quan A1", completedAt: "2026-11-27" }),
          });
          const { token } = (await res.json()) as { token: string };
          const c = new Citizen(emu.server, 3000 + i);
          await c.command(`/start ${token}`);
          return { c, token, acked: [] as { item: number; score: number }[] };
        }),
      );

      let ackedTotal = 0;
      let killed = false;
      const killAt = 14;
      await Promise.all(
        citizens.map(async (x, i) => {
          for (let item = 0; item < 6 && !killed; item++) {
            const score = ((i + item) % 5) + 1;
            try {
              const [reply] = await x.c.tap(String(score));
              if (reply!.text.includes(`Câu ${item + 2}/8`)) {
                x.acked.push({ item, score });
                if (++ackedTotal >= killAt && !killed) {
                  killed = true;
                  svc.proc.kill("SIGKILL");
                }
              }
            } catch {
              return; // no reply: the process is gone
            }
          }
        }),
      );
      await svc.exited;
      expect(ackedTotal).toBeGreaterThanOrEqual(killAt);

      const db = await openDatabase({ dataDir });
      try {
        for (const x of citizens) {
          const run = await db.prisma.response.findFirstOrThrow({ where: { invitation: { dossierCode: { startsWith: "KILL-" }, token: x.token } }, include: { answers: true } });
          const stored = new Map(run.answers.map((a) => [a.itemId, a.score]));
          const items = ["access", "procedures", "civil_servants", "results", "feedback", "overall"];
          for (const a of x.acked) expect(stored.get(items[a.item]!)).toBe(a.score);
          // Nothing doubled: one row per item at most, and nothing beyond what was sent.
          expect(run.answers.length).toBeLessThanOrEqual(x.acked.length + 1);
        }
      } finally {
        await db.close();
      }
    });
  });
});
