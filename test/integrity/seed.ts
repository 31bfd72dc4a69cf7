// Responses written with plain SQL, as the integrity flags read them (only the database): honest citizens
// over November 2026 with realistic timing, and a "stuffing" pattern of one chat rating one agency 30 times
// in 10 minutes, all 5s, a second per question. The stuffing test, the bot's /integrity, the digest and the
// site read the same rows.
import type { Database } from "../../src/store/database.ts";
import { utcText } from "../../src/store/sql-values.ts";

export const ITEMS = [
  ["access", "access"],
  ["procedures", "procedures"],
  ["civil_servants", "civil_servants"],
  ["results", "results"],
  ["feedback", "feedback"],
  ["overall", null],
] as const;

/** A small seeded generator, so the honest answers are the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Seeded {
  id: string;
  respondent: string;
  walkIn: boolean;
  completedAt: Date;
  /** Seconds spent on each question, in order. */
  gaps: number[];
  scores: number[];
}

export function honest(): Seeded[] {
  const rnd = random(20261127);
  return Array.from({ length: 200 }, (_, i) => {
    // Working days spread over the month, 08:00–16:30 Hà Nội time (01:00–09:30 UTC).
    const day = 2 + (i % 27);
    const minute = 60 + Math.floor(rnd() * 510);
    const completedAt = new Date(Date.UTC(2026, 10, day, 0, minute, Math.floor(rnd() * 60)));
    const scores = ITEMS.map(() => [2, 3, 4, 4, 5, 5, 5][Math.floor(rnd() * 7)] as number);
    const gaps = ITEMS.map(() => 4 + Math.floor(rnd() * 22));
    return { id: `honest-${i}`, respondent: `person-${i}`, walkIn: i % 3 === 0, completedAt, gaps, scores };
  });
}

/** 30 stuffed responses from `start` (default 09:00 on 18 Nov 2026 in Hà Nội), 20 s apart. */
export function stuffing(start = Date.UTC(2026, 10, 18, 2, 0, 0)): Seeded[] {
  return Array.from({ length: 30 }, (_, i) => ({
    id: `stuffed-${i}`,
    respondent: "one-phone-at-the-counter",
    walkIn: true,
    completedAt: new Date(start + i * 20_000),
    gaps: ITEMS.map(() => 1),
    scores: ITEMS.map(() => 5),
  }));
}

export async function insertResponses(db: Database, agencyId: number, rows: Seeded[]): Promise<void> {
  for (const r of rows) {
    const total = r.gaps.reduce((a, b) => a + b, 0);
    const started = new Date(r.completedAt.getTime() - total * 1000);
    await db.sql.query(`INSERT INTO respondent (id, channel, chat_id, locale) VALUES ($1, 'telegram', $1, 'vi') ON CONFLICT (id) DO NOTHING`, [r.respondent]);
    await db.sql.query(
      `INSERT INTO response (id, respondent_id, agency_id, channel, locale, questionnaire_id, questionnaire_version, walk_in, status, state,
                             started_at, updated_at, completed_at)
       VALUES ($1, $2, $3, 'telegram', 'vi', 'sipas-short', 1, $4, 'completed', '{}'::jsonb, $5::timestamp, $6::timestamp, $6::timestamp)`,
      [r.id, r.respondent, agencyId, r.walkIn, utcText(started), utcText(r.completedAt)],
    );
    let at = started.getTime();
    for (const [i, [item, element]] of ITEMS.entries()) {
      at += (r.gaps[i] as number) * 1000;
      await db.sql.query(`INSERT INTO answer (response_id, item_id, element, score, skipped, answered_at) VALUES ($1, $2, $3, $4, false, $5::timestamp)`, [
        r.id,
        item,
        element,
        r.scores[i],
        utcText(new Date(at)),
      ]);
    }
  }
}
