// Complaints after a low score and what the agency sent back. Every state change is one conditional
// statement (drafting → open → resolved, erased from any), so a second press, a redelivered update or two
// instances at once change nothing the first did not; the caller reads the outcome from what came back.
import type { Database } from "./database.ts";

export type ComplaintStatus = "drafting" | "open" | "resolved" | "erased";

export interface LowScore {
  itemId: string;
  element: string | null;
  score: number;
}

/** A complaint as the core sees it. The citizen's chat is never here: see recipient(). */
export interface Complaint {
  id: string;
  responseId: string;
  agencyId: number;
  channel: string;
  locale: string;
  lowScores: LowScore[];
  status: ComplaintStatus;
  text: string | null;
  contactPhone: string | null;
  awaitingContact: boolean;
  createdAt: Date;
  submittedAt: Date | null;
  firstReplyAt: Date | null;
  resolvedAt: Date | null;
  replies: number;
}

export interface ComplaintReply {
  id: string;
  complaintId: string;
  kind: "reply" | "resolved";
  staffId: string;
  text: string | null;
  delivery: "pending" | "delivered" | "failed";
}

const select = {
  id: true,
  responseId: true,
  agencyId: true,
  channel: true,
  locale: true,
  lowScores: true,
  status: true,
  text: true,
  contactPhone: true,
  awaitingContact: true,
  createdAt: true,
  submittedAt: true,
  firstReplyAt: true,
  resolvedAt: true,
  _count: { select: { replies: true } },
} as const;

type Row = {
  id: string;
  responseId: string;
  agencyId: number;
  channel: string;
  locale: string;
  lowScores: unknown;
  status: string;
  text: string | null;
  contactPhone: string | null;
  awaitingContact: boolean;
  createdAt: Date;
  submittedAt: Date | null;
  firstReplyAt: Date | null;
  resolvedAt: Date | null;
  _count: { replies: number };
};

function lowScoresOf(v: unknown): LowScore[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x: unknown) => {
    const o = x as Partial<LowScore> | null;
    return o && typeof o.itemId === "string" && typeof o.score === "number" ? [{ itemId: o.itemId, element: typeof o.element === "string" ? o.element : null, score: o.score }] : [];
  });
}

function toComplaint(r: Row): Complaint {
  const { _count, lowScores, status, ...rest } = r;
  return { ...rest, status: status as ComplaintStatus, lowScores: lowScoresOf(lowScores), replies: _count.replies };
}

export interface NewComplaint {
  id: string;
  responseId: string;
  respondentId: string;
  agencyId: number;
  channel: string;
  locale: string;
  lowScores: LowScore[];
}

/** `now` is the service's clock: every time a complaint carries is written from it. */
export function createComplaintStore(db: Database, now: () => Date) {
  const p = db.prisma;
  const byId = async (id: string) => {
    const r = await p.complaint.findUnique({ where: { id }, select });
    return r ? toComplaint(r) : null;
  };
  return {
    find: byId,

    /** The complaint of a survey, if the citizen took the offer. */
    async forResponse(responseId: string): Promise<Complaint | null> {
      const r = await p.complaint.findUnique({ where: { responseId }, select });
      return r ? toComplaint(r) : null;
    },

    /** Takes the offer: a drafting row, or the one the survey already has (a second tap creates nothing). */
    async draft(c: NewComplaint): Promise<Complaint> {
      await p.complaint.createMany({
        data: [{ ...c, lowScores: c.lowScores as unknown as object, status: "drafting", createdAt: now() }],
        skipDuplicates: true,
      });
      const r = await p.complaint.findUniqueOrThrow({ where: { responseId: c.responseId }, select });
      return toComplaint(r);
    },

    /**
     * The person's complaint that waits for their typing (its text, or the optional phone number), newest
     * first; only one begun after `since`, so a forgotten offer does not swallow a text written days later.
     */
    async awaitingInput(respondentId: string, since: Date): Promise<Complaint | null> {
      const r = await p.complaint.findFirst({
        where: { respondentId, createdAt: { gte: since }, OR: [{ status: "drafting" }, { status: "open", awaitingContact: true }] },
        orderBy: { createdAt: "desc" },
        select,
      });
      return r ? toComplaint(r) : null;
    },

    /** The text arrives: drafting → open. Null when it is no longer drafting (sent already, erased). */
    async submit(id: string, text: string): Promise<Complaint | null> {
      const n = await p.complaint.updateMany({ where: { id, status: "drafting" }, data: { status: "open", text, submittedAt: now(), awaitingContact: true } });
      return n.count === 1 ? byId(id) : null;
    },

    /** The optional contact step ends: a phone number, or null for "a reply in this chat is enough". */
    async setContact(id: string, phone: string | null): Promise<boolean> {
      const n = await p.complaint.updateMany({ where: { id, awaitingContact: true, status: { in: ["open", "resolved"] } }, data: { contactPhone: phone, awaitingContact: false } });
      return n.count === 1;
    },

    /** The citizen changed their mind before writing anything: no row is left. */
    async dropDraft(id: string): Promise<boolean> {
      const n = await p.complaint.deleteMany({ where: { id, status: "drafting" } });
      return n.count === 1;
    },

    /** Submitted complaints of these agencies (ids), newest first; open ones only unless told. */
    async list(o: { agencyIds: number[] | null; statuses?: ComplaintStatus[]; limit: number }): Promise<Complaint[]> {
      const rows = await p.complaint.findMany({
        where: { status: { in: o.statuses ?? ["open"] }, ...(o.agencyIds ? { agencyId: { in: o.agencyIds } } : {}) },
        orderBy: [{ submittedAt: "desc" }, { id: "asc" }],
        take: o.limit,
        select,
      });
      return rows.map(toComplaint);
    },

    /** Open complaints per agency id, for the counts staff outside an agency's scope may see. */
    async openCounts(): Promise<Map<number, number>> {
      const rows = await p.complaint.groupBy({ by: ["agencyId"], where: { status: "open" }, _count: { _all: true } });
      return new Map(rows.map((r) => [r.agencyId, r._count._all]));
    },

    /**
     * Records what an official sends while the complaint is still open (a reply) or as it is resolved; the
     * first reply's time is kept for the digest. Null when the complaint is not open any more.
     */
    async addReply(r: { id: string; complaintId: string; staffId: string; text: string }): Promise<ComplaintReply | null> {
      const at = now();
      return p.$transaction(async (tx) => {
        // COALESCE: only the first reply's time counts (the digest's "time to first reply").
        const n = await tx.$executeRaw`UPDATE complaint SET first_reply_at = COALESCE(first_reply_at, ${at.toISOString()}::timestamp) WHERE id = ${r.complaintId} AND status = 'open'`;
        if (n === 0) return null;
        await tx.complaintReply.create({ data: { id: r.id, complaintId: r.complaintId, kind: "reply", staffId: r.staffId, text: r.text, createdAt: at } });
        return { id: r.id, complaintId: r.complaintId, kind: "reply" as const, staffId: r.staffId, text: r.text, delivery: "pending" as const };
      });
    },

    /** open → resolved, with the notice to the citizen recorded; null when it was resolved (or erased) already. */
    async resolve(r: { complaintId: string; staffId: string; noticeId: string }): Promise<ComplaintReply | null> {
      const at = now();
      return p.$transaction(async (tx) => {
        const n = await tx.complaint.updateMany({ where: { id: r.complaintId, status: "open" }, data: { status: "resolved", resolvedAt: at, resolvedBy: r.staffId } });
        if (n.count === 0) return null;
        await tx.complaintReply.create({ data: { id: r.noticeId, complaintId: r.complaintId, kind: "resolved", staffId: r.staffId, text: null, createdAt: at } });
        return { id: r.noticeId, complaintId: r.complaintId, kind: "resolved" as const, staffId: r.staffId, text: null, delivery: "pending" as const };
      });
    },

    async findReply(id: string): Promise<ComplaintReply | null> {
      const r = await p.complaintReply.findUnique({ where: { id }, select: { id: true, complaintId: true, kind: true, staffId: true, text: true, delivery: true } });
      return r ? { ...r, kind: r.kind as ComplaintReply["kind"], delivery: r.delivery as ComplaintReply["delivery"] } : null;
    },

    /** How a reply's sending ended; only a pending one changes, so a late retry cannot undo a delivery. */
    async markDelivery(id: string, o: { delivered: true } | { delivered: false; failure: string }): Promise<boolean> {
      const n = await p.complaintReply.updateMany({
        where: { id, delivery: "pending" },
        data: o.delivered ? { delivery: "delivered", deliveredAt: now() } : { delivery: "failed", failure: o.failure },
      });
      return n.count === 1;
    },

    /** Where the citizen is reached (their respondent row), or null once they erased themselves. */
    async recipient(complaintId: string): Promise<{ channel: string; chatId: string; locale: string; stopped: boolean } | null> {
      const c = await p.complaint.findUnique({ where: { id: complaintId }, select: { respondentId: true, locale: true } });
      if (!c?.respondentId) return null;
      const r = await p.respondent.findUnique({ where: { id: c.respondentId }, select: { channel: true, chatId: true, locale: true, stoppedAt: true } });
      if (!r?.chatId) return null;
      return { channel: r.channel, chatId: r.chatId, locale: r.locale, stopped: r.stoppedAt !== null };
    },

    /**
     * /delete: the person's complaints lose their text, contact and link to them, and the replies' texts go
     * too. The rows stay, content-free, with their times (see the model's comment: the digest's figures).
     */
    async eraseRespondent(respondentId: string): Promise<number> {
      return p.$transaction(async (tx) => {
        const mine = await tx.complaint.findMany({ where: { respondentId }, select: { id: true } });
        const ids = mine.map((c) => c.id);
        if (ids.length === 0) return 0;
        await tx.complaintReply.updateMany({ where: { complaintId: { in: ids } }, data: { text: null } });
        // A draft never reached the agency: nothing of it is worth keeping.
        await tx.complaint.deleteMany({ where: { id: { in: ids }, status: "drafting" } });
        await tx.complaint.updateMany({
          where: { id: { in: ids } },
          data: { status: "erased", text: null, contactPhone: null, awaitingContact: false, respondentId: null, lowScores: [], erasedAt: now() },
        });
        return ids.length;
      });
    },
  };
}

export type ComplaintStore = ReturnType<typeof createComplaintStore>;

/** A complaint's times as the digest reads them (src/complaints/figures.ts). */
export interface ComplaintTimes {
  agencyCode: string;
  status: ComplaintStatus;
  submittedAt: Date;
  firstReplyAt: Date | null;
  resolvedAt: Date | null;
}

/**
 * The complaints a digest of [from, to) speaks of: those submitted, first answered or resolved in the
 * period, and those still open (the backlog an official should see). Times only, never text.
 */
export async function loadComplaintTimes(db: Database, o: { from: Date; to: Date }): Promise<ComplaintTimes[]> {
  const rows = await db.prisma.complaint.findMany({
    where: {
      submittedAt: { not: null, lt: o.to },
      OR: [{ submittedAt: { gte: o.from } }, { status: "open" }, { firstReplyAt: { gte: o.from, lt: o.to } }, { resolvedAt: { gte: o.from, lt: o.to } }],
    },
    select: { agencyId: true, status: true, submittedAt: true, firstReplyAt: true, resolvedAt: true },
  });
  if (rows.length === 0) return [];
  const agencies = await db.prisma.agency.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.agencyId))] } }, select: { id: true, code: true } });
  const code = new Map(agencies.map((a) => [a.id, a.code]));
  return rows.flatMap((r) =>
    code.has(r.agencyId) && r.submittedAt
      ? [{ agencyCode: code.get(r.agencyId)!, status: r.status as ComplaintStatus, submittedAt: r.submittedAt, firstReplyAt: r.firstReplyAt, resolvedAt: r.resolvedAt }]
      : [],
  );
}
