// The audit log: who did what, when. Append-only; nothing here updates or deletes an entry.
import type { Prisma } from "../generated/prisma/client.ts";
import type { Database } from "./database.ts";

export interface AuditEvent {
  /** "telegram:<user id>", "cli:<os user>", "system". */
  actor: string;
  /** A dotted verb, e.g. "invite.issue", "staff.revoke". */
  action: string;
  /** What it was about: a staff member id, an invite code id, an announcement id… */
  subject?: string;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  at: Date;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown> | null;
}

function detailsOf(v: unknown): Record<string, unknown> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function createAuditLog(db: Database) {
  const p = db.prisma;
  return {
    async record(e: AuditEvent, at: Date): Promise<void> {
      await p.auditEntry.create({
        data: {
          at,
          actor: e.actor,
          action: e.action,
          subject: e.subject ?? null,
          ...(e.details ? { details: e.details as Prisma.InputJsonValue } : {}),
        },
        select: { id: true },
      });
    },

    /** Newest first (ties in insertion order, newest first too); at most `limit` (default 50). */
    async list(q: { subject?: string; action?: string; limit?: number } = {}): Promise<AuditRecord[]> {
      const rows = await p.auditEntry.findMany({
        where: { ...(q.subject !== undefined ? { subject: q.subject } : {}), ...(q.action !== undefined ? { action: q.action } : {}) },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: q.limit ?? 50,
        select: { at: true, actor: true, action: true, subject: true, details: true },
      });
      return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, subject: r.subject, details: detailsOf(r.details) }));
    },

    /** How many times `actor` did `action` after `since` (strictly), e.g. refused redeems in the last minutes. */
    count(q: { actor: string; action: string; since: Date }): Promise<number> {
      return p.auditEntry.count({ where: { actor: q.actor, action: q.action, at: { gt: q.since } } });
    },

    /** Everyone who ever did `action` on `subject` (e.g. who edited an announcement), each once. */
    async actors(q: { subject: string; action: string }): Promise<string[]> {
      const rows = await p.auditEntry.findMany({ where: { subject: q.subject, action: q.action }, distinct: ["actor"], select: { actor: true } });
      return rows.map((r) => r.actor);
    },

    /** When `actor` last did `action` after `since`, or null. */
    async lastAt(q: { actor: string; action: string; since: Date }): Promise<Date | null> {
      const row = await p.auditEntry.findFirst({
        where: { actor: q.actor, action: q.action, at: { gt: q.since } },
        orderBy: { at: "desc" },
        select: { at: true },
      });
      return row?.at ?? null;
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
