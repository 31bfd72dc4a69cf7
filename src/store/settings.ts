// Server-generated settings that must survive restarts and be shared by every instance.
import crypto from "node:crypto";
import type { Database } from "./database.ts";

/** Returns the stored value for `key`, creating it with `make()` the first time (race-safe). */
export async function getOrCreateSetting(db: Database, key: string, make: () => string): Promise<string> {
  await db.prisma.setting.createMany({ data: [{ key, value: make() }], skipDuplicates: true });
  const row = await db.prisma.setting.findUniqueOrThrow({ where: { key } });
  return row.value;
}

export function generateSecret(): string {
  return crypto.randomBytes(32).toString("base64url");
}
