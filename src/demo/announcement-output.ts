// An announcement for communications staff, drafted from an official published result the way `/announce`
// drafts it: the post in Vietnamese and English and its result card, with every number taken from the
// results registry rather than typed.
import { draftFromOfficialResult } from "../announce/draft.ts";
import type { Translate } from "../i18n.ts";
import type { Database } from "../store/database.ts";
import type { OutputWriter } from "./output-files.ts";

/** Lạng Sơn's SIPAS 2021 (GSO province code 20), shipped in the registry's seed. */
export const DEMO_RESULT = { indexCode: "SIPAS", unitCode: "20", year: 2021 };

export async function writeAnnouncement(db: Database, t: Translate, out: OutputWriter): Promise<void> {
  const draft = await draftFromOfficialResult(db, DEMO_RESULT, t);
  const what = `${DEMO_RESULT.indexCode} ${DEMO_RESULT.year}, Lạng Sơn`;
  out.text("announcement.vi.txt", draft.textVi, `announcement draft of ${what} (Vietnamese)`);
  out.png("announcement.vi.png", draft.chartVi, "its result card (Vietnamese)");
  out.text("announcement.en.txt", draft.textEn, `announcement draft of ${what} (English)`);
  out.png("announcement.en.png", draft.chartEn, "its result card (English)");
}
