// Staff members (admins, officials, comms) known by their chat account. Domain types out, Prisma stays here.
// A revoked member is invisible to find/get/list: whoever asks gets "not staff", never a stale role.
import { isLocale } from "../i18n.ts";
import { randomId } from "../ids.ts";
import type { Role, StaffMember } from "../staff/types.ts";
import type { Locale } from "../i18n.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Database } from "./database.ts";

export const ROLES: readonly Role[] = ["admin", "official", "comms"];

export function isRole(x: unknown): x is Role {
  return typeof x === "string" && (ROLES as readonly string[]).includes(x);
}

/** A member with the bookkeeping the core sometimes needs (who granted the role, whether sends are stopped). */
export interface StaffRecord extends StaffMember {
  grantedBy: string;
  createdAt: Date;
  /** Set while the chat blocks the bot: nothing is sent until they write again. */
  stoppedAt: Date | null;
}

/**
 * What granting a role needs. `locale` is used for a new member only (an existing member keeps theirs);
 * `grantedBy` is "env", "cli" or "invite:<code id>".
 */
export type StaffGrant = Pick<StaffMember, "channel" | "userId" | "chatId" | "displayName" | "role" | "scope" | "locale"> & { grantedBy: string };

const select = {
  id: true,
  channel: true,
  userId: true,
  chatId: true,
  displayName: true,
  role: true,
  scope: true,
  locale: true,
  pending: true,
  grantedBy: true,
  createdAt: true,
  stoppedAt: true,
} as const;

type Row = Prisma.StaffMemberGetPayload<{ select: typeof select }>;

function pendingOf(v: unknown): StaffMember["pending"] {
  if (!v || typeof v !== "object" || Array.isArray(v)) return null;
  const p = v as Record<string, unknown>;
  return typeof p.feature === "string" ? (p as StaffMember["pending"]) : null;
}

// A role this version does not know grants nothing: the row reads as "not staff".
function toDomain(r: Row): StaffRecord | null {
  if (!isRole(r.role)) return null;
  return {
    id: r.id,
    channel: r.channel,
    userId: r.userId,
    chatId: r.chatId,
    displayName: r.displayName,
    role: r.role,
    scope: r.scope,
    locale: isLocale(r.locale) ? r.locale : "vi",
    pending: pendingOf(r.pending),
    grantedBy: r.grantedBy,
    createdAt: r.createdAt,
    stoppedAt: r.stoppedAt,
  };
}

const active = { revokedAt: null } as const;

export function createStaffStore(db: Database) {
  const p = db.prisma;

  /** Updates an active member; false when there is none with this id. */
  async function update(id: string, data: Prisma.StaffMemberUpdateManyMutationInput): Promise<boolean> {
    const r = await p.staffMember.updateMany({ where: { id, ...active }, data });
    return r.count === 1;
  }

  return {
    /** The active member behind this chat account, or null (never staff, or revoked). */
    async find(channel: string, userId: string): Promise<StaffRecord | null> {
      const r = await p.staffMember.findFirst({ where: { channel, userId, ...active }, select });
      return r ? toDomain(r) : null;
    },

    /**
     * Whether this chat account is an active member in the middle of a staff dialogue. Asked for every
     * citizen's typed answer, so it is one indexed lookup through the raw driver, not a Prisma query.
     */
    async inDialogue(channel: string, userId: string): Promise<boolean> {
      const rows = await db.sql.query(
        `SELECT 1 FROM staff_member WHERE channel = $1 AND user_id = $2 AND revoked_at IS NULL AND pending IS NOT NULL`,
        [channel, userId],
      );
      return rows.length > 0;
    },

    /**
     * An active member by id, or null (unknown or revoked). Ids mix upper and lower case, and people retype
     * them from a screen: when the exact id is unknown, the one member whose id matches without regard to
     * case is meant (two such members, vanishingly rare, are ambiguous and give null).
     */
    async get(id: string): Promise<StaffRecord | null> {
      const exact = await p.staffMember.findFirst({ where: { id, ...active }, select });
      if (exact) return toDomain(exact);
      const loose = await p.staffMember.findMany({ where: { id: { equals: id, mode: "insensitive" }, ...active }, select, take: 2 });
      return loose.length === 1 ? toDomain(loose[0]!) : null;
    },

    /**
     * Grants a role. An existing row (even revoked) is the same person: it gets the new role and scope and is
     * active again; a dialogue of the former role is dropped, since it may no longer be allowed.
     */
    async upsert(input: StaffGrant, at: Date): Promise<StaffRecord> {
      const r = await p.staffMember.upsert({
        where: { channel_userId: { channel: input.channel, userId: input.userId } },
        create: {
          id: randomId(9),
          channel: input.channel,
          userId: input.userId,
          chatId: input.chatId,
          displayName: input.displayName,
          role: input.role,
          scope: input.scope,
          locale: input.locale,
          grantedBy: input.grantedBy,
          createdAt: at,
        },
        update: {
          chatId: input.chatId,
          ...(input.displayName !== null ? { displayName: input.displayName } : {}),
          role: input.role,
          scope: input.scope,
          grantedBy: input.grantedBy,
          revokedAt: null,
          pending: Prisma.DbNull,
        },
        select,
      });
      const member = toDomain(r);
      if (!member) throw new Error(`staff role "${r.role}" is unknown`);
      return member;
    },

    /** Starts (or, with null, ends) a staff dialogue. False when the member is not active. */
    setPending(id: string, pending: StaffMember["pending"]): Promise<boolean> {
      return update(id, { pending: pending === null ? Prisma.DbNull : (pending as Prisma.InputJsonValue) });
    },

    setLocale(id: string, locale: Locale): Promise<boolean> {
      return update(id, { locale });
    },

    /** The chat blocked the bot: remember it, so broadcasts skip the member. */
    markStopped(id: string, at: Date): Promise<boolean> {
      return update(id, { stoppedAt: at });
    },

    /** The member wrote again: sending may resume. */
    clearStopped(id: string): Promise<boolean> {
      return update(id, { stoppedAt: null });
    },

    /** Takes every right away (the row stays for the audit trail). False when not active. */
    revoke(id: string, at: Date): Promise<boolean> {
      return update(id, { revokedAt: at, pending: Prisma.DbNull });
    },

    /** Active members, oldest first; optionally one role only. */
    async list(filter: { role?: Role } = {}): Promise<StaffRecord[]> {
      const rows = await p.staffMember.findMany({
        where: { ...active, ...(filter.role ? { role: filter.role } : {}) },
        select,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toDomain).filter((m): m is StaffRecord => m !== null);
    },
  };
}

export type StaffStore = ReturnType<typeof createStaffStore>;
