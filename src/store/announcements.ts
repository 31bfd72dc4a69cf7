// Announcements: bilingual posts and their approval. Every transition is one conditional UPDATE whose WHERE
// states what must hold (the expected status, and for publishing an approval of exactly the current version),
// so a rule enforced in the core is enforced again by the database, and two racing instances cannot both win.
import type { Prisma } from "../generated/prisma/client.ts";
// The status lists are the lifecycle's own (a module of constants and pure functions: no import cycle).
import { EDITABLE, PUBLISHABLE } from "../announce/lifecycle.ts";
import type { Announcement, AnnouncementSource, AnnouncementStatus, TextLang } from "../announce/types.ts";
import type { Database } from "./database.ts";

const select = {
  id: true,
  sourceKind: true,
  source: true,
  textVi: true,
  textEn: true,
  status: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
  approvedBy: true,
  approvedAt: true,
  publishAt: true,
  publishedAt: true,
  version: true,
  approvedVersion: true,
  rejectedBy: true,
  rejectedAt: true,
  rejectionReason: true,
} as const;

type Row = Prisma.AnnouncementGetPayload<{ select: typeof select }>;

function sourceOf(kind: string, v: unknown): AnnouncementSource {
  const s = (v && typeof v === "object" ? v : {}) as Record<string, unknown>;
  if (kind === "official_result") {
    return { kind, indexCode: String(s.indexCode), unitCode: String(s.unitCode), year: Number(s.year) };
  }
  return { kind: "index_report", agencyCode: String(s.agencyCode), period: String(s.period) };
}

function toDomain(r: Row): Announcement {
  return {
    id: r.id,
    source: sourceOf(r.sourceKind, r.source),
    textVi: r.textVi,
    textEn: r.textEn,
    status: r.status as AnnouncementStatus,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    approvedBy: r.approvedBy,
    approvedAt: r.approvedAt,
    publishAt: r.publishAt,
    publishedAt: r.publishedAt,
    version: r.version,
    approvedVersion: r.approvedVersion,
    rejectedBy: r.rejectedBy,
    rejectedAt: r.rejectedAt,
    rejectionReason: r.rejectionReason,
  };
}

export interface NewAnnouncement {
  id: string;
  source: AnnouncementSource;
  textVi: string;
  textEn: string;
  createdBy: string;
}

export function createAnnouncementStore(db: Database) {
  const p = db.prisma;
  const t = p.announcement;

  async function reread(id: string, changed: number): Promise<Announcement | null> {
    if (changed !== 1) return null;
    const r = await t.findUnique({ where: { id }, select });
    return r ? toDomain(r) : null;
  }

  /** Only an approval given to this very version counts; the comparison of two columns happens in SQL. */
  const approvedAsIs = { approvedBy: { not: null }, approvedVersion: { equals: t.fields.version } } as const;

  return {
    async create(a: NewAnnouncement, at: Date): Promise<Announcement> {
      const { kind, ...source } = a.source;
      const r = await t.create({
        data: {
          id: a.id,
          sourceKind: kind,
          source: source as Prisma.InputJsonValue,
          textVi: a.textVi,
          textEn: a.textEn,
          status: "draft",
          createdBy: a.createdBy,
          createdAt: at,
          updatedAt: at,
        },
        select,
      });
      return toDomain(r);
    },

    /**
     * The announcement with this id. Ids mix upper and lower case and people retype them (`hailong announce
     * show ID`): when the exact id is unknown, the one announcement whose id matches without regard to case
     * is meant (two such, vanishingly rare, are ambiguous and give null). Writes take the id this returns.
     */
    async get(id: string): Promise<Announcement | null> {
      const r = await t.findUnique({ where: { id }, select });
      if (r) return toDomain(r);
      const loose = await t.findMany({ where: { id: { equals: id, mode: "insensitive" } }, select, take: 2 });
      return loose.length === 1 ? toDomain(loose[0]!) : null;
    },

    /** Newest first; optionally only some statuses. */
    async list(q: { statuses?: readonly AnnouncementStatus[]; limit?: number } = {}): Promise<Announcement[]> {
      const rows = await t.findMany({
        where: q.statuses ? { status: { in: [...q.statuses] } } : {},
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        take: q.limit ?? 20,
        select,
      });
      return rows.map(toDomain);
    },

    /**
     * Replaces one language's text if the post is still at `version`: the version goes up, any approval and
     * schedule are voided, and the post is a draft again.
     */
    async editText(id: string, o: { lang: TextLang; text: string; version: number; at: Date }): Promise<Announcement | null> {
      const r = await t.updateMany({
        where: { id, version: o.version, status: { in: [...EDITABLE] } },
        data: {
          ...(o.lang === "vi" ? { textVi: o.text } : { textEn: o.text }),
          version: { increment: 1 },
          status: "draft",
          approvedBy: null,
          approvedAt: null,
          approvedVersion: null,
          publishAt: null,
          updatedAt: o.at,
        },
      });
      return reread(id, r.count);
    },

    /** Moves between statuses that carry no other condition (submit, discard, unschedule); any schedule is dropped. */
    async transition(id: string, o: { from: readonly AnnouncementStatus[]; to: AnnouncementStatus; version: number; at: Date }): Promise<Announcement | null> {
      const r = await t.updateMany({
        where: { id, version: o.version, status: { in: [...o.from] } },
        data: { status: o.to, updatedAt: o.at, publishAt: null },
      });
      return reread(id, r.count);
    },

    /** Rejects exactly `version` of a pending post, keeping who did and why for the author to read. */
    async reject(id: string, o: { by: string; reason: string | null; version: number; at: Date }): Promise<Announcement | null> {
      const r = await t.updateMany({
        where: { id, version: o.version, status: "pending" },
        data: { status: "rejected", rejectedBy: o.by, rejectedAt: o.at, rejectionReason: o.reason, publishAt: null, updatedAt: o.at },
      });
      return reread(id, r.count);
    },

    /** Approves exactly `version` of a pending post. */
    async approve(id: string, o: { by: string; version: number; at: Date }): Promise<Announcement | null> {
      const r = await t.updateMany({
        where: { id, version: o.version, status: "pending" },
        data: { status: "approved", approvedBy: o.by, approvedAt: o.at, approvedVersion: o.version, updatedAt: o.at },
      });
      return reread(id, r.count);
    },

    /** Sets (or moves) the publication time of an approved post, as approved. */
    async schedule(id: string, o: { publishAt: Date; version: number; at: Date }): Promise<Announcement | null> {
      const r = await t.updateMany({
        where: { id, version: o.version, status: { in: [...PUBLISHABLE] }, ...approvedAsIs },
        data: { status: "scheduled", publishAt: o.publishAt, updatedAt: o.at },
      });
      return reread(id, r.count);
    },

    /**
     * Claims the post for publishing: one caller wins, and only for a post approved as it stands now. `from`
     * says which path asks (an immediate publish takes approved or scheduled posts, the scheduled job only
     * scheduled ones); `version` is the text the caller is about to send.
     */
    async beginPublishing(id: string, o: { from: readonly ("approved" | "scheduled")[]; version: number; at: Date }): Promise<Announcement | null> {
      const r = await t.updateMany({
        where: { id, version: o.version, status: { in: [...o.from] }, ...approvedAsIs },
        data: { status: "publishing", updatedAt: o.at },
      });
      return reread(id, r.count);
    },

    /** Ends a publishing run: published when something went out, else back to approved to be tried again. */
    async finishPublishing(id: string, o: { delivered: boolean; at: Date }): Promise<Announcement | null> {
      const r = await t.updateMany({
        where: { id, status: "publishing" },
        data: o.delivered ? { status: "published", publishedAt: o.at, publishAt: null, updatedAt: o.at } : { status: "approved", publishAt: null, updatedAt: o.at },
      });
      return reread(id, r.count);
    },
  };
}

export type AnnouncementStore = ReturnType<typeof createAnnouncementStore>;
