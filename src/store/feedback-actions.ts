// Feedback actions ("you said, we did"). A decision is one conditional UPDATE whose WHERE names the statuses
// it may start from, so two reviewers tapping at once cannot both decide, and whoever loses is told the
// status the winner left. Domain types out, Prisma stays here.
import type { Prisma } from "../generated/prisma/client.ts";
import type { ActionStatus, FeedbackAction } from "../actions/types.ts";
import { ELEMENTS, type Element } from "../survey/types.ts";
import type { Database } from "./database.ts";

const select = {
  id: true,
  element: true,
  textVi: true,
  textEn: true,
  status: true,
  createdBy: true,
  createdAt: true,
  decidedBy: true,
  decidedAt: true,
  agency: { select: { id: true, code: true, nameVi: true, nameEn: true } },
} as const;

type Row = Prisma.FeedbackActionGetPayload<{ select: typeof select }>;

const elementOf = (v: string | null): Element | null => ((ELEMENTS as readonly string[]).includes(v ?? "") ? (v as Element) : null);

function toDomain(r: Row): FeedbackAction {
  return { ...r, element: elementOf(r.element), status: r.status as ActionStatus };
}

export interface NewFeedbackAction {
  id: string;
  agencyId: number;
  element: Element | null;
  textVi: string;
  textEn: string | null;
  createdBy: string;
}

export interface ActionQuery {
  statuses?: readonly ActionStatus[];
  /** Only these agencies (an official's scope, resolved by the caller); undefined = every agency. */
  agencyIds?: readonly number[];
  limit?: number;
}

export function createFeedbackActionStore(db: Database) {
  const t = db.prisma.feedbackAction;

  function where(q: ActionQuery): Prisma.FeedbackActionWhereInput {
    return {
      ...(q.statuses ? { status: { in: [...q.statuses] } } : {}),
      ...(q.agencyIds ? { agencyId: { in: [...q.agencyIds] } } : {}),
    };
  }

  return {
    async create(a: NewFeedbackAction, at: Date): Promise<FeedbackAction> {
      const r = await t.create({ data: { ...a, status: "pending", createdAt: at }, select });
      return toDomain(r);
    },

    async get(id: string): Promise<FeedbackAction | null> {
      const r = await t.findUnique({ where: { id }, select });
      return r ? toDomain(r) : null;
    },

    /** Newest first (by when they were recorded). */
    async list(q: ActionQuery = {}): Promise<FeedbackAction[]> {
      const rows = await t.findMany({ where: where(q), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit ?? 50, select });
      return rows.map(toDomain);
    },

    /**
     * Moves the action to `to` when its status is one of `from`; the decided action, or null when it was
     * not in one of them any more (or does not exist).
     */
    async decide(id: string, d: { from: readonly ActionStatus[]; to: ActionStatus; by: string; at: Date }): Promise<FeedbackAction | null> {
      const r = await t.updateMany({ where: { id, status: { in: [...d.from] } }, data: { status: d.to, decidedBy: d.by, decidedAt: d.at } });
      if (r.count !== 1) return null;
      const after = await t.findUnique({ where: { id }, select });
      return after ? toDomain(after) : null;
    },
  };
}

export type FeedbackActionStore = ReturnType<typeof createFeedbackActionStore>;
