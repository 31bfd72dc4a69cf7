// The officials' weekly digest of the simulated week, in Vietnamese and English: the message text an
// official would receive on Monday and its chart picture (the first agency's elements), built by the
// digest code the scheduled sender uses.
import { renderDigestChart } from "../digest/chart.ts";
import { buildDigest } from "../digest/build.ts";
import { loadDigestInput } from "../digest/gather.ts";
import { renderDigestText } from "../digest/render.ts";
import type { Translate } from "../i18n.ts";
import type { Period } from "../indices/period.ts";
import type { Database } from "../store/database.ts";
import { LOCALES } from "../i18n.ts";
import type { OutputWriter } from "./output-files.ts";

const LANGUAGE = { vi: "Vietnamese", en: "English" } as const;

export async function writeDigests(db: Database, request: { agencyCodes: string[]; period: Period; minN: number }, t: Translate, out: OutputWriter): Promise<void> {
  // The facts do not depend on the language: read and bootstrap them once, then build each language.
  const input = await loadDigestInput(db, request);
  for (const locale of LOCALES) {
    const digest = buildDigest(input, locale);
    out.text(`digest.${locale}.txt`, renderDigestText(digest, locale, t), `weekly digest for officials (${LANGUAGE[locale]})`);
    out.png(`digest.${locale}.png`, renderDigestChart(digest, locale, { t }), `its chart: ${digest.sections[0]?.agencyName ?? ""}, elements with 95 % intervals and last week`);
  }
}
