// Officials' digest subscriptions (one per staff member), and who a digest goes to when it is due.
import { randomId } from "../ids.ts";
import { isLocale } from "../i18n.ts";
import type { Locale } from "../i18n.ts";
import type { Database } from "./database.ts";

export type DigestFrequency = "weekly" | "monthly";

/** Roles that may receive digests. */
export const DIGEST_ROLES = ["official", "admin"] as const;

export interface Subscription {
  id: string;
  staffId: string;
  /** Agency codes within the member's scope; empty = all of their scope. */
  agencies: string[];
  languages: Locale[];
  frequency: DigestFrequency;
  active: boolean;
}

export interface SubscriptionChoice {
  agencies: string[];
  languages: Locale[];
  frequency: DigestFrequency;
}

/** Everything a due digest needs about its recipient, read when it is sent rather than when it was planned. */
export interface DigestTarget {
  staffId: string;
  channel: string;
  chatId: string;
  role: string;
  scope: string[];
  revoked: boolean;
  stopped: boolean;
  subscription: Subscription | null;
}

const select = { id: true, staffId: true, agencies: true, languages: true, frequency: true, active: true } as const;

type Row = { id: string; staffId: string; agencies: string[]; languages: string[]; frequency: string; active: boolean };

function toSubscription(r: Row): Subscription {
  const languages = r.languages.filter(isLocale);
  return {
    id: r.id,
    staffId: r.staffId,
    agencies: r.agencies,
    languages: languages.length ? languages : ["vi"],
    frequency: r.frequency === "monthly" ? "monthly" : "weekly",
    active: r.active,
  };
}

export function createSubscriptionStore(db: Database) {
  const p = db.prisma;
  return {
    async find(staffId: string): Promise<Subscription | null> {
      const r = await p.digestSubscription.findUnique({ where: { staffId }, select });
      return r ? toSubscription(r) : null;
    },

    /** Creates or replaces the member's subscription and (re)activates it. */
    async save(staffId: string, c: SubscriptionChoice, at: Date): Promise<Subscription> {
      const data = { agencies: c.agencies, languages: c.languages, frequency: c.frequency, active: true, updatedAt: at };
      const r = await p.digestSubscription.upsert({
        where: { staffId },
        create: { id: randomId(9), staffId, ...data, createdAt: at },
        update: data,
        select,
      });
      return toSubscription(r);
    },

    /** False when there was no active subscription. */
    async deactivate(staffId: string, at: Date): Promise<boolean> {
      const r = await p.digestSubscription.updateMany({ where: { staffId, active: true }, data: { active: false, updatedAt: at } });
      return r.count > 0;
    },

    /** Members who get a digest of this frequency now: active, not revoked, not stopped, still in a digest role. */
    async recipients(frequency: DigestFrequency): Promise<string[]> {
      const rows = await p.digestSubscription.findMany({
        where: { frequency, active: true, staff: { revokedAt: null, stoppedAt: null, role: { in: [...DIGEST_ROLES] } } },
        select: { staffId: true },
        orderBy: { staffId: "asc" },
      });
      return rows.map((r) => r.staffId);
    },

    async targets(staffIds: string[]): Promise<Map<string, DigestTarget>> {
      if (staffIds.length === 0) return new Map();
      const rows = await p.staffMember.findMany({
        where: { id: { in: staffIds } },
        select: { id: true, channel: true, chatId: true, role: true, scope: true, revokedAt: true, stoppedAt: true, subscription: { select } },
      });
      return new Map(
        rows.map((r) => [
          r.id,
          {
            staffId: r.id,
            channel: r.channel,
            chatId: r.chatId,
            role: r.role,
            scope: r.scope,
            revoked: r.revokedAt !== null,
            stopped: r.stoppedAt !== null,
            subscription: r.subscription ? toSubscription(r.subscription) : null,
          },
        ]),
      );
    },
  };
}

export type SubscriptionStore = ReturnType<typeof createSubscriptionStore>;
