// One-time invite codes. Only the SHA-256 of a code is stored: the code is shown once to whoever issued it,
// and a copy of the database cannot be used to join. Times go in as ISO text and are compared in SQL (UTC
// columns without a zone), always against the caller's clock.
import crypto from "node:crypto";
import { randomId } from "../ids.ts";
import type { Role } from "../staff/types.ts";
import type { Database } from "./database.ts";
import { isRole } from "./staff.ts";

export interface NewInviteCode {
  /** The code as the person will type it, already normalised by the caller. */
  code: string;
  role: Role;
  scope: string[];
  createdBy: string;
  expiresAt: Date;
}

export interface RedeemedInvite {
  id: string;
  role: Role;
  scope: string[];
  createdBy: string;
}

export type RedeemOutcome = { ok: true; invite: RedeemedInvite } | { ok: false; reason: "unknown" | "used" | "expired" };

export function hashInviteCode(code: string): string {
  return crypto.createHash("sha256").update(code, "utf8").digest("hex");
}

const iso = (d: Date) => d.toISOString();

// One statement decides: of two people redeeming the same code at once, the row lock makes the second
// re-check `redeemed_at IS NULL` after the first commits, and it finds the code taken.
const REDEEM_SQL = `
UPDATE invite_code SET redeemed_at = $2::timestamp, redeemed_by = $3
 WHERE code_hash = $1 AND redeemed_at IS NULL AND expires_at > $2::timestamp
RETURNING id, role, scope, created_by`;

export function createInviteCodeStore(db: Database) {
  const sql = db.sql;
  return {
    /** Stores the code's hash; returns the code's id (what the audit log and the CLI name). */
    async create(input: NewInviteCode, at: Date): Promise<{ id: string }> {
      const id = randomId(9);
      await db.prisma.inviteCode.create({
        data: {
          id,
          codeHash: hashInviteCode(input.code),
          role: input.role,
          scope: input.scope,
          createdBy: input.createdBy,
          createdAt: at,
          expiresAt: input.expiresAt,
        },
        select: { id: true },
      });
      return { id };
    },

    /** Uses the code up for `redeemedBy`, once: a second redeemer, even a simultaneous one, gets "used". */
    async redeem(code: string, redeemedBy: string, now: Date): Promise<RedeemOutcome> {
      const hash = hashInviteCode(code);
      const [r] = await sql.query<{ id: string; role: string; scope: string[] | null; created_by: string }>(REDEEM_SQL, [hash, iso(now), redeemedBy]);
      if (r && isRole(r.role)) return { ok: true, invite: { id: r.id, role: r.role, scope: r.scope ?? [], createdBy: r.created_by } };
      const [why] = await sql.query<{ used: boolean }>(`SELECT redeemed_at IS NOT NULL AS used FROM invite_code WHERE code_hash = $1`, [hash]);
      if (!why) return { ok: false, reason: "unknown" };
      return { ok: false, reason: why.used ? "used" : "expired" };
    },
  };
}

export type InviteCodeStore = ReturnType<typeof createInviteCodeStore>;
