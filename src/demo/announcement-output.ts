// Announcements for communications staff, drafted from official published results the way `/announce`
// drafts them: the post in Vietnamese and English and its card, every number taken from the results registry
// rather than typed. Lạng Sơn's PAR INDEX and SIPAS 2021 together (as the province's own report gives them),
// then two posts whose cards show what Lạng Sơn's cannot from the registry's verified rows: the five SIPAS
// elements as bars (the national figures of 2023, the only element values published) and a series of years
// (the national SIPAS 2018–2021).
import { createStores } from "../store/stores.ts";
import { draftFromOfficialResult } from "../announce/draft.ts";
import type { Translate } from "../i18n.ts";
import type { Database } from "../store/database.ts";
import type { OutputWriter } from "./output-files.ts";

/** Lạng Sơn (GSO province code 20), shipped in the registry's seed. */
export const DEMO_RESULT = { indexCode: "PAR_INDEX+SIPAS", unitCode: "20", year: 2021 };

const MORE = [
  { name: "announcement-subindices", ref: { indexCode: "SIPAS", unitCode: "VN", year: 2023 }, what: "SIPAS 2023, average of the 63 provinces, with its five elements" },
  { name: "announcement-series", ref: { indexCode: "SIPAS", unitCode: "VN", year: 2021 }, what: "SIPAS 2021, average of the 63 provinces, with the years before" },
];

export async function writeAnnouncement(db: Database, t: Translate, out: OutputWriter): Promise<void> {
  const sources = { db, stores: createStores(db, () => new Date()) };
  const draft = await draftFromOfficialResult(sources, DEMO_RESULT, t);
  const what = "PAR INDEX and SIPAS 2021, Lạng Sơn";
  out.text("announcement.vi.txt", draft.textVi, `announcement draft of ${what} (Vietnamese)`);
  out.png("announcement.vi.png", draft.chartVi, "its card (Vietnamese)");
  out.text("announcement.en.txt", draft.textEn, `announcement draft of ${what} (English)`);
  out.png("announcement.en.png", draft.chartEn, "its card (English)");
  for (const m of MORE) {
    const d = await draftFromOfficialResult(sources, m.ref, t);
    out.text(`${m.name}.vi.txt`, d.textVi, `announcement draft of ${m.what} (Vietnamese)`);
    out.png(`${m.name}.vi.png`, d.chartVi, "its card (Vietnamese)");
    out.text(`${m.name}.en.txt`, d.textEn, `announcement draft of ${m.what} (English)`);
    out.png(`${m.name}.en.png`, d.chartEn, "its card (English)");
  }
}
