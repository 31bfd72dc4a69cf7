import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, restoreEmbedded } from "../../src/store/database.ts";
import { readMigrations } from "../../src/store/migrate.ts";
import { databaseKinds, openTestDatabase, tempDir, type TestDatabase } from "../helpers/databases.ts";

describe.each(await databaseKinds())("database on %s", (kind) => {
  let t: TestDatabase;
  afterAll(async () => t?.dispose());

  it("applies every committed migration once, recorded where `prisma migrate status` looks", async () => {
    t = await openTestDatabase(kind);
    const rows = await t.db.sql.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
    await t.db.prisma.agency.create({ data: { code: "LSN", nameVi: "Tỉnh Lạng Sơn" } });
    expect(await t.db.prisma.agency.count()).toBe(1);
  });
});

describe("embedded default", () => {
  it("refuses a second opener of the same data directory, and frees it on close", async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already open in this process/);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes over a lock left by a process that died", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "hailong.lock"), "999999\n");
    const db = await openDatabase({ dataDir: dir });
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("backs up to a file that restores into a working database", async () => {
    const dir = tempDir();
    const db = await openDatabase({ dataDir: dir });
    await db.prisma.agency.create({ data: { code: "LSN", nameVi: "Tỉnh Lạng Sơn" } });
    const file = path.join(dir, "backup.tar.gz");
    await db.backup(file);
    await db.close();
    const restored = tempDir();
    await restoreEmbedded(file, restored);
    const db2 = await openDatabase({ dataDir: restored });
    expect((await db2.prisma.agency.findMany()).map((a) => a.code)).toEqual(["LSN"]);
    await db2.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(restored, { recursive: true, force: true });
  });
});
