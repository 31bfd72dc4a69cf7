// A province whose Department of Justice (STP) falls this week: 95 % satisfied last week (60 answers), 50 %
// so far this week (40), while the Department of Construction (SXD) holds steady. Dates come from the
// test's `now`: last week is the same weekday 7 days back, this week a minute before now.
import type { Database } from "../../src/store/database.ts";
import { insertAgencies, insertResponses, uniform } from "../indices/helpers.ts";

const DAY_MS = 86_400_000;

export const PROVINCE = [{ code: "LSN" }, { code: "STP", parent: "LSN" }, { code: "SXD", parent: "LSN" }];

export async function seedWeeklyDrop(db: Database, now: Date): Promise<void> {
  const ids = await insertAgencies(db, PROVINCE);
  const lastWeek = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const thisWeek = new Date(now.getTime() - 60_000).toISOString();
  await insertResponses(db, ids, [
    ...uniform("STP", 57, 5, lastWeek),
    ...uniform("STP", 3, 2, lastWeek),
    ...uniform("STP", 20, 5, thisWeek),
    ...uniform("STP", 20, 2, thisWeek),
    ...uniform("SXD", 40, 5, lastWeek),
    ...uniform("SXD", 40, 5, thisWeek),
  ]);
}
