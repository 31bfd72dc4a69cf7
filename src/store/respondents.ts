// Pseudonymous respondents. The raw chat id is kept only to reach the person and erased on request.
import type { Database } from "./database.ts";

export interface Respondent {
  id: string;
  channel: string;
  chatId: string | null;
  locale: string;
}

/** `now` is the service's clock: the time an erasure cancels a survey at is written from it, as every other. */
export function createRespondentStore(db: Database, now: () => Date) {
  const p = db.prisma;
  return {
    find(id: string): Promise<Respondent | null> {
      return p.respondent.findUnique({ where: { id }, select: { id: true, channel: true, chatId: true, locale: true } });
    },
    async upsert(r: { id: string; channel: string; chatId: string; locale: string }): Promise<Respondent> {
      return p.respondent.upsert({
        where: { id: r.id },
        create: r,
        update: { chatId: r.chatId },
        select: { id: true, channel: true, chatId: true, locale: true },
      });
    },
    /** The person left the channel (Zalo unfollow): reminders must not write to them. First stop wins. */
    async markStopped(id: string, at: Date): Promise<boolean> {
      const r = await p.respondent.updateMany({ where: { id, stoppedAt: null }, data: { stoppedAt: at } });
      return r.count === 1;
    },
    /** They came back (Zalo follow). */
    async clearStopped(id: string): Promise<void> {
      await p.respondent.updateMany({ where: { id, stoppedAt: { not: null } }, data: { stoppedAt: null } });
    },
    async setLocale(id: string, locale: string): Promise<void> {
      await p.respondent.updateMany({ where: { id }, data: { locale } });
    },
    /**
     * Erases a person: the chat id goes, every response loses its link to them, their free-text comments
     * (which may name them) are deleted, and an unfinished survey is cancelled. Scores stay, anonymous.
     * Returns how many responses were unlinked.
     */
    async erase(id: string): Promise<number> {
      return p.$transaction(async (tx) => {
        const responses = await tx.response.findMany({ where: { respondentId: id }, select: { id: true } });
        const ids = responses.map((r) => r.id);
        await tx.answer.deleteMany({ where: { responseId: { in: ids }, text: { not: null } } });
        await tx.response.updateMany({
          where: { respondentId: id, status: "active" },
          data: { status: "cancelled", version: { increment: 1 }, updatedAt: now() },
        });
        await tx.response.updateMany({ where: { respondentId: id }, data: { respondentId: null, version: { increment: 1 } } });
        await tx.respondent.deleteMany({ where: { id } });
        return ids.length;
      });
    },
  };
}

export type RespondentStore = ReturnType<typeof createRespondentStore>;
