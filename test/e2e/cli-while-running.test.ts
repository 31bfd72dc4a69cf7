// An operator's commands while the service runs on the embedded database: each `hailong` command is a real
// second process, which cannot open PGlite beside the service, so it is sent to the service's admin endpoint
// and runs there. Checked: the output and exit codes, that the data landed in the service's database (seen
// through its HTTP API), files relative to the operator's directory, what cannot run beside the service, a
// closed pipe, and that after the service stops the same commands run on their own again.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnService, type Child } from "../helpers/child-service.ts";
import { tempDir } from "../helpers/databases.ts";
import { Citizen, startEmulator, TEST_BOT_TOKEN } from "../helpers/telegram-emulator.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const KEY = "test-key-0123456789abcdef";
const PUBLIC = "https://khaosat.langson.gov.vn";

interface Run {
  code: number | null;
  out: string;
  err: string;
}

describe("hailong commands while the service runs (embedded database)", () => {
  const dataDir = tempDir();
  const workDir = tempDir("hailong-operator-");
  const env = { HAILONG_DATA_DIR: dataDir, PUBLIC_BASE_URL: PUBLIC };
  let service: Child;
  let url: string;
  let emu: Awaited<ReturnType<typeof startEmulator>>;

  /** `hailong ARGS` as its own process (the package's bin), from the operator's directory (not the service's). */
  function hailong(...args: string[]): Promise<Run> {
    const proc = spawn(process.execPath, [path.join(ROOT, "bin/hailong.mjs"), ...args], {
      cwd: workDir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", USER: "operator1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (err += d.toString()));
    return new Promise((resolve) => proc.once("close", (code) => resolve({ code, out, err })));
  }

  beforeAll(async () => {
    fs.copyFileSync(path.join(ROOT, "examples/agencies.csv"), path.join(workDir, "agencies.csv"));
    fs.copyFileSync(path.join(ROOT, "examples/dossiers.csv"), path.join(workDir, "dossiers.csv"));
    emu = await startEmulator();
    // With Telegram on, so the bot's username (learnt from getMe, not configured) reaches the commands.
    service = spawnService({ ...env, HAILONG_API_KEYS: KEY, TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, TELEGRAM_API_ROOT: emu.apiRoot });
    url = await service.url;
  }, 60_000);

  afterAll(async () => {
    await service?.kill("SIGKILL");
    await emu?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("imports and lists agencies, issues an invite the bot redeems, lists and revokes staff, shows the audit log: inside the running service", { timeout: 120_000 }, async () => {
    const imported = await hailong("agencies", "import", "agencies.csv");
    expect(imported).toMatchObject({ code: 0, err: "" });
    expect(imported.out).toContain("agencies.csv:4: created LSN-STP");
    expect(imported.out).toContain("6 created, 0 updated, 0 unchanged.");

    const [list, invite] = await Promise.all([hailong("agencies", "list"), hailong("invite", "official", "LSN-STP")]);
    expect(list.code).toBe(0);
    expect(list.out.split("\n")[0]).toBe("LSN  UBND tỉnh Lạng Sơn / Lang Son Provincial People's Committee  [sipas-short]");
    expect(invite.code).toBe(0);
    const code = invite.out.split("\n")[0]!;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(invite.out).toContain("role: official, agencies: LSN-STP");
    expect(invite.out).toContain(`To redeem: open https://t.me/TestNameBot and send /redeem ${code}`);

    const official = new Citizen(emu.server, 4001);
    await official.command(`/redeem ${code}`);

    const [staff, audit] = await Promise.all([hailong("staff", "list"), hailong("audit", "--limit", "5")]);
    expect(staff.code).toBe(0);
    const [id, role, who] = staff.out.trim().split(/ {2}/);
    expect([role!.trim(), who]).toEqual(["official", "telegram:4001"]);
    // The operator who ran the command, not the service's account; the time in TZ_DISPLAY (Asia/Ho_Chi_Minh).
    expect(audit.out).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+07:00 {2}cli:operator1 {2}invite\.issue {2}/m);

    // The revoke runs in the service too, which tells the person over its own Telegram connection.
    const revoke = await hailong("staff", "revoke", id!);
    expect(revoke).toMatchObject({ code: 0, err: "" });
    expect(revoke.out).toContain(`revoked ${id} (official, telegram:4001)`);
    expect(revoke.out).toContain("told them in Telegram");

    // The service itself logged each command it ran for the CLI.
    expect(service.logs.filter((l) => l.includes("CLI command run inside the service")).length).toBeGreaterThanOrEqual(5);
    // A wrong invite code is a bad usage, answered by the service with the command's own exit code.
    const bad = await hailong("invite", "official", "NO-SUCH-AGENCY");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("unknown agency code: NO-SUCH-AGENCY");
  });

  it("imports dossiers with their links, writes a QR label and a backup into the operator's directory; the service sees the data", { timeout: 120_000 }, async () => {
    const imported = await hailong("dossiers", "import", "dossiers.csv", "--links");
    expect(imported.code).toBe(0);
    const first = imported.out.split("\n")[0]!;
    expect(first).toMatch(new RegExp(`^dossiers\\.csv:2: created 000\\.00\\.12\\.H37-261120-0001 (\\S{22}) ${PUBLIC.replace(/\./g, "\\.")}/i/\\1$`));
    const token = first.split(" ")[3]!;
    // Landed in the running service's database: its HTTP API serves the invitation's label.
    const qr = await fetch(`${url}/api/v1/invitations/${token}/qr.svg`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(qr.status).toBe(200);

    const [label, backup] = await Promise.all([
      hailong("invitations", "qr", "--dossier", "000.00.12.H37-261120-0001", "--out", "label.png"),
      hailong("backup", "backup.tar.gz"),
    ]);
    expect(label).toMatchObject({ code: 0, err: "" });
    expect(fs.statSync(path.join(workDir, "label.png")).size).toBeGreaterThan(1_000);
    expect(backup.code).toBe(0);
    expect(backup.out).toContain(`Backup written to ${path.join(workDir, "backup.tar.gz")}`);
    expect(fs.statSync(path.join(workDir, "backup.tar.gz")).size).toBeGreaterThan(10_000);
  });

  it("says why migrate and restore cannot run beside the service, and what to do instead", { timeout: 60_000 }, async () => {
    const [migrate, restore] = await Promise.all([hailong("migrate"), hailong("restore", "backup.tar.gz")]);
    expect(migrate.code).toBe(1);
    expect(migrate.err).toContain("hailong migrate: the service is running on this embedded database");
    expect(migrate.err).toContain("restart the service");
    expect(restore.code).toBe(1);
    expect(restore.err).toContain("restore writes only into an empty one");
  });

  it("ends quietly when the reader of its output goes away (| head)", { timeout: 60_000 }, async () => {
    const proc = spawn(process.execPath, [path.join(ROOT, "bin/hailong.mjs"), "audit", "--limit", "10000"], {
      cwd: workDir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc.stdout.destroy(); // as `head` does once it has its lines
    let err = "";
    proc.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => proc.once("close", resolve));
    expect(err).toBe("");
    expect(code).toBe(0);
  });

  it("refuses a caller without the token", async () => {
    const socket = net.connect(path.join(dataDir, "admin.sock"));
    let reply = "";
    socket.on("data", (d: Buffer) => (reply += d.toString()));
    socket.write(`${JSON.stringify({ token: "guess", argv: ["staff", "list"], cwd: "/", env: {}, tty: null })}\n`);
    await new Promise((resolve) => socket.once("close", resolve));
    expect(reply.trim().split("\n").map((l) => JSON.parse(l) as unknown)).toEqual([
      { err: expect.stringContaining("the token does not match") },
      { exit: 1 },
    ]);
    expect(fs.statSync(path.join(dataDir, "admin.token")).mode & 0o777).toBe(0o600);
  });

  it("after the service stops, the same commands run on their own and see the same data", { timeout: 60_000 }, async () => {
    await service.kill("SIGTERM");
    expect(await service.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "admin.sock"))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "admin.token"))).toBe(false);
    const list = await hailong("agencies", "list", "--format", "json");
    expect(list.code).toBe(0);
    expect(JSON.stringify(JSON.parse(list.out))).toContain('"code":"LSN-STP"');
  });
});
